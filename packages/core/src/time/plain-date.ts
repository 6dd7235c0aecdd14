/**
 * Plain-date arithmetic on `YYYY-MM-DD` strings.
 *
 * Dates are turned into day numbers (days since 1970-01-01 in the proleptic Gregorian calendar)
 * with pure integer arithmetic, so nothing here ever touches a `Date` in the host's zone and the
 * answers are the same under any `TZ`.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import { type DurationParts, durationParts } from '../model/values';

/** A day of the week, Monday first, as `owner.workdays` writes it. */
export type WeekdayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const WEEKDAYS: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * Days since 1970-01-01 of a civil date (the "days from civil" algorithm: eras of 400 years,
 * March-based years so the leap day is last).
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = floorDiv(153 * mp + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil `[year, month, day]` of a day number (inverse of {@link dayNumberOf}). */
export function civilOf(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = floorDiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = floorDiv(
    doe - floorDiv(doe, 1460) + floorDiv(doe, 36_524) - floorDiv(doe, 146_096),
    365,
  );
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Formats a civil date as `YYYY-MM-DD`.
 *
 * @throws {RunnerUpError} `invalid_options` when a field is not a whole number (never `NaN` text).
 */
export function formatPlainDate(year: number, month: number, day: number): string {
  if (!Number.isSafeInteger(year) || !Number.isSafeInteger(month) || !Number.isSafeInteger(day)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] Cannot write a date from year ${year}, month ${month}, day ${day}: expected whole numbers.`,
    );
  }
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

// Digit arithmetic rather than slice + Number: plan() does this for every date it touches.
function digit(date: string, index: number): number {
  return date.charCodeAt(index) - 48;
}
// Month and day are read from the end, so a year of other than four digits (`10000-01-08`,
// which no date of the file has, but arithmetic past 9999 writes) is read whole, not as `1000`.
function yearOf(date: string): number {
  if (date.length !== 10) return Number(date.slice(0, -6));
  return digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
}
function monthOf(date: string): number {
  const at = date.length - 5;
  return digit(date, at) * 10 + digit(date, at + 1);
}
function dayOf(date: string): number {
  const at = date.length - 2;
  return digit(date, at) * 10 + digit(date, at + 1);
}

/**
 * The last date runner-up plans. Dates keep four-digit years, so that comparing them as text
 * compares them in time: arithmetic that goes further gives {@link PAST_LAST_DATE}.
 */
export const LAST_DATE = '9999-12-31';
const LAST_DAY_NUMBER = dayNumberOf(9999, 12, 31);
/**
 * The last day `plan()` plans: the day before {@link LAST_DATE}, so that a reminder's instant
 * stays within the year 9999 in every zone. A `now` after it, or a `horizon` reaching past it,
 * is refused with `invalid_options`.
 */
export const LAST_PLANNED_DATE = '9999-12-30';
/**
 * What date arithmetic gives past {@link LAST_DATE}: the day after it, written so that it still
 * sorts after every date and reads back as that day. Never shown: `plan()` refuses a horizon that
 * reaches {@link LAST_DATE}, so whatever falls on it is past the horizon.
 */
export const PAST_LAST_DATE = '9999-12-32';

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. The input is assumed valid (schemas check it). */
export function toDayNumber(date: string): number {
  return dayNumberOf(yearOf(date), monthOf(date), dayOf(date));
}

// plan() formats the same few thousand days over and over: keep one string per day, which
// also lets every reminder of a day share it instead of holding its own copy. Days from 1970 to
// 2149 are kept by index (an array read, not a hash lookup); others in a map.
const DENSE_DAYS = 65_536;
const denseDays: (string | undefined)[] = new Array(DENSE_DAYS);
const formattedDays = new Map<number, string>();

/**
 * The `YYYY-MM-DD` date of a day number; {@link PAST_LAST_DATE} past {@link LAST_DATE}, and for
 * arithmetic that overflowed (`NaN`, `Infinity` from a duration too large for a float).
 */
export function fromDayNumber(dayNumber: number): string {
  const dense = dayNumber >= 0 && dayNumber < DENSE_DAYS && Number.isInteger(dayNumber);
  let text = dense ? denseDays[dayNumber] : formattedDays.get(dayNumber);
  if (text === undefined) {
    // `!(<=)` so that NaN lands here too.
    if (!(dayNumber <= LAST_DAY_NUMBER)) return PAST_LAST_DATE;
    const [y, m, d] = civilOf(dayNumber);
    text = formatPlainDate(y, m, d);
    if (dense) {
      denseDays[dayNumber] = text;
    } else {
      if (formattedDays.size >= 50_000) formattedDays.clear();
      formattedDays.set(dayNumber, text);
    }
  }
  return text;
}

/** Days in `month` (1-12) of `year`, proleptic Gregorian. */
function monthLength(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return days === 0 ? date : fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` plus `times` × an ISO 8601 duration, calendar-wise: years and months first, clamping the
 * day to the end of a short month (Jan 31 + P1M = Feb 28, or Feb 29 in a leap year), then weeks and
 * days. Clock parts count only as whole days (`PT48H` adds two days, `PT30M` none), since a plain
 * date has no time of day.
 *
 * Multiplying before clamping is what keeps a series anchored: Jan 31 + 2 × P3M is Jul 31, where
 * adding P3M twice would give Apr 30 then Jul 30.
 *
 * A result past {@link LAST_DATE}, however far (parts too large for a float included), is
 * {@link PAST_LAST_DATE}.
 *
 * @param duration - an ISO 8601 duration (`P3M`, `P1Y2M10D`) or its parsed parts; a string that
 *   is not a duration adds nothing
 * @param times - how many times to add it (default 1)
 */
export function addDuration(date: string, duration: string | DurationParts, times = 1): string {
  const parts = typeof duration === 'string' ? cachedDuration(duration) : duration;
  if (!parts || times === 0) return date;
  let year = yearOf(date);
  let month = monthOf(date);
  let day = dayOf(date);
  const months = (parts.years * 12 + parts.months) * times;
  if (months !== 0) {
    const index = year * 12 + (month - 1) + months;
    year = floorDiv(index, 12);
    month = index - year * 12 + 1;
    day = Math.min(day, monthLength(year, month));
  }
  const days = (parts.weeks * 7 + parts.days + durationClockDays(parts)) * times;
  return fromDayNumber(dayNumberOf(year, month, day) + days);
}

const durations = new Map<string, DurationParts | undefined>();

/** Parsed durations by text: a pipeline names a handful, plan() applies them thousands of times. */
function cachedDuration(duration: string): DurationParts | undefined {
  let parts = durations.get(duration);
  if (parts === undefined && !durations.has(duration)) {
    parts = durationParts(duration);
    if (durations.size > 1_000) durations.clear();
    durations.set(duration, parts);
  }
  return parts;
}

/** Whole days carried by a duration's clock part (`PT48H` → 2). */
function durationClockDays(parts: DurationParts): number {
  return Math.floor((parts.hours * 3600 + parts.minutes * 60 + parts.seconds) / 86_400);
}

/**
 * The weekday of a date.
 *
 * @example weekday('2026-11-20') // 'fri'
 */
export function weekday(date: string): WeekdayName {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const index = (((toDayNumber(date) + 3) % 7) + 7) % 7;
  return WEEKDAYS[index]!;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compare(a: string, b: string): number {
  // `YYYY-MM-DD` with four-digit years sorts as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The later of two dates. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
