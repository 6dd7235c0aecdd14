/**
 * `plan()` options: `now`, the horizon and plugins, checked and normalised.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import {
  isDurationTooLarge,
  isPlainDate,
  MAX_DURATION_NUMBER,
  parseDuration,
} from '../model/values';
import type { RunnerUpPlugin } from '../plugin/define-plugin';
import { LAST_PLANNED_DATE } from '../time/plain-date';
import { toInstant, toLocal } from '../time/zoned';

/** Options of {@link plan}. */
export interface PlanOptions {
  /**
   * The moment to plan from. Required: `plan()` never reads the clock, so the same input and
   * `now` always give the same reminders. A `Date`, epoch milliseconds, an ISO instant
   * (`2026-11-30T15:00:00Z`, with `Z` or an offset), a date-time without offset (read as the
   * owner's wall clock) or a plain date (the start of that day in the owner's zone).
   */
  now: Date | string | number;
  /**
   * How far ahead to plan, counted from today in the owner's zone: an ISO 8601 duration
   * (`P6M`) or a last plain date (`2028-12-31`, inclusive). Past reminders are always included,
   * so a date before today is refused (`invalid_options`).
   * @default 'P24M'
   */
  horizon?: string;
  /** Plugins whose cadences and talking-point templates opportunities may use. @default [] */
  plugins?: readonly RunnerUpPlugin[];
}

/** The names of {@link PlanOptions}, to refuse any other. */
export const PLAN_OPTIONS: readonly (keyof PlanOptions)[] = ['now', 'horizon', 'plugins'];

/** An ISO 8601 instant: a date and time with `Z` or an offset (`+05`, `+0500`, `+05:00`). */
const OFFSET_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

function badOption(field: string, message: string): RunnerUpError {
  return new RunnerUpError('invalid_options', `[runner-up] [plan] \`${field}\`: ${message}`, {
    path: [field],
  });
}

/** The first day runner-up plans from: dates keep four-digit years. */
const FIRST_DAY = '0001-01-01';
/** The last day runner-up plans (the day before `LAST_DATE`; see `plan()`'s horizon check). */
const LAST_DAY = LAST_PLANNED_DATE;
const DAY_MS = 86_400_000;
/**
 * Instants a day either side of the days above: every zone's date of an instant inside these is
 * at most a day off its UTC date, so only these are converted to the owner's zone (and a `Date`
 * out of its range, `new Date(8.64e15 + 1)`, never reaches Intl).
 */
const EARLIEST_MS = Date.parse(`${FIRST_DAY}T00:00:00Z`) - DAY_MS;
const LATEST_MS = Date.parse(`${LAST_DAY}T00:00:00Z`) + 2 * DAY_MS;

/**
 * Epoch milliseconds of `now`. Strings without an offset are read in `timeZone`, never in the
 * host's zone (which `Date.parse` would silently use). Whatever its form, `now` must fall on a
 * day runner-up plans, 0001-01-01 to 9999-12-30 in `timeZone`.
 */
export function resolveNow(now: unknown, timeZone: string): number {
  const ms = nowMs(now, timeZone);
  if (ms >= EARLIEST_MS && ms <= LATEST_MS) {
    const today = toLocal(ms, timeZone).date;
    if (today.length === 10 && today >= FIRST_DAY && today <= LAST_DAY) return ms;
  }
  const given =
    typeof now === 'string'
      ? JSON.stringify(now)
      : Math.abs(ms) <= 8.64e15
        ? new Date(ms).toISOString()
        : `${ms} ms`;
  throw badOption(
    'now',
    `expected a moment from ${FIRST_DAY} to ${LAST_DAY} in ${timeZone}, the days runner-up plans, got ${given}.`,
  );
}

function nowMs(now: unknown, timeZone: string): number {
  if (now instanceof Date) {
    const ms = now.getTime();
    if (Number.isFinite(ms)) return ms;
    throw badOption('now', 'expected a valid date, got an invalid Date.');
  }
  if (typeof now === 'number') {
    if (Number.isFinite(now)) return now;
    throw badOption('now', `expected epoch milliseconds, got ${now}.`);
  }
  if (typeof now === 'string') {
    const text = now.trim();
    if (isPlainDate(text)) return toInstant(text, '00:00', timeZone);
    const local = LOCAL_DATE_TIME.exec(text);
    if (local && isPlainDate(local[1]!) && Number(local[2]) < 24 && Number(local[3]) < 60) {
      return toInstant(local[1]!, `${local[2]}:${local[3]}`, timeZone);
    }
    const instant = OFFSET_INSTANT.exec(text);
    // Every field in range: Date.parse alone rolls 2026-02-30 over to March 2 and takes T24:00.
    if (
      instant &&
      isPlainDate(instant[1]!) &&
      [instant[2], instant[5]].every((hours) => hours === undefined || Number(hours) < 24) &&
      [instant[3], instant[4], instant[6]].every((part) => part === undefined || Number(part) < 60)
    ) {
      // An offset of hours alone (`+05`), as ISO 8601 allows, which Date.parse does not read.
      const ms = Date.parse(text.replace(/([+-]\d{2})$/, '$1:00'));
      if (Number.isFinite(ms)) return ms;
    }
    throw badOption(
      'now',
      `expected an ISO instant like "2026-11-30T15:00:00Z" or a date like 2026-11-30, got ${JSON.stringify(now)}.`,
    );
  }
  throw badOption(
    'now',
    'is required: pass a Date, epoch milliseconds or an ISO instant (plan() never reads the clock).',
  );
}

/** The horizon as a duration or a last date, checked. */
export function resolveHorizon(
  horizon: unknown,
): { kind: 'duration'; value: string } | { kind: 'date'; value: string } {
  if (horizon === undefined) return { kind: 'duration', value: 'P24M' };
  if (typeof horizon === 'string') {
    if (isPlainDate(horizon)) return { kind: 'date', value: horizon };
    if (parseDuration(horizon)) return { kind: 'duration', value: horizon };
  }
  throw badOption(
    'horizon',
    isDurationTooLarge(horizon)
      ? `a number in a duration can be at most ${MAX_DURATION_NUMBER}, got ${JSON.stringify(horizon)}; give a shorter duration like P24M or a last date like 2028-12-31.`
      : `expected an ISO 8601 duration like P24M or a date like 2028-12-31, got ${JSON.stringify(horizon)}.`,
  );
}
