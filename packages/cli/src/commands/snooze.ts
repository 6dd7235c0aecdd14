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
  await editPipelineFile(
    ctx.file,
    (editor, pipeline) => {
      const { node } = findOpportunity(editor.doc, pipeline, opportunityId, ctx.file);
      const current = node.get('snoozedUntil');
      if (current === until) return { changed: false };
      editor.setScalar(node, 'snoozedUntil', until);
      return { changed: true };
    },
    ctx.env,
  );
  if (ctx.json) ctx.out(JSON.stringify({ opportunityId, snoozedUntil: until }));
  else ctx.out(`${ctx.colors.green('✓')} Snoozed ${opportunityId} until ${until}.`);
}
