import {
  checkOptionNames,
  type DurationParts,
  formatPath,
  parseDuration,
  type ReminderStatus,
  ReminderStatusSchema,
  RunnerUpError,
} from '@runner-up/core';
import * as z from 'zod';
import { exactSeconds, formatDuration } from './duration';
import { checkDomain, type IcsState } from './state';

/** Options of {@link toIcs} and {@link toCalendar}. */
export interface IcsOptions {
  /**
   * The moment of the export: written as DTSTAMP (in UTC with `Z`), and the reference for
   * `keepCancelledFor`: a `Date`, epoch milliseconds, or an ISO instant with `Z` or an offset
   * (`2026-11-30T15:00:00Z`), the forms `plan()` takes for an instant. Pin it for byte-stable
   * output.
   * @default the current time
   */
  now?: Date | string | number;
  /**
   * Right-hand side of every UID, `<reminder key>@<domain>` (RFC 5545 §3.8.4.7). Keep it stable:
   * clients match events across refreshes by UID.
   * @default 'runner-up'
   */
  domain?: string;
  /**
   * Calendar name shown by clients (RFC 7986 `NAME` and the de-facto `X-WR-CALNAME`).
   * @default 'Runner-up follow-ups'
   */
  name?: string;
  /**
   * Write date-only (all-day) events on the reminder's local date instead of timed blocks.
   * @default false
   */
  allDay?: boolean;
  /**
   * What each reminder becomes: `'event'`, a VEVENT (a block of time in the calendar), or
   * `'todo'`, a VTODO (a task due at the reminder's time, for task clients such as Thunderbird,
   * todoman or Nextcloud Tasks). A task has DUE and no end, its status is NEEDS-ACTION,
   * COMPLETED (done reminders) or CANCELLED, and its alarm is relative to DUE. With `'todo'`,
   * `statuses` defaults to include `done`, so a follow-up made shows as a completed task rather
   * than staying open. {@link toIcs} and the feed write tasks; ical-generator, behind
   * {@link toCalendar}, writes events only.
   * @default 'event'
   */
  component?: 'event' | 'todo';
  /**
   * Lead time of a display alarm before each event, an ISO 8601 duration such as `PT15M`, or
   * `false` for no VALARM. For all-day events the alarm fires this long before the reminder's
   * local time on its day. Weeks, days, hours, minutes and seconds only: months and years have no
   * fixed length and an RFC 5545 duration cannot hold them, so `P1M` is refused (use `P4W`).
   * @default 'PT15M'
   */
  alarm?: string | false;
  /**
   * Which reminder statuses become events (or tasks). Cancelled reminders are further limited by
   * `keepCancelledFor`. With a revision `state`, `cancelled` also covers the events of earlier
   * calendars whose reminders left the plan or were skipped (and are not listed here): leave it
   * out and none is written. A reminder left out for another status (done, or one you chose not
   * to list) is not cancelled: its event stays as it was.
   * @default ['upcoming', 'due', 'overdue', 'cancelled'], and `done` too for tasks
   */
  statuses?: readonly ReminderStatus[];
  /**
   * How long after its date a cancelled reminder stays in the calendar (as STATUS:CANCELLED, so
   * clients that already have it remove or strike it), an ISO 8601 duration. The same window
   * holds for the cancellations a revision `state` writes; after it, the state keeps only a
   * tombstone of the event (its key and SEQUENCE).
   * @default 'P30D'
   */
  keepCancelledFor?: string;
  /**
   * Suggested refresh interval for subscribers (RFC 7986 `REFRESH-INTERVAL` and the de-facto
   * `X-PUBLISHED-TTL`), an ISO 8601 duration, or `false` to leave it out. Clients may ignore it.
   * As for `alarm`, months and years are refused; the value is written as an RFC 5545 duration
   * (`P1W2D` as `P9D`).
   * @default 'PT1H'
   */
  refreshInterval?: string | false;
  /**
   * Revision state by reminder key, updated in place. With it, SEQUENCE and LAST-MODIFIED rise
   * when a reminder's visible content changes, and the events of earlier calendars whose reminders
   * left the plan or were skipped are written again as STATUS:CANCELLED (SEQUENCE raised once);
   * without it every event has SEQUENCE 0 and no LAST-MODIFIED, and nothing is cancelled. See
   * {@link createIcsState}.
   * @default undefined
   */
  state?: IcsState;
}

/** {@link IcsOptions} checked and with defaults applied. */
export interface ResolvedIcsOptions {
  nowMs: number;
  domain: string;
  name: string;
  allDay: boolean;
  /** Tasks (VTODO) rather than events. */
  todo: boolean;
  alarm: DurationParts | undefined;
  statuses: ReadonlySet<ReminderStatus>;
  keepCancelledMs: number;
  /** An RFC 5545 dur-value, ready to write. */
  refreshInterval: string | undefined;
  state: IcsState | undefined;
}

const durationString = z.string().refine((v) => parseDuration(v) !== undefined, {
  error: (issue) => `expected an ISO 8601 duration like PT15M, got ${JSON.stringify(issue.input)}`,
});

/**
 * A duration written into the calendar (an alarm's TRIGGER, REFRESH-INTERVAL): RFC 5545 durations
 * have weeks, days, hours, minutes and seconds but no months or years (§3.3.6), whose length
 * depends on the date, so those are refused rather than guessed at.
 */
const calendarDurationString = durationString.refine(
  (v) => {
    const parts = parseDuration(v);
    return parts === undefined || (parts.years === 0 && parts.months === 0);
  },
  {
    error: (issue) =>
      `months and years have no fixed length and an RFC 5545 duration cannot hold them: use weeks, days or hours like P4W, P30D or PT1H, got ${JSON.stringify(issue.input)}`,
  },
);

/** Validates plugin options at the boundary (STYLE: zod at every boundary). */
export const IcsOptionsSchema = z.object({
  now: z
    .union(
      [
        z.date({ error: 'expected a valid Date' }),
        // Epoch milliseconds, as plan() takes them; within what a Date can hold.
        z.number().refine((ms) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15, {
          error: (issue) =>
            `expected epoch milliseconds within what a Date can hold (±8.64e15), got ${String(issue.input)}`,
        }),
        // Without an offset, the instant would depend on a zone the calendar does not know.
        z.iso.datetime({
          offset: true,
          error: (issue) =>
            `expected a Date, epoch milliseconds or an ISO instant with \`Z\` or an offset, like 2026-11-30T09:00:00Z, got ${JSON.stringify(issue.input)}`,
        }),
      ],
      { error: 'expected a Date, epoch milliseconds or an ISO instant like 2026-11-30T09:00:00Z' },
    )
    .optional(),
  domain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, { error: 'expected a domain name like example.com' })
    .optional(),
  name: z.string().optional(),
  allDay: z.boolean().optional(),
  component: z
    .enum(['event', 'todo'], {
      error: (issue) => `expected 'event' or 'todo', got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  alarm: z.union([calendarDurationString, z.literal(false)]).optional(),
  statuses: z
    .array(
      z.enum(ReminderStatusSchema.options, {
        error: (issue) =>
          `expected a reminder status (${ReminderStatusSchema.options.join(', ')}), got ${JSON.stringify(issue.input)}`,
      }),
    )
    .optional(),
  keepCancelledFor: durationString.optional(),
  refreshInterval: z.union([calendarDurationString, z.literal(false)]).optional(),
  state: z
    .object({
      version: z.literal(1),
      domain: z.string().optional(),
      events: z.record(z.string(), z.unknown()),
    })
    .optional(),
});

/** Milliseconds in a duration, counting a month as 30 days and a year as 365 (only used for windows). */
export function approximateMs(d: DurationParts): number {
  return (
    ((((d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) *
      60 +
      d.seconds) *
    1000
  );
}

/** The statuses written by default: a calendar shows what is still to do, a task list what is done too. */
const EVENT_STATUSES: readonly ReminderStatus[] = ['upcoming', 'due', 'overdue', 'cancelled'];
const TODO_STATUSES: readonly ReminderStatus[] = [...EVENT_STATUSES, 'done'];

/** The names of {@link IcsOptions}: any other is refused as a likely typo. */
export const ICS_OPTION_NAMES = [
  'now',
  'domain',
  'name',
  'allDay',
  'component',
  'alarm',
  'statuses',
  'keepCancelledFor',
  'refreshInterval',
  'state',
] as const satisfies readonly (keyof IcsOptions)[];

/** Checks options and fills in defaults; throws `invalid_options` naming the field. */
export function resolveIcsOptions(options: IcsOptions = {}, scope = 'ical'): ResolvedIcsOptions {
  checkOptionNames(options, ICS_OPTION_NAMES, scope);
  const result = IcsOptionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path as (string | number)[];
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [${scope}] option \`${formatPath(path)}\`: ${issue.message}`,
      { path },
    );
  }
  const now = options.now === undefined ? new Date() : new Date(options.now);
  const domain = options.domain ?? 'runner-up';
  // Checked here, before anything is built; recorded in the state only once the calendar is.
  if (options.state) checkDomain(options.state, domain, scope);
  const todo = options.component === 'todo';
  return {
    nowMs: now.getTime(),
    domain,
    name: options.name ?? 'Runner-up follow-ups',
    allDay: options.allDay ?? false,
    todo,
    alarm: options.alarm === false ? undefined : parseDuration(options.alarm ?? 'PT15M'),
    statuses: new Set(options.statuses ?? (todo ? TODO_STATUSES : EVENT_STATUSES)),
    keepCancelledMs: approximateMs(parseDuration(options.keepCancelledFor ?? 'P30D')!),
    refreshInterval:
      options.refreshInterval === false
        ? undefined
        : formatDuration(exactSeconds(parseDuration(options.refreshInterval ?? 'PT1H')!)),
    state: options.state,
  };
}

/**
 * The clock of a sink or feed handler, which reads the time at each sync or request: a function
 * returning the current `Date`. A `Date` or a number here would stop the clock, so it is refused
 * when the sink or handler is created rather than failing at its first use.
 */
export function checkClock(now: unknown, scope: string): (() => Date) | undefined {
  if (now === undefined || typeof now === 'function') return now as (() => Date) | undefined;
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [${scope}] option \`now\`: expected a clock, a function returning the current Date such as \`() => new Date()\`, got ${now instanceof Date ? 'a Date' : typeof now}; \`toIcs\` and \`toCalendar\` take a fixed \`now\`.`,
    { path: ['now'] },
  );
}
