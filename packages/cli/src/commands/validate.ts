import type { CliContext } from '../context';
import { loadPipeline } from '../file/load-pipeline';
import { isInvalidFileError } from '../output/report-error';

/** `runner-up validate`: checks the file; problems are thrown with file:line:col and the field path. */
export async function validateCommand(ctx: CliContext): Promise<void> {
  const pipeline = await loadPipeline(ctx.file, ctx.env).catch((error: unknown) => {
    // With --json an invalid file is a result too: its problems go to stdout (and, as without
    // --json, to stderr, exit 2). A file that cannot be read is no result: only the error.
    if (ctx.json && isInvalidFileError(error)) {
      const issues = error.issues.map((issue) => ({
        code: issue.code,
        file: issue.file ?? ctx.file,
        line: issue.line ?? null,
        column: issue.column ?? null,
        path: issue.path,
        message: issue.message,
      }));
      ctx.out(JSON.stringify({ valid: false, file: ctx.file, issues }));
    }
    throw error;
  });
  const count = pipeline.opportunities.length;
  if (ctx.json) {
    ctx.out(JSON.stringify({ valid: true, file: ctx.file, opportunities: count }));
    return;
  }
  ctx.out(
    `${ctx.colors.green('✓')} ${ctx.file} is valid: ${count} ${count === 1 ? 'opportunity' : 'opportunities'}.`,
  );
}
