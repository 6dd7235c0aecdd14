import { RunnerUpError, toInstant, toLocal } from '@runner-up/core';
import pc from 'picocolors';
import { jsonText, terminalText } from './output/terminal-text';

/** The global options every command accepts. */
export interface GlobalOptions {
  /** The pipeline file. @default './runner-up.yaml' */
  file: string;
  /**
   * Fixes "now" for reproducible output: an ISO instant, or a plain date for the start of that
   * day in the owner's zone. @default the clock
   */
  now?: string;
  /** Print machine-readable JSON on stdout. @default false */
  json?: boolean;
  /** `false` with `--no-color`. @default true */
  color: boolean;
  /** Print stack traces of errors. @default false */
  debug?: boolean;
}

/** `value` as a shell word: as it is when that is safe, else in single quotes. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./,:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * A path as a shell word for a command the user is told to run: quoted when it needs it, and
 * `./` before one that starts with `-`, so no command takes it for an option.
 */
export function shellPath(path: string): string {
  return shellWord(path.startsWith('-') ? `./${path}` : path);
}

/**
 * ` -f FILE` when the user named the file (so hints to run another command repeat it), else ''.
 */
export function fileArgument(file: string, given: boolean): string {
  return given ? ` -f ${shellPath(file)}` : '';
}

/**
 * Environment variables as `process.env` holds them. Spelled out, rather than
 * `NodeJS.ProcessEnv`, so the types need no `@types/node`.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where the CLI writes text: `process.stdout`, `process.stderr`, or anything with `write`. */
export interface TextOutput {
  /** Writes `text` as given (the CLI adds its own line breaks); the return value is ignored. */
  write(text: string): unknown;
  /** True on a terminal: progress is redrawn and colour may be on. */
  isTTY?: boolean;
}

/** Where a command writes, and the resolved global options. */
export interface CliContext {
  file: string;
  /**
   * "Now" as an ISO instant in UTC. `timeZone` (the owner's) places a plain-date `--now`: the
   * start of that day there; an instant or the clock needs no zone.
   */
  nowIn(timeZone: string): string;
  /** True when `--now` fixed it; long-running commands otherwise read the clock as they go. */
  nowFixed: boolean;
  json: boolean;
  debug: boolean;
  env: Environment;
  stdout: TextOutput;
  stderr: TextOutput;
  /** Colours for stdout: plain functions when colour is off. */
  colors: ReturnType<typeof pc.createColors>;
  /** Colours for stderr. */
  errColors: ReturnType<typeof pc.createColors>;
  /**
   * The command line to suggest for running `args` on the same file: `runner-up agenda`, or
   * `runner-up agenda -f mine.yaml` when the user named the file.
   */
  commandLine(args: string): string;
  /**
   * Writes a line (or lines) to stdout: with control characters escaped (see `terminalText`),
   * except with `--json`.
   */
  out(text: string): void;
  /**
   * Writes a line (or lines) to stderr, with every control character escaped but line breaks and
   * tabs (see `terminalText`): colour there goes through `errColors` and `stderr`.
   */
  err(text: string): void;
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

/**
 * Epoch milliseconds of an ISO instant whose every field is in range, else NaN. `Date.parse`
 * alone would roll `2026-02-30` over to March 2 and take `T24:00`.
 */
function parseInstant(value: string): number {
  const match = ISO_INSTANT.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const calendarDay = new Date(Date.UTC(2000, month! - 1, day!));
  // Any four-digit year: which days runner-up plans is for plan() to say, naming them.
  const leap = (year! % 4 === 0 && year! % 100 !== 0) || year! % 400 === 0;
  const realDay =
    month! >= 1 &&
    month! <= 12 &&
    calendarDay.getUTCDate() === day &&
    // The length of February depends on the year itself.
    (month !== 2 || day! <= 28 || leap);
  const inRange =
    realDay &&
    hour! <= 23 &&
    minute! <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 23 &&
    Number(offsetMinutes) <= 59;
  // An offset of hours alone (`+05`), as ISO 8601 allows, which Date.parse does not read.
  return inRange ? Date.parse(value.replace(/([+-]\d{2})$/, '$1:00')) : Number.NaN;
}

/**
 * Validates `--now` and returns how to read it in a zone: an instant (normalised to UTC) is the
 * same everywhere; a plain date (`2026-12-01`) is the start of that day in the zone given, the
 * owner's, since only there is it "that day" (midnight UTC is still the day before in Chicago). A
 * day that starts with a skipped hour starts when the clocks have moved on.
 */
export function resolveNow(
  value: string | undefined,
  clock: () => Date = () => new Date(),
): (timeZone: string) => string {
  if (value === undefined) {
    const now = clock().toISOString();
    return () => now;
  }
  if (PLAIN_DATE.test(value) && !Number.isNaN(parseInstant(`${value}T00:00Z`))) {
    return (timeZone) => new Date(toInstant(value, '00:00', timeZone)).toISOString();
  }
  const time = parseInstant(value);
  if (Number.isNaN(time)) {
    // A date and time with no offset: which zone it is in is what is missing.
    const local =
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(value) &&
      !Number.isNaN(parseInstant(`${value}Z`));
    throw new RunnerUpError(
      'invalid_options',
      local
        ? `\`--now\` ${JSON.stringify(value)} has no offset, so it names no moment: add \`Z\` for UTC (${value}Z) or the offset of its zone, like ${value}-06:00; or give the date alone (${value.slice(0, 10)}) for the start of that day in the owner's zone.`
        : `\`--now\` expects an ISO instant like 2026-12-01T15:00:00Z, or a date like 2026-12-01 for the start of that day in the owner's zone, got ${JSON.stringify(value)}.`,
      { path: ['now'] },
    );
  }
  const now = new Date(time).toISOString();
  return () => now;
}

/** `FORCE_COLOR` values that turn colour on, as Node reads them; any other value turns it off. */
const FORCE_COLOR_ON = new Set(['', '1', '2', '3', 'true']);

/**
 * Colour only when it can be seen and is wanted: never with `--no-color` or `NO_COLOR`
 * (https://no-color.org). Otherwise `FORCE_COLOR` decides when it is set, as in Node: `1`, `2`,
 * `3`, `true` or empty turn colour on even for a pipe, `0`, `false` or any other value turn it off
 * even on a terminal. Without it, colour only on a terminal that is not `TERM=dumb`.
 */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: Environment,
  flag: boolean,
): boolean {
  if (!flag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined) return FORCE_COLOR_ON.has(env.FORCE_COLOR);
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** The usage error (exit 2) for `--json` where a command has no result to print as JSON. */
export function jsonDoesNotApply(where: string, why: string): RunnerUpError {
  return new RunnerUpError('invalid_options', `\`--json\` does not apply to ${where}: ${why}`, {
    path: ['json'],
  });
}

/** Builds the context for one run. */
export function createContext(
  options: GlobalOptions,
  io: {
    env: Environment;
    stdout: CliContext['stdout'];
    stderr: CliContext['stderr'];
    /** True when the user gave `-f`/`--file` (rather than the default). @default false */
    fileGiven?: boolean;
  },
): CliContext {
  const fileArgs = fileArgument(options.file, Boolean(io.fileGiven));
  const stdoutColor = colorEnabled(io.stdout, io.env, options.color);
  return {
    file: options.file,
    nowIn: resolveNow(options.now),
    nowFixed: options.now !== undefined,
    json: Boolean(options.json),
    debug: Boolean(options.debug),
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
    colors: pc.createColors(stdoutColor),
    errColors: pc.createColors(colorEnabled(io.stderr, io.env, options.color)),
    commandLine: (args) => `runner-up ${args}${fileArgs}`,
    out: (text) => {
      // Without colour, no escape sequence is ours, so every one is shown escaped.
      const shown = options.json ? jsonText(text) : terminalText(text, { colors: stdoutColor });
      io.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    },
    err: (text) => {
      const shown = terminalText(text);
      io.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    },
  };
}

/** Today's date (`YYYY-MM-DD`) at instant `now` in `timeZone`. */
export function dateIn(now: string, timeZone: string): string {
  // The core's conversion, which writes every year with four digits (Intl writes 999, not 0999).
  return toLocal(Date.parse(now), timeZone).date;
}
