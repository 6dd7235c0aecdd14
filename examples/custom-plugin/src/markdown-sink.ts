import {
  type Completion,
  checkOptionNames,
  type DuplicateKey,
  emptySyncReport,
  type Reminder,
  RunnerUpError,
  type Sink,
  SYNC_OPTION_NAMES,
  type SyncOptions,
  type SyncReport,
} from '@runner-up/core';
import {
  blockFor,
  dueOf,
  fieldOf,
  type MarkdownBlock,
  parseMarkdown,
  renderMarkdown,
  sameOwnedText,
  withStatus,
} from './markdown-format.js';
import type { MarkdownStore } from './store.js';

/** Options of {@link markdownSink}. */
export interface MarkdownSinkOptions {
  /** Where the checklist is kept: `fileStore('follow-ups.md')`, `memoryStore()`, or your own. */
  store: MarkdownStore;
  /**
   * How many times a read or write that failed with a `retryable` error is tried again. A
   * failed write is retried after reading the file again, so edits made in between are kept.
   * @default 3
   */
  retries?: number;
}

const NAME = 'markdown';

function aborted(): RunnerUpError {
  return new RunnerUpError('aborted', `[runner-up] [${NAME}] The sync was aborted.`);
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw aborted();
}

function isRetryable(error: unknown): boolean {
  return (error as { retryable?: unknown } | null)?.retryable === true;
}

/**
 * A sink that keeps a Markdown checklist of reminders in step with the plan: one item per
 * reminder key, created, updated, or marked `cancelled` when it leaves the plan (never deleted).
 * A box the user ticks is reported as a completion; notes written under an item are never
 * touched. A sync with nothing to change writes nothing.
 *
 * @example
 * const sink = markdownSink({ store: fileStore('follow-ups.md') })
 * const report = await sink.sync(plan(pipeline, { now: new Date() }))
 */
export function markdownSink(options: MarkdownSinkOptions): Sink {
  const store = options?.store;
  if (typeof store?.read !== 'function' || typeof store?.write !== 'function') {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [${NAME}] Missing required option \`store\`: pass fileStore(path) or an object with read() and write().`,
      { path: ['store'] },
    );
  }
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [${NAME}] Option \`retries\` must be a whole number of at least 0, got ${String(retries)}.`,
      { path: ['retries'] },
    );
  }

  return {
    name: NAME,
    capabilities: { dryRun: true, completions: true, cancel: true },
    async sync(reminders: readonly Reminder[], syncOptions: SyncOptions = {}): Promise<SyncReport> {
      // A misspelt `dryrun` ignored would write for real.
      checkOptionNames(syncOptions, SYNC_OPTION_NAMES, NAME);
      const started = Date.now();
      const { signal, onProgress } = syncOptions;
      const dryRun = syncOptions.dryRun ?? false;
      const report = emptySyncReport(NAME, dryRun);
      checkSignal(signal);

      const attempt = async <T>(run: () => Promise<T>, what: string): Promise<T> => {
        for (let tries = 0; ; tries++) {
          report.requests += 1;
          try {
            return await run();
          } catch (error) {
            if (isRetryable(error) && tries < retries) {
              report.retries += 1;
              checkSignal(signal);
              continue;
            }
            throw new RunnerUpError(
              'io_error',
              `[runner-up] [${NAME}] Could not ${what} the checklist.`,
              {
                cause: error,
              },
            );
          }
        }
      };

      for (let writeTries = 0; ; writeTries++) {
        const text = await attempt(() => store.read(), 'read');
        checkSignal(signal);
        const merged = merge(text ?? '', reminders, (done, total) => {
          onProgress?.({ phase: 'write', done, total });
          checkSignal(signal);
        });
        Object.assign(report, merged.counts, {
          completed: merged.completed,
          duplicates: merged.duplicates,
        });
        if (dryRun || merged.text === text) break;
        report.requests += 1;
        try {
          await store.write(merged.text);
          break;
        } catch (error) {
          if (!isRetryable(error) || writeTries >= retries) {
            throw new RunnerUpError(
              'io_error',
              `[runner-up] [${NAME}] Could not write the checklist.`,
              {
                cause: error,
              },
            );
          }
          // Read again before retrying: the user may have ticked a box in the meantime.
          report.retries += 1;
          checkSignal(signal);
        }
      }
      report.durationMs = Date.now() - started;
      return report;
    },
  };
}

interface Merged {
  text: string;
  counts: Pick<SyncReport, 'created' | 'updated' | 'unchanged' | 'cancelled'>;
  completed: Completion[];
  duplicates: DuplicateKey[];
}

/** The new checklist text for `reminders`, merged with the user's ticks and notes in `text`. */
function merge(
  text: string,
  reminders: readonly Reminder[],
  progress: (done: number, total: number) => void,
): Merged {
  const document = parseMarkdown(text);
  const first = new Map<string, MarkdownBlock>();
  const copies = new Map<string, MarkdownBlock[]>();
  for (const block of document.blocks) {
    if (!first.has(block.key)) first.set(block.key, block);
    else copies.set(block.key, [...(copies.get(block.key) ?? []), block]);
  }
  const counts = { created: 0, updated: 0, unchanged: 0, cancelled: 0 };
  const completed: Completion[] = [];
  const next = new Map<string, MarkdownBlock>();
  reminders.forEach((reminder, index) => {
    const existing = first.get(reminder.key);
    const block = blockFor(reminder, existing);
    if (!existing) counts.created += 1;
    else if (sameOwnedText(existing, block)) counts.unchanged += 1;
    else counts.updated += 1;
    // A tick on a copy of the item made by hand is work done all the same.
    if (block.done || copies.get(reminder.key)?.some((copy) => copy.done)) {
      completed.push({
        key: reminder.key,
        opportunityId: reminder.opportunityId,
        stepId: reminder.stepId,
        occurrence: reminder.occurrence,
        // A checkbox carries no time of its own, so the reminder's date stands in.
        on: reminder.local.date,
      });
    }
    next.set(reminder.key, block);
    progress(index + 1, reminders.length);
  });
  for (const [key, block] of first) {
    if (next.has(key)) continue;
    if (fieldOf(block, 'Status') === 'cancelled') next.set(key, block);
    else {
      counts.cancelled += 1;
      next.set(key, withStatus(block, 'cancelled'));
    }
  }
  const ordered = [...next.values()].sort(
    (a, b) => compare(dueOf(a), dueOf(b)) || compare(a.key, b.key),
  );
  const blocks = ordered.flatMap((block) => [block, ...(copies.get(block.key) ?? [])]);
  const duplicates = [...copies].map(([key, extra]) => ({
    key,
    remoteIds: [key, ...extra.map((_, i) => `${key}#${i + 2}`)],
  }));
  return { text: renderMarkdown({ ...document, blocks }), counts, completed, duplicates };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
