import { RunnerUpError, type RunnerUpIssue } from '../errors';
import { closest } from '../parse/suggest';

/**
 * Refuses option names a function does not know, so that a misspelt option (`dryrun` for
 * `dryRun`, `horizn` for `horizon`) is an error rather than silently ignored: in TypeScript an
 * options object held in a variable may carry extra properties, and in JavaScript nothing checks.
 * Throws a {@link RunnerUpError} of code `invalid_options` with one issue per unknown name, each
 * suggesting the known name it is closest to. Every runner-up package checks its options this
 * way; plugins can too.
 *
 * Does nothing when `options` is not an object (the caller reports that).
 *
 * @param scope The tag its messages start with after `[runner-up]`, e.g. `'notion'`.
 * @example
 * checkOptionNames({ dryrun: true }, ['dryRun', 'signal'], 'acme')
 * // throws: [runner-up] [acme] Unknown option `dryrun`; did you mean `dryRun`?
 */
export function checkOptionNames(options: unknown, known: readonly string[], scope: string): void {
  if (typeof options !== 'object' || options === null) return;
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const issues: RunnerUpIssue[] = unknown.map((name) => {
    const match = closest(name, known);
    return {
      code: 'invalid_options',
      path: [name],
      message: `[runner-up] [${scope}] Unknown option \`${name}\`${match === undefined ? `; the options are ${known.map((k) => `\`${k}\``).join(', ')}` : `; did you mean \`${match}\`?`}`,
    };
  });
  const first = issues[0]!;
  throw new RunnerUpError(
    'invalid_options',
    issues.length === 1
      ? first.message
      : `${first.message} (and ${issues.length - 1} more unknown option${issues.length > 2 ? 's' : ''}: ${unknown
          .slice(1)
          .map((name) => `\`${name}\``)
          .join(', ')})`,
    { path: first.path, issues },
  );
}
