import * as z from 'zod';

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

const MONTHS =
  'January February March April May June July August September October November December'.split(
    ' ',
  );

/** Why a `YYYY-MM-DD` string is not a calendar date (`February 2027 has 28 days`), if it has that shape. */
function whyNotADate(input: unknown): string {
  const match = typeof input === 'string' ? PLAIN_DATE.exec(input) : null;
  if (!match) return '';
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return ` (there is no month ${month})`;
  return ` (${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days)`;
}

/** A calendar date without a time or zone, `YYYY-MM-DD`. */
export const PlainDateSchema = z
  .string({ error: (issue) => `expected a date like 2026-11-20, got ${describe(issue.input)}` })
  .refine(isPlainDate, {
    error: (issue) =>
      `expected a date like 2026-11-20, got ${describe(issue.input)}${whyNotADate(issue.input)}`,
  });
/** A calendar date without a time or zone, `YYYY-MM-DD`. */
export type PlainDate = z.infer<typeof PlainDateSchema>;

/** A wall-clock time `HH:MM` (24-hour). */
export const PlainTimeSchema = z
  .string({ error: (issue) => `expected a time like "09:30", got ${describe(issue.input)}` })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
    error: (issue) => `expected a time like "09:30", got ${describe(issue.input)}`,
  });
/** A wall-clock time `HH:MM` (24-hour). */
export type PlainTime = z.infer<typeof PlainTimeSchema>;

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A parsed ISO 8601 duration. Calendar parts (years, months, weeks, days) stay separate from clock parts. */
export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Parses an ISO 8601 duration such as `P3M`, `P1Y2M10D`, `P2W` or `PT30M`; `undefined` if malformed. */
export function parseDuration(value: string): DurationParts | undefined {
  const match = DURATION.exec(value);
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

/** An ISO 8601 duration: `P1D`, `P3W`, `P3M`, `P1Y6M`, `PT30M`. */
export const DurationSchema = z
  .string({
    error: (issue) =>
      `expected an ISO 8601 duration like P3M or PT30M, got ${describe(issue.input)}`,
  })
  .refine((value) => parseDuration(value) !== undefined, {
    error: (issue) =>
      `expected an ISO 8601 duration like P3M or PT30M, got ${describe(issue.input)}`,
  });
/** An ISO 8601 duration: `P1D`, `P3W`, `P3M`, `P1Y6M`, `PT30M`. */
export type Duration = z.infer<typeof DurationSchema>;

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

// Building an Intl.DateTimeFormat is the costly part of the check, and a pipeline names the same
// few zones many times (and the CLI validates on every start), so answers are remembered.
const knownZones = new Map<string, boolean>();

/** An IANA time zone name such as `America/Chicago`. */
export const TimeZoneSchema = z
  .string({
    error: (issue) =>
      `expected an IANA time zone like America/Chicago, got ${describe(issue.input)}`,
  })
  .refine(isTimeZone, {
    error: (issue) =>
      `unknown time zone ${describe(issue.input)}: use an IANA name like America/Chicago`,
  });

/** A slug used as a stable id: lowercase letters, digits and dashes. */
export const SlugSchema = z
  .string({ error: (issue) => `expected an id like "acme-pm", got ${describe(issue.input)}` })
  .regex(/^[a-z0-9][a-z0-9-]*$/, {
    error: (issue) =>
      `expected an id of lowercase letters, digits and dashes like "acme-pm", got ${describe(issue.input)}`,
  });

/** Days of the week as they are written in the file. */
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** A day of the week: `mon` ... `sun`. */
export type Weekday = z.infer<typeof WeekdaySchema>;

/** Renders an input value for an error message without dumping large objects. */
export function describe(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return `a timestamp (${input.toISOString()}); quote the value`;
  return 'an object';
}
