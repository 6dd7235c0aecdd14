import { RunnerUpError } from '../errors';
import type { Reminder } from '../model/reminder';

/** A reminder the user ticked `Done` in a remote tool, read back by a sync. */
export interface Completion {
  /** The reminder's key, `<opportunityId>/<stepId>/<occurrence>`, as read from the remote row. */
  key: string;
  /** The id of the opportunity the reminder belongs to. */
  opportunityId: string;
  /** The id of the step the reminder was made from. */
  stepId: string;
  /** 1 for a step; 1, 2, 3... for the repeats of a series. */
  occurrence: number;
  /** The date it was done, in the owner's zone (the remote edit time, or the due date). */
  on: string;
  /** The remote row or record id, for people who want to look at it. */
  remoteId?: string;
}

/** A key found on more than one remote row (usually a row copied by hand). */
export interface DuplicateKey {
  /** The reminder key the rows share. */
  key: string;
  /** Every remote row id carrying the key; the first is the one the sync keeps in step. */
  remoteIds: string[];
}

/** What one sync did (or, in a dry run, would do). */
export interface SyncReport {
  /** The sink's name, e.g. `notion`. */
  sink: string;
  /** Rows created for reminders that had none. */
  created: number;
  /** Rows rewritten because they differed from their reminder. */
  updated: number;
  /** Rows that already matched their reminder, left as they were. */
  unchanged: number;
  /** Rows whose reminder vanished from the plan, marked `cancelled` (never deleted). */
  cancelled: number;
  /** Rows the user ticked `Done`. */
  completed: Completion[];
  /** Keys found on several rows; reported, never multiplied further. */
  duplicates: DuplicateKey[];
  /** HTTP requests made, reads included. */
  requests: number;
  /** Requests that were retried after a 429, 5xx or timeout. */
  retries: number;
  /** How long the sync took, in milliseconds. */
  durationMs: number;
  /** True when nothing was written: the counts are what a real sync would do. */
  dryRun: boolean;
}

/** Progress of a long sync, for a progress bar. */
export interface SyncProgress {
  /** `read` while the remote rows are read, `write` while rows are created and updated. */
  phase: 'read' | 'write';
  /** Rows read or written so far in this phase. */
  done: number;
  /** Unknown while reading pages. */
  total?: number;
}

/** Options every sink accepts. */
export interface SyncOptions {
  /**
   * Compute the same report and make no write.
   * @default false
   */
  dryRun?: boolean;
  /** Stops the sync between requests; it then rejects with a `RunnerUpError` of code `aborted`. */
  signal?: AbortSignal;
  /** Called as rows are read and written. */
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * The names of {@link SyncOptions}, for a sink to refuse any other with
 * {@link checkOptionNames}: a misspelt `dryrun` silently ignored would write for real. The
 * contract suite asks every sink to refuse one.
 *
 * @example
 * async sync(reminders, options = {}) {
 *   checkOptionNames(options, SYNC_OPTION_NAMES, 'acme')
 *   // …
 * }
 */
export const SYNC_OPTION_NAMES: readonly (keyof SyncOptions)[] = Object.freeze([
  'dryRun',
  'signal',
  'onProgress',
] as const satisfies readonly (keyof SyncOptions)[]);

/** Optional abilities a sink declares; the contract suite tests what is declared. */
export interface SinkCapabilities {
  /** Honours `dryRun`. */
  dryRun?: boolean;
  /** Reports rows ticked `Done` as completions. */
  completions?: boolean;
  /** Marks vanished reminders cancelled. */
  cancel?: boolean;
  /** Largest number of records one write request carries. */
  batchSize?: number;
}

/** Something reminders can be pushed to. Only `name` and `sync` are required. */
export interface Sink {
  /** The sink's name, e.g. `notion`: the name it is registered under, and the report's `sink`. */
  name: string;
  /** The optional abilities it declares; none when absent. */
  capabilities?: SinkCapabilities;
  /** Writes the reminders to the remote tool (or, with `dryRun`, only computes the report). */
  sync(reminders: readonly Reminder[], options?: SyncOptions): Promise<SyncReport>;
}

/** An empty report to start counting from. */
export function emptySyncReport(sink: string, dryRun = false): SyncReport {
  return {
    sink,
    created: 0,
    updated: 0,
    unchanged: 0,
    cancelled: 0,
    completed: [],
    duplicates: [],
    requests: 0,
    retries: 0,
    durationMs: 0,
    dryRun,
  };
}

/**
 * The reminders by key, for a sink that upserts by key. Two reminders sharing a key are a mistake
 * in the plan (one row cannot follow both), so they are refused with `invalid_options` at
 * `[index, 'key']` rather than one being dropped.
 *
 * @param sink - the sink's name, for the message
 * @example const wanted = remindersByKey(reminders, 'markdown')
 */
export function remindersByKey(
  reminders: readonly Reminder[],
  sink: string,
): Map<string, Reminder> {
  const byKey = new Map<string, Reminder>();
  reminders.forEach((reminder, index) => {
    if (byKey.has(reminder.key)) {
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] [${sink}] Two reminders share the key "${reminder.key}"; keys must be unique.`,
        { path: [index, 'key'] },
      );
    }
    byKey.set(reminder.key, reminder);
  });
  return byKey;
}
