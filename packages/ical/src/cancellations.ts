/**
 * Cancellations of events that left the plan. An exported file, once imported, keeps every event
 * it had until it is told otherwise: the revision state knows which events earlier calendars held,
 * so the next calendar writes the ones no longer planned again, as STATUS:CANCELLED with a higher
 * SEQUENCE (RFC 5546 §2.1.5), and clients that import it cancel their copy.
 */
import { formatPath, type Reminder, RunnerUpError } from '@runner-up/core';
import { hashString } from './hash';
import type { ResolvedIcsOptions } from './options';
import { type IcsStateEvent, IcsStateEventSchema } from './state';

/** An event of an earlier calendar to write again as cancelled, as the revision state remembers it. */
export interface Withdrawn {
  key: string;
  dueMs: number;
  /** What the event showed when it was last written. */
  event: IcsStateEvent;
  /** Fingerprint of the cancelled event (the state's own when it was already written cancelled). */
  hash: string;
}

/** Which events of earlier calendars this one cancels, and which entries no longer need their event. */
export interface Withdrawals {
  /** Events to write as cancelled, by date then key. */
  withdrawn: Withdrawn[];
  /** Keys whose cancellation is past `keepCancelledFor`: their entries keep only a tombstone. */
  expired: string[];
}

const NONE: Withdrawals = { withdrawn: [], expired: [] };

/** Fingerprint of an event written again as cancelled: it changes only with what it shows. */
function cancelledHash(event: IcsStateEvent): string {
  return hashString(
    JSON.stringify(['cancelled', event.due, event.timezone, event.duration, event.title]),
  );
}

/**
 * Checks a remembered event before it is written: `createIcsState` validates a saved state, but a
 * state passed as it is may have been built or changed by hand.
 */
function checkEvent(key: string, event: unknown): void {
  const result = IcsStateEventSchema.safeParse(event);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const path = ['state', 'events', key, 'event', ...(issue.path as (string | number)[])];
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [ical] option \`${formatPath(path)}\`: ${issue.message}`,
    { path },
  );
}

/**
 * True when a reminder the calendar does not show as it is means its event is off: it was skipped
 * (they replied first, so the touch will not happen) or cancelled, or it was done before the time
 * its event shows (a touch made early: the event ahead would still ring), and then it stays off.
 * A done reminder whose event's time had come is a touch that happened, and one the `statuses`
 * option leaves out is still planned: their events stay as they were. The time compared is the
 * reminder's due instant for all-day events too: their alarm rings then, so a touch made earlier
 * that day would still be rung for.
 */
function isCalledOff(r: Reminder, event: IcsStateEvent, nowMs: number): boolean {
  if (r.status === 'skipped' || r.status === 'cancelled') return true;
  return r.status === 'done' && (event.cancelled === true || Date.parse(event.due) > nowMs);
}

/**
 * Finds the keys the revision state knows from earlier calendars that this calendar does not write
 * as they are (see `buildEvents`): the reminder is gone, or skipped, or done before its event's
 * time, or cancelled longer ago than `keepCancelledFor`. Each one whose event the state remembers is written again as cancelled,
 * until `keepCancelledFor` after its date; after that its entry keeps only a tombstone. Entries
 * without an event (written before runner-up remembered events, or tombstones) are left as they
 * are, and nothing is written for them. With `cancelled` left out of `statuses`, no cancellation is
 * written at all.
 */
export function findWithdrawals(
  reminders: readonly Reminder[],
  o: ResolvedIcsOptions,
): Withdrawals {
  const state = o.state;
  if (!state) return NONE;
  const entries = Object.entries(state.events);
  if (entries.length === 0) return NONE;
  const cancelledAfter = o.nowMs - o.keepCancelledMs;
  const byKey = new Map<unknown, Reminder>();
  for (const r of reminders) byKey.set(r.key, r);
  const withdrawals: Withdrawals = { withdrawn: [], expired: [] };
  for (const [key, entry] of entries) {
    if (!entry.event) continue;
    const r = byKey.get(key);
    if (r) {
      // Written as it is (the same test `buildEvents` applies), or still planned, or done.
      const written =
        o.statuses.has(r.status) &&
        !(r.status === 'cancelled' && Date.parse(r.due) < cancelledAfter);
      if (written || !isCalledOff(r, entry.event, o.nowMs)) continue;
    }
    checkEvent(key, entry.event);
    const dueMs = Date.parse(entry.event.due);
    if (dueMs < cancelledAfter) {
      withdrawals.expired.push(key);
      continue;
    }
    if (!o.statuses.has('cancelled')) continue;
    withdrawals.withdrawn.push({
      key,
      dueMs,
      event: entry.event,
      // The fingerprint of what is written: the same as the entry's when it was cancelled here
      // before, so its SEQUENCE stays; once more when it was passed as `cancelled` with its own
      // description, categories and link, which this event no longer shows.
      hash: cancelledHash(entry.event),
    });
  }
  withdrawals.withdrawn.sort((a, b) => a.dueMs - b.dueMs || (a.key < b.key ? -1 : 1));
  return withdrawals;
}
