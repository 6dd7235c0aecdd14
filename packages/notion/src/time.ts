/**
 * Notion's date strings (`YYYY-MM-DDTHH:mm:ss` plus a `time_zone`) on top of core's zone
 * conversions, so Notion dates follow the same DST policy as the reminders they come from.
 */
import { offsetMinutes, toInstant, toLocal } from '@runner-up/core';

/** The wall-clock time of `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm:ss`. */
export function localDateTime(instant: number, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const seconds = Math.floor((((instant % 60_000) + 60_000) % 60_000) / 1000);
  return `${local.date}T${local.time}:${String(seconds).padStart(2, '0')}`;
}

const DAY = 86_400_000;

/**
 * Whether the wall-clock time of `instant` in `timeZone` also names another instant: the repeated
 * hour when clocks go back, where a wall-clock time alone does not say which pass is meant.
 */
export function isRepeatedLocalTime(instant: number, timeZone: string): boolean {
  const offset = offsetMinutes(instant, timeZone);
  for (const probe of [instant - DAY, instant + DAY]) {
    const other = offsetMinutes(probe, timeZone);
    if (other === offset) continue;
    // The instant the same wall-clock time has under the other offset, if it has that offset.
    if (offsetMinutes(instant + (offset - other) * 60_000, timeZone) === other) return true;
  }
  return false;
}

/** `instant` as `YYYY-MM-DDTHH:mm:ss±HH:MM`, at `timeZone`'s offset at that instant. */
export function offsetDateTime(instant: number, timeZone: string): string {
  const offset = Math.round(offsetMinutes(instant, timeZone));
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${localDateTime(instant, timeZone)}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** The instant of a wall-clock time (`YYYY-MM-DD[THH:mm[:ss[.sss]]]`) in `timeZone`; NaN if unreadable. */
export function localToInstant(local: string, timeZone: string): number {
  const match = LOCAL.exec(local);
  if (!match) return Number.NaN;
  try {
    return toInstant(match[1]!, match[2] ?? '00:00', timeZone) + Number(match[3] ?? 0) * 1000;
  } catch {
    // A zone or date Notion sent that core does not accept reads as "no date".
    return Number.NaN;
  }
}
