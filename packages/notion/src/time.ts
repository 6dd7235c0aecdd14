/**
 * Notion's date strings (`YYYY-MM-DDTHH:mm:ss` plus a `time_zone`) on top of core's zone
 * conversions, so Notion dates follow the same DST policy as the reminders they come from.
 */
import { toInstant, toLocal } from '@runner-up/core';

/** The wall-clock time of `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm:ss`. */
export function localDateTime(instant: number, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const seconds = Math.floor((((instant % 60_000) + 60_000) % 60_000) / 1000);
  return `${local.date}T${local.time}:${String(seconds).padStart(2, '0')}`;
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
