/**
 * Every error runner-up throws on purpose is a {@link RunnerUpError}: one class, a snake_case
 * `code` to branch on, the field `path` it concerns and, for file input, the position.
 */

/** The stable error codes. Branch on these, never on message text. */
export type RunnerUpErrorCode =
  /** The input does not match the pipeline schema (wrong type, bad date, unknown zone...). */
  | 'invalid_pipeline'
  /** The YAML text itself cannot be parsed. */
  | 'yaml_syntax'
  /** An opportunity names a cadence that is neither built in, custom, nor from a plugin. */
  | 'unknown_cadence'
  /** A step's `from` names a date the opportunity does not have and no estimate exists for. */
  | 'unknown_anchor'
  /** A `repeat.rrule` is not a valid RFC 5545 recurrence rule. */
  | 'invalid_rrule'
  /** Two opportunities, steps or contacts share an id. */
  | 'duplicate_id'
  /** Two plugins, or two contributions of one kind, share a name. */
  | 'duplicate_plugin'
  /** Options passed to a function or factory are invalid. */
  | 'invalid_options'
  /** A remote table or data source lacks properties the sync needs. */
  | 'remote_schema_mismatch'
  /** A remote service answered with an error the sync cannot recover from. */
  | 'remote_request_failed'
  /** A remote service kept answering 429 after the allowed retries. */
  | 'rate_limited'
  /** The operation was stopped by an `AbortSignal`. */
  | 'aborted'
  /** A file could not be read, locked or written. */
  | 'io_error'
  /** A referenced thing (opportunity id, command argument) does not exist. */
  | 'not_found';

/** Where an error points: a path into the data and, when known, a position in a file. */
export interface ErrorLocation {
  /** Path from the root of the document, e.g. `['opportunities', 2, 'dates', 'decided']`. */
  path: ReadonlyArray<string | number>;
  /** The file name as the user gave it (never resolved to an absolute path). */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
}

/** One problem found in the input. A {@link RunnerUpError} may carry several. */
export interface RunnerUpIssue extends ErrorLocation {
  /** What kind of problem it is. */
  code: RunnerUpErrorCode;
  /** One sentence for the user saying what is wrong and, where it can, how to fix it. */
  message: string;
}

/** Options of the {@link RunnerUpError} constructor: where the error points, every issue, and its cause. */
export interface RunnerUpErrorOptions {
  /** The field path in the pipeline, e.g. `['opportunities', 2, 'dates', 'decided']`. */
  path?: ReadonlyArray<string | number>;
  /** The file name as the user gave it. */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Every problem found, when there are several; the first is the one in `message`. */
  issues?: RunnerUpIssue[];
  /** The underlying error (a YAML or zod error, a failed request), kept as `error.cause`. */
  cause?: unknown;
}

/**
 * The one error class of runner-up.
 *
 * @example
 * try { parsePipelineYaml(text, { file: 'runner-up.yaml' }) }
 * catch (error) {
 *   if (error instanceof RunnerUpError && error.code === 'invalid_pipeline') console.error(error.message)
 * }
 */
export class RunnerUpError extends Error {
  /** Always `RunnerUpError`, also for subclasses: {@link isRunnerUpError} recognizes it by this. */
  override readonly name = 'RunnerUpError';
  /** What went wrong, as a stable code to branch on. */
  readonly code: RunnerUpErrorCode;
  /** Path from the root of the input to the field concerned; empty when no field is. */
  readonly path: ReadonlyArray<string | number>;
  /** The file name as the user gave it, when the input came from a file. */
  readonly file: string | undefined;
  /** 1-based line in `file`, when known. */
  readonly line: number | undefined;
  /** 1-based column in `file`, when known. */
  readonly column: number | undefined;
  /**
   * Every problem found; the first is the one in `message`. An error given no issues holds one,
   * made of its own code, message and location.
   */
  readonly issues: RunnerUpIssue[];

  constructor(code: RunnerUpErrorCode, message: string, options: RunnerUpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? [];
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.issues = options.issues ?? [
      {
        code,
        message,
        path: this.path,
        file: options.file,
        line: options.line,
        column: options.column,
      },
    ];
  }
}

/** True for any {@link RunnerUpError}, also across duplicated copies of the package. */
export function isRunnerUpError(value: unknown): value is RunnerUpError {
  return (
    value instanceof RunnerUpError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'RunnerUpError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * Formats a path the way users read it: `opportunities[2].dates.decided`.
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * Formats one issue as `file:line:col `path`: message`, leaving out the parts that are unknown.
 */
export function formatIssue(issue: RunnerUpIssue | (ErrorLocation & { message: string })): string {
  // Without a file name a bare `4:52` reads like a time: spell the position out.
  const where =
    issue.file === undefined && issue.line !== undefined
      ? `line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`}`
      : [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  const path = issue.path.length > 0 ? `\`${formatPath(issue.path)}\`` : '';
  const head = [where, path].filter(Boolean).join(' ');
  return head ? `${head}: ${issue.message}` : issue.message;
}
