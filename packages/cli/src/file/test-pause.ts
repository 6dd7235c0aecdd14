/**
 * Points where a test can freeze the process (`RUNNER_UP_TEST_PAUSE=<point>`) to kill it there
 * and prove a crash never leaves a partial file. Test-only; unset in normal use, where it costs
 * one environment lookup.
 */
export type PausePoint = 'after-lock' | 'mid-write' | 'before-rename' | 'after-rename';

/** Announces `point` on stderr and waits (practically forever) when a test asked to pause there. */
export async function maybePause(point: PausePoint): Promise<void> {
  if (process.env.RUNNER_UP_TEST_PAUSE !== point) return;
  process.stderr.write(`[runner-up] test pause: ${point}\n`);
  await new Promise((resolve) => setTimeout(resolve, 120_000));
}
