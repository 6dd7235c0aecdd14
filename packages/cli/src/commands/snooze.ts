import { RunnerUpError } from '@runner-up/core';
import { type CliContext, dateIn } from '../context';
import { editPipelineFile, findOpportunity } from '../file/pipeline-file';
import { type CommandWarning, jsonWarning, parseDateFlag } from './log';

/** Options of the `snooze` command. */
export interface SnoozeOptions {
  /** Nothing for this opportunity falls before this date (required). */
  until?: string;
}

/**
 * `runner-up snooze <opportunity> --until DATE`: sets `snoozedUntil` in the file. A date before
 * today is written too (it is harmless, and ends a snooze early) with a warning on stderr, since
 * it is more often a typo for next year than meant.
 */
export async function snoozeCommand(
  ctx: CliContext,
  opportunityId: string,
  options: SnoozeOptions,
): Promise<void> {
  if (options.until === undefined) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--until\` is required: the date (YYYY-MM-DD) nothing for ${opportunityId} is planned before.`,
      { path: ['until'] },
    );
  }
  const until = parseDateFlag('until', options.until);
  const { today, zone } = await editPipelineFile(
    ctx.file,
    (editor, pipeline) => {
      const { node } = findOpportunity(editor.doc, pipeline, opportunityId, ctx.file);
      const zone = pipeline.owner.timezone;
      const today = dateIn(ctx.nowIn(zone), zone);
      const current = node.get('snoozedUntil');
      if (current === until) return { changed: false, today, zone };
      editor.setScalar(node, 'snoozedUntil', until);
      return { changed: true, today, zone };
    },
    { env: ctx.env, onLockWait: (message) => ctx.err(message) },
  );
  const warnings: CommandWarning[] =
    until < today
      ? [
          {
            code: 'snooze_in_the_past',
            message: `Warning: \`--until\` ${until} is before today, ${today} in ${zone}, so this snooze holds nothing back; did you mean a later date?`,
          },
        ]
      : [];
  // The result first, then the warning about it, as a terminal shows both (with --json too).
  if (ctx.json)
    ctx.out(
      JSON.stringify({ opportunityId, snoozedUntil: until, warnings: warnings.map(jsonWarning) }),
    );
  else ctx.out(`${ctx.colors.green('✓')} Snoozed ${opportunityId} until ${until}.`);
  for (const warning of warnings) ctx.err(`[runner-up] ${warning.message}`);
}
