/**
 * The plain values of a pipeline file (calendar dates, durations, zone names), checked without
 * zod, so the engine can use them without loading the schemas.
 *
 * @module
 */

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (Feb 30 is not). */
export function isPlainDate(value: string): boolean {
  const match = PLAIN_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Days in `month` (1-12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A parsed ISO 8601 duration. Calendar parts (years, months, weeks, days) stay separate from clock parts. */
export interface DurationParts {
  /** The number before `Y`; 0 when absent. */
  years: number;
  /** The number before `M` in the date part; 0 when absent. */
  months: number;
  /** The number before `W`; 0 when absent. */
  weeks: number;
  /** The number before `D`; 0 when absent. */
  days: number;
  /** The number before `H`; 0 when absent. */
  hours: number;
  /** The number before `M` in the time part (after `T`); 0 when absent. */
  minutes: number;
  /** The number before `S`; 0 when absent. */
  seconds: number;
}

/**
 * The largest number a duration's part (`P999999D`) or a business-day count may hold. Past it a
 * number is a typo (999999 days is 2,700 years, past the last date runner-up plans), and far past
 * it date arithmetic in floating point gives nonsense (`P` and 400 nines is `Infinity` years).
 */
export const MAX_DURATION_NUMBER = 999_999;

/**
 * Parses an ISO 8601 duration such as `P3M`, `P1Y2M10D`, `P2W` or `PT30M`; `undefined` if
 * malformed, or when a number in it is larger than {@link MAX_DURATION_NUMBER}.
 */
export function parseDuration(value: string): DurationParts | undefined {
  const parts = durationParts(value);
  if (parts === undefined) return undefined;
  for (const n of Object.values(parts)) if (n > MAX_DURATION_NUMBER) return undefined;
  return parts;
}

/**
 * The parts of a duration whatever their size (a number too large for a float is `Infinity`):
 * for date arithmetic, which takes any result past the last date as that.
 */
export function durationParts(value: string): DurationParts | undefined {
  const match = typeof value === 'string' ? DURATION.exec(value) : null;
  if (!match) return undefined;
  const n = (i: number) => (match[i] === undefined ? 0 : Number(match[i]));
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  };
}

/** True when `value` is written as a duration, with a number larger than {@link MAX_DURATION_NUMBER}. */
export function isDurationTooLarge(value: unknown): boolean {
  return typeof value === 'string' && DURATION.test(value) && parseDuration(value) === undefined;
}

/** True when the runtime knows `zone` as an IANA time zone name. */
export function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

/**
 * The time zone names this runtime lists (`Intl.supportedValuesOf`), and `UTC`: for suggestions
 * and for the usual spelling of a name. Empty where the runtime cannot list them.
 */
export function listedTimeZones(): readonly string[] {
  if (listedZones === undefined) {
    const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
    listedZones =
      typeof intl.supportedValuesOf === 'function'
        ? [...intl.supportedValuesOf('timeZone'), 'UTC']
        : [];
  }
  return listedZones;
}
let listedZones: readonly string[] | undefined;

// Building an Intl.DateTimeFormat is the costly part of the check, and a pipeline names the same
// few zones many times (and the CLI validates on every start), so answers are remembered.
const knownZones = new Map<string, boolean>();

/** Renders an input value for an error message without dumping large objects. */
export function describe(input: unknown): string {
  if (input === undefined) return 'nothing';
  // Worded as the parser's messages word them: an empty YAML value is null.
  if (input === null) return 'nothing (an empty value)';
  // Long text is cut, as the parser's own messages cut it (a 400-digit duration stays readable).
  if (typeof input === 'string')
    return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return `a timestamp (${input.toISOString()}); quote the value`;
  return 'a mapping';
}
