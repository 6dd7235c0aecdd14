/**
 * Wall-clock time in a named IANA zone ⇄ instants, with an explicit DST policy.
 *
 * Pure: the only source of zone data is `Intl.DateTimeFormat`, so results never depend on the
 * host's `TZ`. One formatter is cached per zone, and offsets are cached per zone and UTC day,
 * because offsets change a few times a year while plan() converts thousands of times.
 *
 * DST policy (RFC 5545 §3.3.5, "DATE-TIME", form #3):
 * - A wall time inside a spring-forward gap does not exist. It "is interpreted using the UTC
 *   offset before the gap", which moves it forward by the gap's length, as calendar clients do:
 *   02:30 on 2026-03-08 in America/New_York is 03:30 EDT (07:30Z).
 * - A wall time inside a fall-back overlap happens twice; the earlier instant (the first
 *   occurrence, still on the offset before the change) is taken.
 *
 * @module
 */

import { RunnerUpError } from '../errors';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Bound on cached days per zone; past it the cache restarts, which only costs speed. */
const MAX_CACHED_DAYS = 20_000;

/** A wall-clock date and time with no zone attached: `{ date: '2026-03-08', time: '09:30' }`. */
export interface LocalDateTime {
  /** Calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Wall-clock time, `HH:MM` (24-hour). */
  time: string;
}

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** Offset in ms at the start (00:00Z) of UTC day `k`, keyed by `k`. */
  dayStart: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (cache) return cache;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // `h23`, not `hour12: false`: the latter renders midnight as "24" on some ICU versions.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
  } catch (cause) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name like America/Chicago.`,
      { cause },
    );
  }
  if (!timeZone) {
    // An empty name would silently mean the host zone.
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] Missing time zone: use an IANA name like America/Chicago.',
    );
  }
  cache = { format, dayStart: new Map() };
  zones.set(timeZone, cache);
  return cache;
}

// "03/08/2026 AD, 02:30:00" — `format()` is cheaper than `formatToParts()` (one string, no array
// of objects), and the en-US layout is stable.
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+) (AD|BC), (\d{2}):(\d{2}):(\d{2})$/;

/** Builds a UTC timestamp from fields, without Date.UTC's 0–99 → 1900s year mapping. */
function utcFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 0 && year < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(year);
    return date.getTime();
  }
  return ms;
}

/** The zone's offset at `epochMs` in ms, computed from Intl (uncached). */
function computeOffset(cache: ZoneCache, epochMs: number): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const text = cache.format.format(wholeSecond);
  const m = FORMATTED.exec(text);
  let wall: number;
  if (m) {
    const era = Number(m[3]);
    const year = m[4] === 'BC' ? 1 - era : era;
    wall = utcFields(year, Number(m[1]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  } else {
    // A runtime whose en-US layout differs: fall back to the structured (slower) form.
    const parts: Record<string, string> = {};
    for (const part of cache.format.formatToParts(wholeSecond)) parts[part.type] = part.value;
    const era = Number(parts.year);
    const year = parts.era === 'BC' || parts.era === 'B' ? 1 - era : era;
    wall = utcFields(
      year,
      Number(parts.month),
      Number(parts.day),
      Number(parts.hour) % 24,
      Number(parts.minute),
      Number(parts.second),
    );
  }
  return wall - wholeSecond;
}

function dayStartOffset(cache: ZoneCache, day: number): number {
  let offset = cache.dayStart.get(day);
  if (offset === undefined) {
    if (cache.dayStart.size >= MAX_CACHED_DAYS) cache.dayStart.clear();
    offset = computeOffset(cache, day * DAY);
    cache.dayStart.set(day, offset);
  }
  return offset;
}

/**
 * Offset in ms. When a UTC day starts and ends on the same offset it is taken as constant over
 * the day (zones change offset at most twice a year, never twice within one day), so the common
 * case costs two cached lookups; a day with a transition asks Intl for the exact instant.
 */
function offsetMs(cache: ZoneCache, epochMs: number): number {
  const day = Math.floor(epochMs / DAY);
  const start = dayStartOffset(cache, day);
  if (start === dayStartOffset(cache, day + 1)) return start;
  return computeOffset(cache, epochMs);
}

/**
 * The UTC offset of `timeZone` at an instant, in minutes east of UTC (`-300` for New York in
 * winter, `330` for Kolkata, `630` for Lord Howe in winter). Historical local mean times can
 * give a fractional value.
 *
 * @throws {RunnerUpError} `invalid_options` when `timeZone` is not a known IANA zone.
 */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  return offsetMs(zoneCache(timeZone), epochMs) / MINUTE;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatDate(year: number, month: number, day: number): string {
  const y =
    year >= 0 && year < 10_000 ? String(year).padStart(4, '0') : String(year).padStart(7, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The wall-clock date and time (`HH:MM`, seconds dropped) of an instant in `timeZone`.
 *
 * @example toLocal(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York') // { date: '2026-03-08', time: '03:30' }
 * @throws {RunnerUpError} `invalid_options` when `timeZone` is not a known IANA zone.
 */
export function toLocal(epochMs: number, timeZone: string): LocalDateTime {
  const wall = new Date(epochMs + offsetMs(zoneCache(timeZone), epochMs));
  return {
    date: formatDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()),
    time: `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`,
  };
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

function badInput(what: string, expected: string, value: string): RunnerUpError {
  return new RunnerUpError(
    'invalid_options',
    `[runner-up] Invalid ${what}: expected ${expected}, got ${JSON.stringify(value)}.`,
  );
}

/**
 * The instant (epoch ms) at which the wall clock in `timeZone` shows `date` `time`.
 *
 * A time skipped by a spring-forward change moves forward by the gap's length (02:30 on
 * 2026-03-08 in America/New_York → 03:30 EDT); a time repeated by a fall-back change takes the
 * earlier instant. See the module comment for the RFC 5545 reference.
 *
 * @param date - `YYYY-MM-DD`
 * @param time - `HH:MM`, 24-hour
 * @param timeZone - an IANA zone such as `America/Chicago`
 * @example toInstant('2026-11-01', '01:30', 'America/New_York') // Date.parse('2026-11-01T05:30:00Z')
 * @throws {RunnerUpError} `invalid_options` for a malformed date or time or an unknown zone.
 */
export function toInstant(date: string, time: string, timeZone: string): number {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (
    date.length !== 10 ||
    date[4] !== '-' ||
    date[7] !== '-' ||
    !(month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))
  ) {
    throw badInput('date', 'a date like 2026-11-20', date);
  }
  const hour = digits(time, 0, 2);
  const minute = digits(time, 3, 5);
  if (time.length !== 5 || time[2] !== ':' || !(hour <= 23 && minute <= 59)) {
    throw badInput('time', 'a time like "09:30"', time);
  }
  const cache = zoneCache(timeZone);
  // The wall time read as if it were UTC; the answer is `local - offset` for the right offset.
  const local = utcFields(year, month, day, hour, minute, 0);
  const before = offsetMs(cache, local - DAY);
  const after = offsetMs(cache, local + DAY);
  if (before === after) return local - before;
  // A change happens near this wall time. Each offset that round-trips is a real reading;
  // two means an overlap (take the earlier instant), none means a gap (use the offset before it).
  const early = local - Math.max(before, after);
  const late = local - Math.min(before, after);
  if (offsetMs(cache, early) === Math.max(before, after)) return early;
  if (offsetMs(cache, late) === Math.min(before, after)) return late;
  return local - before;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
