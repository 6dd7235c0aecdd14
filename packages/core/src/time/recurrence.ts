/**
 * RFC 5545 recurrence rules (`RRULE` values such as `FREQ=MONTHLY;BYDAY=3MO`), expanded in
 * floating time: occurrences are wall-clock dates and times with no zone, which the caller turns
 * into instants with `toInstant()` in the owner's zone. Expanding in floating time and converting
 * afterwards keeps a 09:30 series at 09:30 across DST changes and makes the result independent of
 * the host's `TZ`.
 *
 * Expansion is done by `rrule` (a port of python-dateutil, the reference implementation the golden
 * tests compare against), given Dates whose UTC fields carry the wall time and no `tzid`.
 *
 * Choices where RFC 5545 leaves room:
 * - `DTSTART` comes from the cadence, never from the rule; a rule that carries one is rejected.
 * - A date-only `UNTIL` (`UNTIL=20261231`) includes that whole day, as calendar clients show it.
 * - A date-time `UNTIL`, with or without `Z`, is compared as a floating wall time: a floating
 *   expansion has no zone to convert a UTC instant with, and a wall-clock bound is what a person
 *   writing `UNTIL=20261231T170000Z` next to a wall-clock start means in practice.
 * - `FREQ=SECONDLY` and `BYSECOND` are rejected: reminders fall on whole minutes.
 * - A value listed twice in a part (`BYHOUR=9,9`), or an empty item (`BYHOUR=9,`), is rejected.
 * - `FREQ=HOURLY` and `FREQ=MINUTELY` are expanded here, but a pipeline and a plugin's cadence
 *   refuse them (`parse/cross-references.ts`): a follow-up repeats at most daily.
 *
 * @module
 */

import type { Options as RRuleOptions } from 'rrule';
import * as rruleModule from 'rrule';
import { RunnerUpError } from '../errors';
import type { LocalDateTime } from './zoned';

// rrule ships a CommonJS bundle (`main`) with no named ESM exports, and an ESM build (`module`).
// Plain Node gives the CommonJS exports as `default`; bundlers give the named ESM exports.
// `Reflect.get` keeps bundlers from warning about a `default` the ESM build lacks.
const rrule: typeof rruleModule =
  'RRule' in rruleModule ? rruleModule : Reflect.get(rruleModule, 'default');

/** Where an expansion stops. */
export interface RecurrenceRange {
  /** The last date (floating, `YYYY-MM-DD`) an occurrence may fall on, inclusive. */
  until: string;
  /**
   * The most occurrences to return, counted from the start.
   * @default no limit beyond `until` and the rule's own COUNT/UNTIL
   */
  max?: number;
}

const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** The parts that take a comma-separated list. */
const LIST_PARTS = [
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
];
const PARTS = ['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', ...LIST_PARTS, 'WKST'];
/** The lists BYSETPOS picks from: any but BYSECOND (only ever 0) and itself. */
const SET_PARTS = LIST_PARTS.filter((name) => name !== 'BYSECOND' && name !== 'BYSETPOS');
const UNTIL_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;
const BYDAY_VALUE = /^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

interface ParsedRule {
  /** The rule in canonical form (upper case, no `RRULE:` prefix) for rrule's parser. */
  text: string;
  parts: Map<string, string>;
  /**
   * UNTIL as floating UTC fields, read here rather than by rrule (which reads years 0 to 99 as
   * 1900 to 1999): a date-only UNTIL is the end of that day.
   */
  until?: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Checks an integer list such as `BYMONTHDAY=1,-1`; returns an error message or undefined. */
function checkIntegers(
  name: string,
  value: string,
  min: number,
  max: number,
  signed: boolean,
): string | undefined {
  for (const item of value.split(',')) {
    if (!/^[+-]?\d+$/.test(item)) return `${name} expects whole numbers, got "${item}"`;
    const n = Number(item);
    if (!signed && /^[+-]/.test(item)) return `${name} value "${item}" cannot be signed`;
    const size = Math.abs(n);
    if ((signed && n === 0) || size < min || size > max) {
      const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
      return `${name} value "${item}" is out of range (${range})`;
    }
  }
  return undefined;
}

function parseRule(rule: string): ParsedRule | string {
  if (typeof rule !== 'string') return 'expected the rule as text, like "FREQ=MONTHLY;BYDAY=3MO"';
  let text = rule.trim();
  if (!text) return 'the rule is empty: write one like "FREQ=MONTHLY;BYDAY=3MO"';
  if (/DTSTART/i.test(text)) {
    return 'DTSTART is not allowed in the rule: the cadence supplies the start';
  }
  if (/[\r\n]/.test(text)) return 'expected a single RRULE value, got several lines';
  // RFC 5545 §3.1/§3.3.10: names and enumerated values are case-insensitive.
  text = text.toUpperCase();
  if (text.startsWith('RRULE:')) text = text.slice('RRULE:'.length);
  const parts = new Map<string, string>();
  for (const piece of text.split(';')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq <= 0 || eq === piece.length - 1) return `expected NAME=VALUE, got "${piece}"`;
    const name = piece.slice(0, eq);
    const value = piece.slice(eq + 1);
    if (!PARTS.includes(name)) return `unknown rule part "${name}"`;
    // RFC 5545 §3.3.10: "rule parts MUST NOT occur more than once".
    if (parts.has(name)) return `${name} appears more than once`;
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return 'FREQ is required, e.g. FREQ=MONTHLY';
  if (freq === 'SECONDLY') return 'FREQ=SECONDLY is not supported: reminders fall on whole minutes';
  if (!FREQUENCIES.includes(freq)) return `unknown FREQ "${freq}"`;
  for (const name of LIST_PARTS) {
    const value = parts.get(name);
    // `Number('')` is 0: without this, `BYSECOND=0,` would pass as `BYSECOND=0`.
    if (value?.split(',').includes('')) {
      return `${name} has an empty item in "${value}": remove the extra comma`;
    }
  }

  const parsed: ParsedRule = { text: [...parts].map(([k, v]) => `${k}=${v}`).join(';'), parts };
  const problems: Array<string | undefined> = [];
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) {
    // RFC 5545 §3.3.10: "UNTIL or COUNT rule parts are OPTIONAL, but they MUST NOT occur in the same 'recur'".
    return 'COUNT and UNTIL cannot both be given';
  }
  if (count !== undefined && !/^\d+$/.test(count)) {
    return `COUNT expects a whole number, got "${count}"`;
  }
  if (count !== undefined && Number(count) < 1) return `COUNT must be at least 1, got "${count}"`;
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && (!/^\d+$/.test(interval) || Number(interval) < 1)) {
    return `INTERVAL expects a whole number of at least 1, got "${interval}"`;
  }
  if (until !== undefined) {
    const m = UNTIL_VALUE.exec(until);
    const month = Number(m?.[2]);
    const day = Number(m?.[3]);
    if (
      !m ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(Number(m[1]), month) ||
      (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60))
    ) {
      return `UNTIL expects a date like 20261231 or a date-time like 20261231T170000Z, got "${until}"`;
    }
    parsed.until =
      m[4] === undefined
        ? utc(Number(m[1]), month, day, 23, 59, 59).getTime()
        : utc(Number(m[1]), month, day, Number(m[4]), Number(m[5]), Number(m[6])).getTime();
  }
  const bySecond = parts.get('BYSECOND');
  if (bySecond?.split(',').some((s) => Number(s) !== 0)) {
    return 'BYSECOND is not supported: reminders fall on whole minutes';
  }
  const byMinute = parts.get('BYMINUTE');
  if (byMinute !== undefined) problems.push(checkIntegers('BYMINUTE', byMinute, 0, 59, false));
  const byHour = parts.get('BYHOUR');
  if (byHour !== undefined) problems.push(checkIntegers('BYHOUR', byHour, 0, 23, false));
  const byMonth = parts.get('BYMONTH');
  if (byMonth !== undefined) problems.push(checkIntegers('BYMONTH', byMonth, 1, 12, false));
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (freq === 'WEEKLY') return 'BYMONTHDAY cannot be used with FREQ=WEEKLY';
    problems.push(checkIntegers('BYMONTHDAY', byMonthDay, 1, 31, true));
  }
  const byYearDay = parts.get('BYYEARDAY');
  if (byYearDay !== undefined) {
    if (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY') {
      return `BYYEARDAY cannot be used with FREQ=${freq}`;
    }
    problems.push(checkIntegers('BYYEARDAY', byYearDay, 1, 366, true));
  }
  const byWeekNo = parts.get('BYWEEKNO');
  if (byWeekNo !== undefined) {
    if (freq !== 'YEARLY') return 'BYWEEKNO can only be used with FREQ=YEARLY';
    problems.push(checkIntegers('BYWEEKNO', byWeekNo, 1, 53, true));
  }
  const bySetPos = parts.get('BYSETPOS');
  if (bySetPos !== undefined) {
    if (!SET_PARTS.some((name) => parts.has(name))) {
      return 'BYSETPOS needs another BYxxx part to pick from, e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';
    }
    problems.push(checkIntegers('BYSETPOS', bySetPos, 1, 366, true));
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined && !WEEKDAYS.includes(wkst)) {
    return `unknown WKST "${wkst}": use one of ${WEEKDAYS.join(', ')}`;
  }
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    for (const item of byDay.split(',')) {
      const m = BYDAY_VALUE.exec(item);
      if (!m) return `BYDAY expects days like MO, TU or 3MO, -1FR, got "${item}"`;
      if (m[2] !== undefined) {
        const n = Number(m[2]);
        // RFC 5545 §3.3.10: an ordinal BYDAY only makes sense in a MONTHLY or YEARLY rule,
        // and not in a YEARLY rule with BYWEEKNO.
        if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
          return `BYDAY "${item}" has a position, which only FREQ=MONTHLY or FREQ=YEARLY allow`;
        }
        if (parts.has('BYWEEKNO')) {
          return `BYDAY "${item}" has a position, which cannot be combined with BYWEEKNO`;
        }
        const limit = freq === 'MONTHLY' ? 5 : 53;
        if (n < 1 || n > limit) return `BYDAY "${item}" position must be 1 to ${limit}`;
      } else if (m[1]) {
        return `BYDAY "${item}" has a sign but no position`;
      }
    }
  }
  const problem = problems.find((p) => p !== undefined);
  if (problem) return problem;
  const repeated = repeatedValue(parts);
  if (repeated) return repeated;
  const never = neverMatches(parts);
  if (never) return never;
  return parsed;
}

/**
 * A value listed twice in one part (`BYHOUR=9,9`, `BYDAY=1MO,+1MO`). RFC 5545 §3.3.10 lists are
 * sets, so the repeat adds nothing, and rrule would give the instant twice: most likely the list
 * was meant to hold another value, so it is refused rather than dropped.
 */
function repeatedValue(parts: Map<string, string>): string | undefined {
  for (const name of LIST_PARTS) {
    const value = parts.get(name);
    if (value === undefined) continue;
    const seen = new Set<string>();
    for (const item of value.split(',')) {
      const day = name === 'BYDAY' ? BYDAY_VALUE.exec(item) : null;
      const key = day
        ? `${day[1] === '-' ? '-' : ''}${day[2] === undefined ? '' : Number(day[2])}${day[3]}`
        : String(Number(item));
      if (seen.has(key)) return `${name} lists ${item} more than once: give each value once`;
      seen.add(key);
    }
  }
  return undefined;
}

/**
 * BYMONTH with only BYMONTHDAY values that none of those months has (`BYMONTH=2;BYMONTHDAY=30`)
 * yields nothing, and would make the expander scan every year up to 9999 looking for one.
 */
function neverMatches(parts: Map<string, string>): string | undefined {
  const byMonthDay = parts.get('BYMONTHDAY');
  const byMonth = parts.get('BYMONTH');
  if (byMonthDay === undefined || byMonth === undefined || parts.has('BYYEARDAY')) return undefined;
  const days = byMonthDay.split(',').map((d) => Math.abs(Number(d)));
  const months = byMonth.split(',').map(Number);
  const possible = months.some((month) => days.some((day) => day <= daysInMonth(2000, month)));
  return possible
    ? undefined
    : `BYMONTH=${byMonth};BYMONTHDAY=${byMonthDay} never occurs: no such day in those months`;
}

/**
 * The `FREQ` of a valid rule, upper case (`MONTHLY`); `undefined` for an invalid rule. A pipeline
 * uses it to refuse rules that repeat more often than daily, which this module still expands.
 */
export function rruleFrequency(rule: string): string | undefined {
  const parsed = parseRule(rule);
  return typeof parsed === 'string' ? undefined : parsed.parts.get('FREQ');
}

/**
 * Checks a recurrence rule (an RFC 5545 `RRULE` value, with or without the `RRULE:` prefix).
 *
 * @returns `undefined` when the rule is valid, else a message naming the bad part, such as
 *   `unknown FREQ "MONTHY"`. A rule carrying `DTSTART` is rejected: the cadence supplies the start.
 * @example validateRRule('FREQ=MONTHLY;BYDAY=3MO') // undefined
 */
export function validateRRule(rule: string): string | undefined {
  const parsed = parseRule(rule);
  return typeof parsed === 'string' ? parsed : undefined;
}

const parsedOptions = new Map<string, { options: Partial<RRuleOptions>; rule: ParsedRule }>();
const MAX_CACHED_RULES = 1000;

function optionsFor(rule: string): { options: Partial<RRuleOptions>; rule: ParsedRule } {
  let entry = parsedOptions.get(rule);
  if (entry) return entry;
  const parsed = parseRule(rule);
  if (typeof parsed === 'string') {
    throw new RunnerUpError(
      'invalid_rrule',
      `[runner-up] Invalid rrule ${JSON.stringify(rule)}: ${parsed}.`,
    );
  }
  const options = rrule.RRule.parseString(parsed.text);
  // Floating mode: no zone, ever. rrule then works on the UTC fields of the Dates it is given.
  options.tzid = null;
  if (parsed.until !== undefined) options.until = new Date(parsed.until);
  entry = { options, rule: parsed };
  if (parsedOptions.size >= MAX_CACHED_RULES) parsedOptions.clear();
  parsedOptions.set(rule, entry);
  return entry;
}

/**
 * Finished expansions by rule, start and range. rrule spends hundreds of microseconds on a
 * two-year monthly series, and a pipeline repeats the same (rule, start, horizon) often: the
 * same cadence on opportunities decided the same day, and every re-plan of an unchanged file.
 */
const expansions = new Map<string, LocalDateTime[]>();
const MAX_CACHED_EXPANSIONS = 5000;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PLAIN_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function floatingDate(date: string, what: string): [number, number, number] {
  const m = PLAIN_DATE.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] Invalid ${what}: expected a date like 2026-11-20, got ${JSON.stringify(date)}.`,
    );
  }
  return [year, month, day];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Years after which the Gregorian calendar repeats, weekdays included (146,097 days). */
const GREGORIAN_CYCLE = 400;

/** `date` moved `years` later. */
function laterBy(date: Date, years: number): Date {
  const later = new Date(date.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}

/** A floating date-time as a `Date` in UTC; unlike `Date.UTC`, years 0 to 99 are themselves. */
function utc(year: number, month: number, day: number, h: number, m: number, s = 0, ms = 0): Date {
  const date = new Date(Date.UTC(2000, month - 1, day, h, m, s, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/**
 * Expands a recurrence rule from `start` into floating wall-clock occurrences, in order.
 *
 * `start` is the rule's DTSTART: per RFC 5545 it is the first occurrence when it matches the
 * rule (and counts towards COUNT), and is skipped when it does not. The expansion always ends:
 * at the rule's COUNT or UNTIL, at `range.until` (inclusive), or after `range.max` occurrences,
 * whichever comes first. Convert each occurrence with `toInstant()` in the owner's zone.
 *
 * @example
 * expandRRule('FREQ=MONTHLY;BYDAY=3MO', { date: '2026-01-19', time: '09:30' }, { until: '2026-03-31' })
 * // [{ date: '2026-01-19', time: '09:30' }, { date: '2026-02-16', ... }, { date: '2026-03-16', ... }]
 * @throws {RunnerUpError} `invalid_rrule` for an invalid rule; `invalid_options` for a malformed
 *   start or range.
 */
export function expandRRule(
  rule: string,
  start: LocalDateTime,
  range: RecurrenceRange,
): LocalDateTime[] {
  const { options } = optionsFor(rule);
  const [year, month, day] = floatingDate(start.date, 'start date');
  const time = PLAIN_TIME.exec(start.time);
  if (!time) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] Invalid start time: expected a time like "09:30", got ${JSON.stringify(start.time)}.`,
    );
  }
  const [endYear, endMonth, endDay] = floatingDate(range.until, 'range end');
  const max = range.max ?? Number.POSITIVE_INFINITY;
  if (!(max >= 0)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] Invalid range max: expected a number of at least 0, got ${String(range.max)}.`,
    );
  }
  // rrule builds dates with Date.UTC, which reads years 0 to 99 as 1900 to 1999: such a series is
  // expanded 400 years later, where the Gregorian calendar repeats day for day and weekday for
  // weekday, and moved back.
  const shift = year < 100 ? GREGORIAN_CYCLE : 0;
  const dtstart = utc(year + shift, month, day, Number(time[1]), Number(time[2]));
  const end = utc(endYear + shift, endMonth, endDay, 23, 59, 59, 999);
  if (max === 0 || end < dtstart) return [];
  const key = `${rule}\n${start.date}T${start.time}\n${range.until}\n${max}`;
  let occurrences = expansions.get(key);
  if (!occurrences) {
    const until = options.until && shift !== 0 ? laterBy(options.until, shift) : options.until;
    const expander = new rrule.RRule({ ...options, until, dtstart }, true);
    const dates = expander.between(dtstart, end, true, (_date, index) => index < max);
    occurrences = dates.map((date) => ({
      date: `${String(date.getUTCFullYear() - shift).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`,
      time: `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`,
    }));
    if (expansions.size >= MAX_CACHED_EXPANSIONS) expansions.clear();
    expansions.set(key, occurrences);
  }
  // Fresh objects: callers may mutate what they get without touching the cache.
  return occurrences.map((o) => ({ date: o.date, time: o.time }));
}
