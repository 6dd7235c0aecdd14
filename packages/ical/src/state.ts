import { RunnerUpError } from '@runner-up/core';
import * as z from 'zod';

/** What the calendar last said about one event, so SEQUENCE and LAST-MODIFIED can rise on change. */
export const IcsStateEntrySchema = z.object({
  /** Fingerprint of the event's user-visible properties. */
  hash: z.string(),
  /** The SEQUENCE last written (RFC 5545 §3.8.7.4). */
  sequence: z.int().min(0),
  /** When the content last changed, an ISO instant in UTC. */
  lastModified: z.iso.datetime(),
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
  const result = IcsStateSchema.safeParse(saved);
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

function fail(path: (string | number)[], message: string): never {
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [ical] calendar state \`${path.join('.') || '(root)'}\`: ${message}`,
    { path },
  );
}

/**
 * Records the event's current fingerprint and returns its SEQUENCE and LAST-MODIFIED: a new
 * event starts at 0 and `now`; a changed one goes up by one and takes `now`; an unchanged one keeps
 * both, so clients that compare them (RFC 5546 §2.1.5) update in place exactly when something changed.
 */
export function revise(state: IcsState, key: string, hash: string, now: string): IcsStateEntry {
  // Own entries only, and defined rather than assigned: a key may be any text, `__proto__` and
  // `constructor` included.
  const previous = Object.hasOwn(state.events, key) ? state.events[key] : undefined;
  if (previous && previous.hash === hash) return previous;
  const next: IcsStateEntry = previous
    ? { hash, sequence: previous.sequence + 1, lastModified: now }
    : { hash, sequence: 0, lastModified: now };
  Object.defineProperty(state.events, key, {
    value: next,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return next;
}
