import { plan, RunnerUpError } from '@runner-up/core';
import type { CliContext } from '../context';
import { writeFileAtomic } from '../file/atomic-write';
import { loadPipeline } from '../file/load-pipeline';

/** Options of `export ics`. */
export interface ExportOptions {
  /** Write to this file instead of stdout. */
  output?: string;
}

/** `runner-up export ics`: the calendar, on stdout or written atomically to `-o FILE`. */
export async function exportCommand(
  ctx: CliContext,
  format: string,
  options: ExportOptions,
): Promise<void> {
  if (format !== 'ics') {
    throw new RunnerUpError(
      'invalid_options',
      `Unknown export format ${JSON.stringify(format)}. Supported: ics.`,
      { path: ['format'] },
    );
  }
  const pipeline = await loadPipeline(ctx.file, ctx.env);
  const reminders = plan(pipeline, { now: ctx.now });
  // Loaded only here, so commands that do not write calendars never pay for it.
  const { toIcs } = await import('@runner-up/ical');
  const ics = toIcs(reminders, { now: ctx.now });
  if (options.output === undefined) {
    ctx.stdout.write(ics);
    return;
  }
  await writeFileAtomic(options.output, ics);
  if (ctx.json) ctx.out(JSON.stringify({ file: options.output, reminders: reminders.length }));
  else ctx.err(`Wrote ${reminders.length} reminders to ${options.output}.`);
}
