import { formatPath, isTimeZone, parseDuration, RunnerUpError } from '@runner-up/core';
import * as z from 'zod';

/**
 * What an event showed when it was last written: enough to write it again as `STATUS:CANCELLED`
 * once its reminder leaves the plan. Clients match a cancellation to the event they hold by UID and
 * SEQUENCE (RFC 5546 §2.1.5), and show it at its DTSTART, so the cancellation repeats the time, zone
 * and length the event had, and its title so people can tell what was cancelled.
 */
export const IcsStateEventSchema = z.object({
  /** The reminder's instant (`due`), an ISO instant in UTC. */
  due: z.iso.datetime({ error: 'expected an ISO instant like 2026-11-23T15:30:00.000Z' }),
  /** The IANA zone its local time was written in (TZID). */
  timezone: z
    .string()
    .refine(isTimeZone, { error: 'expected an IANA time zone like Europe/Paris' }),
  /** The event's length, an ISO 8601 duration. */
  duration: z.string().refine((value) => parseDuration(value) !== undefined, {
    error: 'expected an ISO 8601 duration like PT30M',
  }),
  /** The event's SUMMARY. */
  title: z.string(),
  /** Present when the event was last written as STATUS:CANCELLED. */
  cancelled: z.literal(true).optional(),
  /** Present when the event was written as an all-day event (a date, without a time). */
  allDay: z.literal(true).optional(),
});
/** What an event showed when it was last written. */
export type IcsStateEvent = z.infer<typeof IcsStateEventSchema>;

/** What the calendar last said about one event, so SEQUENCE and LAST-MODIFIED can rise on change. */
export const IcsStateEntrySchema = z.object({
  /** Fingerprint of the event's user-visible properties. */
  hash: z.string(),
  /** The SEQUENCE last written (RFC 5545 §3.8.7.4). */
  sequence: z.int().min(0),
  /** When the content last changed, an ISO instant in UTC. */
  lastModified: z.iso.datetime(),
  /**
   * What the event showed, so it can be cancelled when its reminder leaves the plan. Absent in
   * entries written before runner-up remembered it, and in the tombstone an entry becomes once its
   * cancellation is past `keepCancelledFor`: such an entry only keeps its key's SEQUENCE rising.
   */
  event: IcsStateEventSchema.optional(),
});
/** What the calendar last said about one event. */
export type IcsStateEntry = z.infer<typeof IcsStateEntrySchema>;

/**
 * Revision state of a calendar, by reminder key. Plain JSON: keep it next to the pipeline file (or
 * in memory, as the feed handler does) and pass it back on the next export. `toIcs` updates it in
 * place.
 */
export const IcsStateSchema = z.object({
  version: z.literal(1),
  /**
   * The `domain` of the UIDs its events were written with, set by the first export with the
   * state. An export with another domain is refused: every UID would be new to the clients, and
   * the events of the old UIDs would never be cancelled. Absent in states written before it was
   * kept: the next export sets it.
   */
  domain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, { error: 'expected a domain name like example.com' })
    .optional(),
  events: z.record(z.string(), IcsStateEntrySchema),
});
/** Revision state of a calendar, by reminder key. */
export type IcsState = z.infer<typeof IcsStateSchema>;

/**
 * A new, empty revision state, or one read back from JSON (validated; a bad file gives an
 * `invalid_options` error naming the field).
 */
export function createIcsState(saved?: unknown): IcsState {
  if (saved === undefined) return { version: 1, events: {} };
  const shape = saved as { version?: unknown; events?: unknown } | null;
  if (
    typeof shape !== 'object' ||
    shape === null ||
    Array.isArray(shape) ||
    shape.version !== 1 ||
    typeof shape.events !== 'object' ||
    shape.events === null
  ) {
    // Not a state at all (an empty or overwritten file, another tool's JSON): no field to name.
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [ical] calendar state: expected what toIcs and icalSink save, \`{ "version": 1, "events": { … } }\`, got ${describeState(saved)}. If the file was lost or overwritten, start again with createIcsState(): every event's SEQUENCE then restarts at 0.`,
      { path: [] },
    );
  }
  const result = IcsStateSchema.safeParse(saved, { error: stateMessage });
  const events = (saved as { events?: Record<string, unknown> } | null)?.events;
  if (result.success && events && Object.hasOwn(events, '__proto__')) {
    // A record schema leaves this one key out of what it returns; keep its entry too.
    const entry = IcsStateEntrySchema.safeParse(
      Object.getOwnPropertyDescriptor(events, '__proto__')?.value,
    );
    if (entry.success) {
      Object.defineProperty(result.data.events, '__proto__', {
        value: entry.data,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return result.data;
    }
    return fail(
      ['events', '__proto__', ...entry.error.issues[0]!.path] as (string | number)[],
      entry.error.issues[0]!.message,
    );
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  return fail(issue.path as (string | number)[], issue.message);
}

/** What a saved state is, in a few words, for the message refusing it. */
function describeState(saved: unknown): string {
  if (saved === null) return 'null';
  if (Array.isArray(saved)) return 'a list';
  if (typeof saved !== 'object') return `${typeof saved} ${JSON.stringify(saved)?.slice(0, 40)}`;
  const version = (saved as { version?: unknown }).version;
  return version === undefined
    ? 'an object without `version`'
    : version !== 1
      ? `version ${JSON.stringify(version)?.slice(0, 20)}`
      : 'an object without `events`';
}

/** Plain messages for the fields of a state (zod's own read "Invalid input: …"). */
function stateMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined
    ? `missing required field, expected ${issue.expected}`
    : `expected ${issue.expected}, got ${JSON.stringify(issue.input)?.slice(0, 40) ?? typeof issue.input}`;
}

function fail(path: (string | number)[], message: string): never {
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [ical] calendar state \`${path.length === 0 ? '(root)' : formatPath(path)}\`: ${message}`,
    { path },
  );
}

/**
 * Records the UIDs' `domain` in a state that has none, once a calendar was built with it: the
 * state's SEQUENCEs and cancellations belong to the UIDs it was written with. The domain was
 * checked against the state's before (see {@link checkDomain}).
 */
export function bindDomain(state: IcsState, domain: string): void {
  if (state.domain === domain) return;
  // Put before `events`, where a state read back from JSON has it, so that the JSON of a state
  // reads the same however it was made.
  const { events } = state;
  delete (state as Partial<IcsState>).events;
  state.domain = domain;
  state.events = events;
}

/** Refuses `domain` when `state` was written with another (see {@link bindDomain}). */
export function checkDomain(state: IcsState, domain: string, scope: string): void {
  if (state.domain === undefined || state.domain === domain) return;
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [${scope}] option \`domain\`: the calendar state was written with domain \`${state.domain}\` (UIDs \`<key>@${state.domain}\`); with \`${domain}\` every UID would be new to the clients and the events they hold would never be updated or cancelled. Keep \`domain: '${state.domain}'\`, or start a new state and remove the old events from the calendars that imported them.`,
    { path: ['domain'] },
  );
}

/** The state's own entry for `key`, never an inherited property (a key may be `__proto__`). */
export function entryOf(state: IcsState, key: string): IcsStateEntry | undefined {
  return Object.hasOwn(state.events, key) ? state.events[key] : undefined;
}

/** Sets the entry of `key`, defined rather than assigned: a key may be any text, `__proto__` and `constructor` included. */
function setEntry(state: IcsState, key: string, entry: IcsStateEntry): void {
  Object.defineProperty(state.events, key, {
    value: entry,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Records the event's current fingerprint and returns its SEQUENCE and LAST-MODIFIED: a new
 * event starts at 0 and `now`; a changed one goes up by one and takes `now`; an unchanged one keeps
 * both, so clients that compare them (RFC 5546 §2.1.5) update in place exactly when something changed.
 * The entry also remembers what the event shows (`shown`, asked for only when it is stored), so
 * the event can be cancelled once its reminder leaves the plan.
 */
export function revise(
  state: IcsState,
  key: string,
  hash: string,
  now: string,
  shown: () => IcsStateEvent,
): IcsStateEntry {
  const previous = entryOf(state, key);
  if (previous && previous.hash === hash) {
    if (previous.event) return previous;
    // An entry from before events were remembered (or a tombstone whose event came back as it
    // was): the event is unchanged, so SEQUENCE and LAST-MODIFIED stay; only remember it.
    const remembered = { ...previous, event: shown() };
    setEntry(state, key, remembered);
    return remembered;
  }
  const next: IcsStateEntry = {
    hash,
    sequence: previous ? previous.sequence + 1 : 0,
    lastModified: now,
    event: shown(),
  };
  setEntry(state, key, next);
  return next;
}

/**
 * Forgets what the event of `key` showed and keeps a tombstone (fingerprint, SEQUENCE and
 * LAST-MODIFIED): once a cancellation is past `keepCancelledFor` it is no longer written, but a key
 * that comes back must still get a SEQUENCE above the one clients last saw.
 */
export function forgetEvent(state: IcsState, key: string): void {
  const entry = entryOf(state, key);
  if (!entry?.event) return;
  setEntry(state, key, {
    hash: entry.hash,
    sequence: entry.sequence,
    lastModified: entry.lastModified,
  });
}
