import type { DurationParts } from '@runner-up/core';

/**
 * Seconds in a duration that has no months or years: weeks, days, hours, minutes and seconds all
 * have a fixed length in an RFC 5545 dur-value (a day is 24 hours there, §3.3.6).
 */
export function exactSeconds(d: DurationParts): number {
  return (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds;
}

/**
 * A signed dur-value (RFC 5545 §3.3.6) from seconds: `-PT15M`, `PT9H15M`, `-P1DT2H`, `PT1H0M30S`.
 * Always days and time, never weeks: the grammar allows weeks only alone (`P1W`), and a minute
 * between hours and seconds (`dur-hour = 1*DIGIT "H" [dur-minute]`), so `PT1H30S` is written
 * `PT1H0M30S`.
 */
export function formatDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(totalSeconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  let time = '';
  if (h) time += `${h}H`;
  if (m || (h && s)) time += `${m}M`;
  if (s) time += `${s}S`;
  if (!days && !time) return 'PT0S';
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
