import {
  formatIssue,
  isRunnerUpError,
  type RunnerUpError,
  type RunnerUpErrorCode,
  type RunnerUpIssue,
} from '@runner-up/core';

/** Exit codes: 0 ok, 1 failure, 2 bad usage or invalid input. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Error codes caused by what the user typed or wrote: exit 2. Everything else is a failure: exit 1. */
const INPUT_ERRORS = new Set<RunnerUpErrorCode>([
  'invalid_pipeline',
  'yaml_syntax',
  'unknown_cadence',
  'unknown_anchor',
  'invalid_rrule',
  'duplicate_id',
  'duplicate_plugin',
  'invalid_options',
  'not_found',
]);

/** Codes whose issues point into the pipeline file. */
const FILE_ERRORS = new Set<RunnerUpErrorCode>([
  'invalid_pipeline',
  'yaml_syntax',
  'unknown_cadence',
  'unknown_anchor',
  'invalid_rrule',
  'duplicate_id',
]);

/** True when `error` lists problems found in the pipeline file (not a file that could not be read). */
export function isInvalidFileError(error: unknown): error is RunnerUpError {
  return isRunnerUpError(error) && FILE_ERRORS.has(error.code) && error.issues.length > 0;
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  return isRunnerUpError(error) && INPUT_ERRORS.has(error.code) ? ExitCode.usage : ExitCode.failure;
}

/**
 * Renders an error for stderr: every issue on its own line as `file:line:col `path`: message`,
 * then what to do. The stack (and causes) only with `--debug`.
 */
export function formatError(
  error: unknown,
  options: {
    debug: boolean;
    /** How to run `validate` on the same file. @default 'runner-up validate' */
    validate?: string;
  },
): string {
  const lines: string[] = [];
  if (isRunnerUpError(error)) {
    const issues = error.issues.length > 0 ? error.issues : [];
    if (FILE_ERRORS.has(error.code) && issues.length > 0) {
      const file = issues.find((issue) => issue.file)?.file ?? error.file ?? 'the file';
      const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
      lines.push(`[runner-up] ${file} is not a valid pipeline (${count}):`);
      for (const issue of issues) lines.push(`  ${formatIssue(ownLocationOnce(issue))}`);
      lines.push(
        `Fix ${issues.length === 1 ? 'it' : 'them'} and run \`${options.validate ?? 'runner-up validate'}\` again.`,
      );
    } else {
      // Messages may already carry the `[runner-up] [plugin]` prefix; never print it twice.
      lines.push(`[runner-up] ${error.message.replace(/^\[runner-up\] /, '')}`);
    }
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`[runner-up] Unexpected error: ${message}`);
    if (!options.debug) lines.push('Run again with --debug to see where it happened.');
  }
  if (options.debug) lines.push(...debugDetails(error));
  return `${lines.join('\n')}\n`;
}

/**
 * The issue with a message that already starts with its file (as core's YAML errors made with
 * `formatIssue` do: `f.yaml: excessive alias count`) cut to what follows, so the file is printed
 * once, not `f.yaml: f.yaml: ...`.
 */
function ownLocationOnce(issue: RunnerUpIssue): RunnerUpIssue {
  if (issue.file === undefined || !issue.message.startsWith(`${issue.file}`)) return issue;
  const rest = /^(?::\d+(?::\d+)?)?(?: `[^`]*`)?: /.exec(issue.message.slice(issue.file.length));
  return rest
    ? { ...issue, message: issue.message.slice(issue.file.length + rest[0].length) }
    : issue;
}

function debugDetails(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (current instanceof Error) {
      lines.push(
        depth === 0 ? (current.stack ?? '') : `Caused by: ${current.stack ?? current.message}`,
      );
      current = current.cause;
    } else {
      lines.push(`Caused by: ${String(current)}`);
      break;
    }
  }
  return lines;
}
