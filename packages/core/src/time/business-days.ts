/**
 * Workdays and holidays: when a reminder may fall.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import { addDays, fromDayNumber, toDayNumber, type WeekdayName } from './plain-date';

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
  holidays: Set<number>;
}

// A calendar is read for every reminder; its day-number form is computed once per calendar.
const compiledCalendars = new WeakMap<WorkCalendar, Compiled>();

function compile(calendar: WorkCalendar): Compiled {
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    compiled = {
      worked: ORDER.map((day) => calendar.workdays.has(day)),
      holidays: new Set([...calendar.holidays].map(toDayNumber)),
    };
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

function isWorkDayNumber(day: number, compiled: Compiled): boolean {
  return compiled.worked[weekdayIndex(day)]! && !compiled.holidays.has(day);
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

/**
 * `date` plus `count` business days: each step moves to the next workday that is not a holiday.
 * Zero business days gives `date` itself when it is a workday, else the next workday.
 *
 * @example addBusinessDays('2026-11-20', 1, calendar) // '2026-11-23' (Friday → Monday)
 */
export function addBusinessDays(date: string, count: number, calendar: WorkCalendar): string {
  if (count <= 0) return nextWorkday(date, calendar);
  let current = date;
  for (let i = 0; i < count; i++) current = nextWorkday(addDays(current, 1), calendar);
  return current;
}
