import { isScalar } from 'yaml';
import type { CliContext } from '../context';
import { editPipelineFile, findOpportunity } from '../file/pipeline-file';
import { parseDateFlag } from './log';

/** Options of the `snooze` command. */
export interface SnoozeOptions {
  /** Nothing for this opportunity falls before this date. */
  until: string;
}

/** `runner-up snooze <opportunity> --until DATE`: sets `snoozedUntil` in the file. */
export async function snoozeCommand(
  ctx: CliContext,
  opportunityId: string,
  options: SnoozeOptions,
): Promise<void> {
  const until = parseDateFlag('until', options.until);
  await editPipelineFile(ctx.file, (doc, pipeline) => {
    const { node } = findOpportunity(doc, pipeline, opportunityId, ctx.file);
    const current = node.get('snoozedUntil', true);
    if (isScalar(current)) {
      if (current.value === until) return { changed: false };
      // Change the scalar in place so a comment after it stays put.
      current.value = until;
    } else {
      node.set('snoozedUntil', until);
    }
    return { changed: true };
  });
  if (ctx.json) ctx.out(JSON.stringify({ opportunityId, snoozedUntil: until }));
  else ctx.out(`${ctx.colors.green('✓')} Snoozed ${opportunityId} until ${until}.`);
}
