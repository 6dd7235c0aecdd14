import * as z from 'zod';
import { didYouMean } from '../parse/suggest';
import {
  daysInMonth,
  describe,
  isDurationTooLarge,
  isPlainDate,
  isTimeZone,
  listedTimeZones,
  MAX_DURATION_NUMBER,
  parseDuration,
} from './values';

export {
  type DurationParts,
  isPlainDate,
  isTimeZone,
  parseDuration,
} from './values';

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** An ISO 8601 duration: `P1D`, `P3W`, `P3M`, `P1Y6M`, `PT30M`. */
export const DurationSchema = z
  .string({
    error: (issue) =>
      `expected an ISO 8601 duration like P3M or PT30M, got ${describe(issue.input)}`,
  })
  .refine((value) => parseDuration(value) !== undefined, {
    error: (issue) =>
      `expected an ISO 8601 duration like P3M or PT30M, got ${describe(issue.input)}${durationHint(issue.input)}`,
  });
/** An ISO 8601 duration: `P1D`, `P3W`, `P3M`, `P1Y6M`, `PT30M`. */
export type Duration = z.infer<typeof DurationSchema>;

const DURATION_UNITS: Record<string, string> = {
  year: 'Y',
  month: 'M',
  week: 'W',
  day: 'D',
  hour: 'TH',
  minute: 'TM',
};

/**
 * `; did you mean \`P6W\`?` for a duration written in words (`6 weeks`, `1 month`), the limit
 * for one with too large a number, else ''.
 */
function durationHint(input: unknown): string {
  if (isDurationTooLarge(input)) {
    return ` (a number in a duration can be at most ${MAX_DURATION_NUMBER})`;
  }
  const match =
    typeof input === 'string'
      ? /^\s*(\d+)\s*(year|month|week|day|hour|minute)s?\s*$/i.exec(input)
      : null;
  if (match === null) return '';
  const unit = DURATION_UNITS[match[2]!.toLowerCase()]!;
  const text = unit.startsWith('T') ? `PT${match[1]}${unit[1]}` : `P${match[1]}${unit}`;
  return `; did you mean \`${text}\`?`;
}

/** An IANA time zone name such as `America/Chicago`. */
export const TimeZoneSchema = z
  .string({
    error: (issue) =>
      `expected an IANA time zone like America/Chicago, got ${describe(issue.input)}`,
  })
  .refine(isTimeZone, {
    error: (issue) =>
      `unknown time zone ${describe(issue.input)}: use an IANA name like America/Chicago${
        typeof issue.input === 'string' ? didYouMean(issue.input, listedTimeZones()) : ''
      }`,
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
