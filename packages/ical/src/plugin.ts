import {
  checkOptionNames,
  definePlugin,
  emptySyncReport,
  type Reminder,
  RunnerUpError,
  type Sink,
  SYNC_OPTION_NAMES,
  type SyncOptions,
  type SyncReport,
} from '@runner-up/core';
import { checkClock, ICS_OPTION_NAMES, type IcsOptions, resolveIcsOptions } from './options';
import { createIcsState, type IcsState } from './state';
import { assembleIcs, prepareIcs } from './to-ics';

/** Options of {@link icalSink} and {@link icalPlugin}. */
export interface IcalSinkOptions extends Omit<IcsOptions, 'now'> {
  /** Receives the calendar text on every sync that is not a dry run (write it atomically). */
  write: (ics: string) => void | Promise<void>;
  /**
   * The clock, for DTSTAMP and the cancelled-reminder window.
   * @default () => new Date()
   */
  now?: () => Date;
}

const SINK_OPTION_NAMES = [
  ...ICS_OPTION_NAMES,
  'write',
] as const satisfies readonly (keyof IcalSinkOptions)[];

/**
 * A sink that renders reminders to a calendar and hands the text to `write`. Its report counts
 * each event once, against the revision `state`, as the other sinks count rows: `created` new
 * UIDs; `cancelled` known ones written with STATUS:CANCELLED for the first time (reminders passed
 * as `cancelled`, and events of earlier syncs whose reminders left the plan, were skipped or were
 * done early, which the state remembers and writes again cancelled); `updated` other changed ones
 * (their SEQUENCE rose); `unchanged` the rest, cancelled events written again included.
 */
export function icalSink(options: IcalSinkOptions): Sink {
  if (typeof options?.write !== 'function') {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [ical] Missing required option `write`.',
      {
        path: ['write'],
      },
    );
  }
  checkOptionNames(options, SINK_OPTION_NAMES, 'ical');
  const { write, now, state, ...ics } = options;
  resolveIcsOptions({ ...ics, now: new Date(0), state });
  const clock = checkClock(now, 'ical') ?? (() => new Date());
  const revisions: IcsState = state ?? createIcsState();
  return {
    name: 'ical',
    capabilities: { dryRun: true, cancel: true },
    async sync(reminders: readonly Reminder[], sync: SyncOptions = {}): Promise<SyncReport> {
      checkOptionNames(sync, SYNC_OPTION_NAMES, 'ical');
      const started = Date.now();
      if (sync.signal?.aborted) {
        throw new RunnerUpError('aborted', '[runner-up] [ical] sync aborted');
      }
      const dryRun = sync.dryRun ?? false;
      const target = dryRun ? structuredClone(revisions) : revisions;
      const before = { ...target.events };
      const o = resolveIcsOptions({ ...ics, now: clock(), state: target });
      const prepared = prepareIcs(reminders, o);
      const text = assembleIcs(prepared, o, o.nowMs).toString();
      const report = emptySyncReport('ical', dryRun);
      for (const event of prepared.events) {
        const previous = Object.hasOwn(before, event.key) ? before[event.key] : undefined;
        const changed = !previous || previous.hash !== event.hash;
        if (!previous) report.created += 1;
        else if (!changed) report.unchanged += 1;
        else if (event.cancelled) report.cancelled += 1;
        else report.updated += 1;
      }
      sync.onProgress?.({ phase: 'write', done: 0, total: prepared.events.length });
      if (!dryRun) await write(text);
      sync.onProgress?.({
        phase: 'write',
        done: prepared.events.length,
        total: prepared.events.length,
      });
      report.durationMs = Date.now() - started;
      return report;
    },
  };
}

/**
 * The ical package as a runner-up plugin: one sink, `ical`, that writes the calendar through
 * your `write` function.
 *
 * @example
 * const registry = createRegistry([icalPlugin({ write: (text) => writeFileAtomic('follow-ups.ics', text) })])
 */
export function icalPlugin(options: IcalSinkOptions) {
  return definePlugin({ name: 'ical', sinks: { ical: icalSink(options) } });
}
