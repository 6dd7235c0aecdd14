import type { CliContext } from '../context';
import { loadPipeline } from '../file/load-pipeline';

/** `runner-up validate`: checks the file; problems are thrown with file:line:col and the field path. */
export async function validateCommand(ctx: CliContext): Promise<void> {
  const pipeline = await loadPipeline(ctx.file, ctx.env);
  const count = pipeline.opportunities.length;
  if (ctx.json) {
    ctx.out(JSON.stringify({ valid: true, file: ctx.file, opportunities: count }));
    return;
  }
  ctx.out(
    `${ctx.colors.green('✓')} ${ctx.file} is valid: ${count} ${count === 1 ? 'opportunity' : 'opportunities'}.`,
  );
}
