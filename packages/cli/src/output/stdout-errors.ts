import { describeIoError } from '../file/atomic-write';

/**
 * What to do when stdout fails. A closed pipe (`runner-up agenda | head`) stops quietly, as other
 * commands do; any other failure (a full disk: `runner-up agenda > /dev/full`) is said in one
 * line on stderr, exit 1, instead of an uncaught error that prints the bundle's source and a stack.
 */
export function stdoutErrorHandler(
  stderr: { write(text: string): unknown },
  exit: (code: number) => void,
  exitCode: () => number | string | undefined | null = () => process.exitCode,
): (error: NodeJS.ErrnoException) => void {
  let handled = false;
  return (error) => {
    // A failed stream may report more than once: say it once.
    if (handled) return;
    handled = true;
    if (error.code === 'EPIPE') {
      exit(Number(exitCode() ?? 0));
      return;
    }
    stderr.write(`[runner-up] Could not write to stdout: ${describeIoError(error)}\n`);
    exit(1);
  };
}
