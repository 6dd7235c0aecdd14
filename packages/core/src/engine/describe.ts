/**
 * Human wording for durations and offsets, used in reminders' `why`.
 *
 * @module
 */

import type { Offset } from '../model/pipeline';
import { parseDuration } from '../model/values';

const UNITS = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
] as const;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Reads an ISO 8601 duration aloud: `P3W` → "3 weeks", `P1Y6M` → "1 year 6 months".
 * A zero duration reads "0 days".
 */
export function describeDuration(duration: string): string {
  let words = described.get(duration);
  if (words === undefined) {
    const parts = parseDuration(duration);
    if (!parts) return duration;
    const list = UNITS.filter(([key]) => parts[key] > 0).map(([key, unit]) =>
      plural(parts[key], unit),
    );
    words = list.length ? list.join(' ') : '0 days';
    if (described.size > 1_000) described.clear();
    described.set(duration, words);
  }
  return words;
}

const described = new Map<string, string>();

/** "1 business day", "2 business days", …: kept, as a plan reads the same few thousands of times. */
const businessDayWords: string[] = [];

/** Reads an offset aloud: "3 weeks" or "1 business day". */
export function describeOffset(offset: Offset): string {
  if (typeof offset === 'string') return describeDuration(offset);
  const count = offset.businessDays;
  if (count > 1_000) return plural(count, 'business day');
  let words = businessDayWords[count];
  if (words === undefined) {
    words = plural(count, 'business day');
    businessDayWords[count] = words;
  }
  return words;
}

const WEEKDAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "Saturday" for `sat`. */
export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[day] ?? day;
}
