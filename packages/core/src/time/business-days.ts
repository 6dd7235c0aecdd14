/**
 * Workdays and holidays: when a reminder may fall.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import {
  fromDayNumber,
  LAST_DATE,
  PAST_LAST_DATE,
  toDayNumber,
  type WeekdayName,
} from './plain-date';

/** The days reminders may fall on. Built from `owner.workdays` and `owner.holidays`. */
export interface WorkCalendar {
  /** Weekdays that are worked. At least one, or no date would ever qualify. */
  workdays: ReadonlySet<WeekdayName>;
  /** Plain dates (`YYYY-MM-DD`) that are never worked. */
  holidays: ReadonlySet<string>;
}

const ORDER: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Builds a {@link WorkCalendar}.
 *
 * @throws {RunnerUpError} `invalid_options` when no weekday is worked.
 *
 * @param workdays - worked weekdays
 * @default workdays ['mon', 'tue', 'wed', 'thu', 'fri']
 * @param holidays - dates never worked
 * @default holidays []
 */
export function createWorkCalendar(
  workdays: Iterable<WeekdayName> = ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: Iterable<string> = [],
): WorkCalendar {
  const days = new Set(workdays);
  if (days.size === 0) {
    // Without this guard nextWorkday would never return; schemas already require one day.
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] A work calendar needs at least one workday, like `workdays: [mon, tue, wed, thu, fri]`.',
      { path: ['workdays'] },
    );
  }
  return { workdays: days, holidays: new Set(holidays) };
}

function weekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

interface Compiled {
  /** Worked or not, by weekday index (Monday = 0). */
  worked: boolean[];
  /** Worked weekdays in a week. */
  perWeek: number;
  holidays: Set<number>;
  /**
   * The holidays as one flag per day from `holidayFrom`, when they span few enough days: read for
   * every day a reminder may be moved to, a flag is cheaper than a set lookup.
   */
  holidayFlags: Uint8Array | undefined;
  holidayFrom: number;
  /** The holidays that fall on a worked weekday, in order: the only ones that cost a workday. */
  workedHolidays: number[];
}

/** The widest span of holidays kept as flags (about 180 years, 64 KiB). */
const MAX_HOLIDAY_FLAGS = 1 << 16;

// A calendar is read for every reminder; its day-number form is computed once per calendar.
const compiledCalendars = new WeakMap<WorkCalendar, Compiled>();
// The minimum-gap pass asks for a workday hundreds of thousands of times with one calendar: the
// last one compiled is kept at hand rather than looked up in the weak map each time.
let lastCalendar: WorkCalendar | undefined;
let lastCompiled: Compiled | undefined;

function compile(calendar: WorkCalendar): Compiled {
  if (calendar === lastCalendar) return lastCompiled!;
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    const worked = ORDER.map((day) => calendar.workdays.has(day));
    const holidays = new Set([...calendar.holidays].map(toDayNumber));
    // A date that is not one (a day number of NaN) is no holiday: left out before the sort,
    // which it would leave out of order.
    const sorted = [...holidays].filter(Number.isFinite).sort((a, b) => a - b);
    const holidayFrom = sorted.length === 0 ? 0 : sorted[0]!;
    const span = sorted.length === 0 ? 0 : sorted[sorted.length - 1]! - holidayFrom + 1;
    let holidayFlags: Uint8Array | undefined;
    if (span <= MAX_HOLIDAY_FLAGS) {
      holidayFlags = new Uint8Array(span);
      for (const day of sorted) holidayFlags[day - holidayFrom] = 1;
    }
    compiled = {
      worked,
      perWeek: worked.filter(Boolean).length,
      holidays,
      holidayFlags,
      holidayFrom,
      workedHolidays: sorted.filter((day) => worked[weekdayIndex(day)]),
    };
    compiledCalendars.set(calendar, compiled);
  }
  lastCalendar = calendar;
  lastCompiled = compiled;
  return compiled;
}

function isWorkDayNumber(day: number, compiled: Compiled): boolean {
  if (!compiled.worked[weekdayIndex(day)]) return false;
  const flags = compiled.holidayFlags;
  if (flags === undefined) return !compiled.holidays.has(day);
  const at = day - compiled.holidayFrom;
  return !(at >= 0 && at < flags.length) || flags[at] === 0;
}

/**
 * The first workday on or after day number `day` (days since 1970-01-01): {@link nextWorkday}
 * without building date strings, for loops that move a date many times.
 */
export function nextWorkDayNumber(day: number, calendar: WorkCalendar): number {
  const compiled = compile(calendar);
  let current = day;
  while (!isWorkDayNumber(current, compiled)) current += 1;
  return current;
}

/** True when `date` is a workday that is not a holiday. */
export function isWorkday(date: string, calendar: WorkCalendar): boolean {
  return isWorkDayNumber(toDayNumber(date), compile(calendar));
}

/**
 * `date` itself when it is a workday, else the first workday after it that is not a holiday.
 *
 * @example nextWorkday('2026-12-25', calendar) // '2026-12-28' with Christmas a holiday
 */
export function nextWorkday(date: string, calendar: WorkCalendar): string {
  const compiled = compile(calendar);
  const start = toDayNumber(date);
  let day = start;
  // Terminates: at least one weekday is worked and holidays are finite.
  while (!isWorkDayNumber(day, compiled)) day += 1;
  return day === start ? date : fromDayNumber(day);
}

const LAST_DAY_NUMBER = toDayNumber(LAST_DATE);

/**
 * `date` plus `count` business days: each step moves to the next workday that is not a holiday.
 * Zero business days gives `date` itself when it is a workday, else the next workday. A count that
 * reaches past {@link LAST_DATE} gives {@link PAST_LAST_DATE}.
 *
 * Whole weeks are skipped at once (a week holds the same number of workdays, less its holidays),
 * so the cost does not grow with `count`.
 *
 * @example addBusinessDays('2026-11-20', 1, calendar) // '2026-11-23' (Friday → Monday)
 */
export function addBusinessDays(date: string, count: number, calendar: WorkCalendar): string {
  if (count <= 0) return nextWorkday(date, calendar);
  const compiled = compile(calendar);
  let day = toDayNumber(date);
  let remaining = count;
  // Each jump lands on a day with at least one workday still to count after it, so the walk
  // below takes at most a week plus the holidays it meets.
  while (remaining > compiled.perWeek) {
    if (day > LAST_DAY_NUMBER) return PAST_LAST_DATE;
    const weeks = Math.floor((remaining - 1) / compiled.perWeek);
    const end = day + weeks * 7;
    remaining -= weeks * compiled.perWeek - holidaysBetween(compiled.workedHolidays, day, end);
    day = end;
  }
  while (remaining > 0) {
    if (day > LAST_DAY_NUMBER) return PAST_LAST_DATE;
    day += 1;
    if (isWorkDayNumber(day, compiled)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/** How many of the sorted day numbers `days` lie in `(from, to]`. */
function holidaysBetween(days: readonly number[], from: number, to: number): number {
  return firstAfter(days, to) - firstAfter(days, from);
}

/** The index of the first of the sorted `days` after `day`. */
function firstAfter(days: readonly number[], day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (days[mid]! <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}
