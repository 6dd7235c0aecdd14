import { formatPath, lintPipeline, type PipelineWarning } from '@runner-up/core';
import type { CliContext } from '../context';
import { readPipelineText } from '../file/load-pipeline';
import { parsePipelineCached } from '../file/parse-cache';
import { isInvalidFileError } from '../output/report-error';
import { escapeControls } from '../output/terminal-text';

/** A warning as `validate` prints it: where it is in the file, and what it says. */
interface LocatedWarning {
  code: PipelineWarning['code'];
  file: string;
  line: number | null;
  column: number | null;
  path: PipelineWarning['path'];
  message: string;
}

/**
 * Places each warning at its `line:col` in `text` (the YAML parser is loaded only then), in the
 * order they stand in the file, as one reads it; `lintPipeline` lists them check by check. Those
 * with no place come last, in the order found.
 */
async function locate(
  text: string,
  file: string,
  warnings: readonly PipelineWarning[],
): Promise<LocatedWarning[]> {
  if (warnings.length === 0) return [];
  const { createYamlLocator } = await import('../file/parse-yaml');
  // The text is parsed once for all the warnings, however many there are.
  const locateAt = createYamlLocator(text);
  const located = warnings.map(({ code, path, message }): LocatedWarning => {
    const at = locateAt(path, 'value');
    return { code, file, line: at?.line ?? null, column: at?.column ?? null, path, message };
  });
  // Array.prototype.sort is stable: warnings at one place keep lintPipeline's order.
  const position = (w: LocatedWarning) =>
    w.line === null ? Number.POSITIVE_INFINITY : w.line * 1e6 + (w.column ?? 0);
  return located.sort((a, b) => position(a) - position(b));
}

/**
 * `runner-up validate`: checks the file; problems are thrown with file:line:col and the field
 * path. A valid file may still get warnings (see `lintPipeline`): they are printed, and the exit
 * code stays 0.
 */
export async function validateCommand(ctx: CliContext): Promise<void> {
  // With --json an invalid file is a result too, text that is not UTF-8 included: its problems go
  // to stdout (and, as without --json, to stderr, exit 2). A file that cannot be read is no
  // result: only the error.
  const reportInvalid = (error: unknown): never => {
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
  };
  const text = await readPipelineText(ctx.file).catch(reportInvalid);
  const pipeline = await parsePipelineCached(text, ctx.file, ctx.env).catch(reportInvalid);
  const count = pipeline.opportunities.length;
  const warnings = await locate(
    text,
    ctx.file,
    lintPipeline(pipeline, { now: ctx.nowIn(pipeline.owner.timezone) }),
  );
  if (ctx.json) {
    ctx.out(JSON.stringify({ valid: true, file: ctx.file, opportunities: count, warnings }));
    return;
  }
  const opportunities = `${count} ${count === 1 ? 'opportunity' : 'opportunities'}`;
  if (warnings.length === 0) {
    ctx.out(`${ctx.colors.green('✓')} ${ctx.file} is valid: ${opportunities}.`);
    return;
  }
  ctx.out(
    `${ctx.colors.green('✓')} ${ctx.file} is valid: ${opportunities}, with ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}:`,
  );
  for (const w of warnings) {
    const where = w.line === null ? w.file : `${w.file}:${w.line}:${w.column}`;
    // The file's values in the message (and its keys in the path) are escaped before colouring.
    const text = escapeControls(`${where} \`${formatPath(w.path)}\`: ${w.message}`);
    ctx.out(`  ${ctx.colors.yellow('!')} ${text}`);
  }
}
