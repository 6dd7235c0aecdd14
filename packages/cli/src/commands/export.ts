import { basename, dirname, extname, join } from 'node:path';
import { isRunnerUpError, RunnerUpError } from '@runner-up/core';
import { type CliContext, jsonDoesNotApply } from '../context';
import { modeOfSource, writeFileAtomic } from '../file/atomic-write';
import { withFileLock } from '../file/file-lock';
import {
  defaultIcsStatePath,
  openIcsStateFile,
  refuseStateOnPipeline,
} from '../file/ics-state-file';
import { loadPipeline } from '../file/load-pipeline';
import { isSameFile } from '../file/same-file';
import { didYouMean } from '../output/closest-name';
import { scrubData, secretsFrom } from '../output/scrub';
import { planAhead } from '../plan-ahead';
import { checkDomainFlag, domainFlagError } from './domain-option';

/** Options of `export ics`. */
export interface ExportOptions {
  /** Write to this file instead of stdout. */
  output?: string;
  /**
   * The revision state file that keeps SEQUENCE rising from one export to the next, or `false`
   * (`--no-state`) for none.
   * @default `<pipeline name>.export.state.json` beside the pipeline file
   */
  state?: string | false;
  /** Write tasks (VTODO) rather than events; done reminders are then written, completed. */
  todo?: boolean;
  /** The right-hand side of every UID. @default 'runner-up' */
  domain?: string;
}

/**
 * `runner-up export ics`: the calendar, on stdout or written atomically to `-o FILE`. With the
 * revision state (the default), the events of earlier exports whose reminders left the plan or were
 * skipped are written again as cancelled, so a calendar that imported them is told.
 */
export async function exportCommand(
  ctx: CliContext,
  format: string,
  options: ExportOptions,
): Promise<void> {
  if (format !== 'ics') {
    throw new RunnerUpError(
      'invalid_options',
      `Unknown export format ${JSON.stringify(format)}. Supported: ics.${didYouMean(format, ['ics'])}`,
      { path: ['format'] },
    );
  }
  const domain = checkDomainFlag(options.domain);
  if (ctx.json && options.output === undefined) {
    throw jsonDoesNotApply(
      '`export ics` without `-o`',
      'the calendar itself is printed on stdout. Leave out `--json`, or pass `-o FILE` to write the calendar and print a JSON summary.',
    );
  }
  const statePath =
    options.state === false
      ? undefined
      : (options.state ?? defaultIcsStatePath(ctx.file, 'export'));
  // Before anything is read or written: `-o` or `--state` naming the pipeline file (or `-o` the
  // state) would replace one of the user's files with another kind of file, exit 0.
  if (typeof options.state === 'string') {
    await refuseStateOnPipeline(options.state, ctx.file, 'export');
  }
  if (options.output !== undefined) await refuseOutput(options.output, ctx.file, statePath);
  const pipeline = await loadPipeline(ctx.file, { env: ctx.env });
  const now = ctx.nowIn(pipeline.owner.timezone);
  // A token pasted into the file would reach the calendar folded across lines, where no scrub of
  // the output finds it: taken out of the data itself.
  const reminders = scrubData(planAhead(pipeline, now), secretsFrom(ctx.env), pipeline);
  // Loaded only here, so commands that do not write calendars never pay for it.
  const { toIcs } = await import('@runner-up/ical');
  const component = options.todo ? 'todo' : 'event';
  // Read, revise and save the state under its lock: two exports at once would otherwise each
  // raise the sequences from the same state, and the second save would undo the first's.
  /** The events this export cancelled: written cancelled for the first time (their SEQUENCE rose). */
  let newlyCancelled = 0;
  const ics =
    statePath === undefined
      ? toIcs(reminders, { now, component, ...domain })
      : await withStateHint(statePath, () =>
          withFileLock(
            statePath,
            async () => {
              const stateFile = await openIcsStateFile(statePath, {
                newFileMode: await modeOfSource(ctx.file),
              });
              const events = stateFile.state.events;
              const before = new Map(
                Object.keys(events).map((key) => [key, events[key]!.sequence]),
              );
              let text: string;
              try {
                text = toIcs(reminders, { now, state: stateFile.state, component, ...domain });
              } catch (error) {
                throw domainFlagError(error, options.domain, {
                  path: statePath,
                  domain: stateFile.state.domain,
                });
              }
              for (const key of Object.keys(events)) {
                const entry = events[key]!;
                if (entry.event?.cancelled && before.get(key) !== entry.sequence)
                  newlyCancelled += 1;
              }
              // The state first: if the calendar cannot be written, a state ahead of it only means the
              // next export repeats a sequence no reader has seen; the other way round, readers would
              // see one again.
              await stateFile.save();
              return text;
            },
            { onWait: (message) => ctx.err(message) },
          ),
        );
  if (options.output === undefined) {
    ctx.stdout.write(ics);
    return;
  }
  // `-o /dev/null` or a pipe is written into, not replaced.
  // No more readable than the pipeline it is made from: it holds the same names and addresses.
  await writeFileAtomic(options.output, ics, {
    streams: true,
    newFileMode: await modeOfSource(ctx.file),
  });
  // plan() never returns a cancelled reminder, so every STATUS:CANCELLED event is one of an earlier
  // export whose reminder left the plan or was skipped, cancelled through the state: this time, or
  // before and kept until `keepCancelledFor` after its date. Skipped reminders (and long-cancelled
  // ones) get no event of their own, nor done ones but as tasks: count what was written.
  const cancellations = ics.match(/^STATUS:CANCELLED\r$/gm)?.length ?? 0;
  const begin = options.todo ? /^BEGIN:VTODO\r$/gm : /^BEGIN:VEVENT\r$/gm;
  const written = (ics.match(begin)?.length ?? 0) - cancellations;
  const leftOut = reminders.length - written;
  if (ctx.json) {
    ctx.out(
      JSON.stringify({
        file: options.output,
        reminders: written,
        leftOut,
        cancelled: newlyCancelled,
        keptCancelled: cancellations - newlyCancelled,
      }),
    );
    return;
  }
  const doneOrSkipped = reminders.filter(
    (r) => (r.status === 'done' && !options.todo) || r.status === 'skipped',
  ).length;
  const why = [
    doneOrSkipped > 0 ? `${doneOrSkipped} ${options.todo ? 'skipped' : 'done or skipped'}` : '',
    leftOut > doneOrSkipped ? `${leftOut - doneOrSkipped} cancelled long ago` : '',
  ].filter(Boolean);
  const note = why.length > 0 ? ` (${why.join(' and ')} left out)` : '';
  const cancelled =
    newlyCancelled > 0
      ? `, and cancelled ${newlyCancelled} ${options.todo ? (newlyCancelled === 1 ? 'task' : 'tasks') : newlyCancelled === 1 ? 'event' : 'events'} no longer planned`
      : '';
  ctx.err(
    `Wrote ${written} ${written === 1 ? 'reminder' : 'reminders'} to ${options.output}${note}${cancelled}.`,
  );
}

/**
 * Runs `run`, adding to an error about the state file how to export all the same: the calendar
 * does not need the state, and a folder the state cannot be kept in is no reason to go without it.
 */
async function withStateHint<T>(statePath: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isRunnerUpError(error) || error.code !== 'io_error' || error.file !== statePath) {
      throw error;
    }
    throw new RunnerUpError(
      'io_error',
      `${error.message.replace(/\.?$/, '.')} To export all the same, keep the state elsewhere with \`--state FILE\`, or export without one with \`--no-state\` (cancelled reminders are then left out rather than cancelled).`,
      { file: error.file, path: error.path, cause: error.cause },
    );
  }
}

/**
 * Refuses an `-o` that is the pipeline file or a revision state file (this export's, or the default
 * one of `export ics` or `serve` beside the pipeline), a usage error (exit 2): the calendar would
 * replace it. Compared where the paths really lead, through symbolic links.
 */
async function refuseOutput(
  output: string,
  pipelineFile: string,
  statePath: string | undefined,
): Promise<void> {
  const own = join(dirname(pipelineFile), `${basename(pipelineFile, extname(pipelineFile))}.ics`);
  if (await isSameFile(output, pipelineFile)) {
    throw new RunnerUpError(
      'invalid_options',
      `\`-o ${output}\` is the pipeline file itself: the calendar would replace it. Write the calendar to a file of its own, like \`-o ${own}\`.`,
      { file: output, path: ['output'] },
    );
  }
  // The state this export uses, and those beside the pipeline file that another run may use:
  // the export's own (even with --no-state this time) and the feed's of `serve`.
  const states: [path: string, command: string][] = [
    ...(statePath === undefined ? [] : ([[statePath, 'export ics']] as [string, string][])),
    [defaultIcsStatePath(pipelineFile, 'export'), 'export ics'],
    [defaultIcsStatePath(pipelineFile, 'feed'), 'serve'],
  ];
  for (const [state, command] of states) {
    if (await isSameFile(output, state)) {
      throw new RunnerUpError(
        'invalid_options',
        `\`-o ${output}\` is the revision state file of \`${command}\` (${state}): the calendar would replace it. Write the calendar to a file of its own, like \`-o ${own}\`.`,
        { file: output, path: ['output'] },
      );
    }
  }
}
