/**
 * Tidying up after Ctrl-C: a command interrupted while it holds a lock or writes a temporary file
 * removes them before it exits, rather than leave them for the next command to clear.
 *
 * The file is never at risk either way (the rename that replaces it is atomic); this only keeps
 * the folder clean. A process killed outright (`kill -9`) cannot tidy up, and the next command
 * still clears a lock whose process is gone.
 *
 * @module
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

function onSignal(signal: NodeJS.Signals): void {
  // A command that ends gracefully on this signal (`sync` aborts, `serve` closes) listens too: it
  // finishes its work, and the locks and files are released on the way out as usual.
  if (process.listenerCount(signal) > 1) return;
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Tidying is best effort: the signal still ends the process.
    }
  }
  cleanups.clear();
  for (const name of SIGNALS) process.removeListener(name, onSignal);
  // Ended by the signal itself, as without a handler: the shell sees 130 for Ctrl-C. Where a
  // process cannot signal itself so (SIGHUP on Windows), it exits with the code a shell would give.
  try {
    process.kill(process.pid, signal);
  } catch {
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  }
}

/**
 * Runs `cleanup` (synchronous, best effort) if the process is interrupted before the returned
 * function is called; call that once the thing to clean up is gone or handed over.
 */
export function cleanUpOnInterrupt(cleanup: () => void): () => void {
  // First in line, so it sees the other listeners before a `once` one removes itself.
  if (cleanups.size === 0) for (const name of SIGNALS) process.prependListener(name, onSignal);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const name of SIGNALS) process.removeListener(name, onSignal);
  };
}
