import { Writable } from 'node:stream';
import { run } from '../../src/program';
import { cleanEnv } from './run-cli';

/** What one in-process run printed: each stream, and both in the order they were written. */
export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as written, as a terminal shows them. */
  both: string;
}

/**
 * Runs `runner-up` in this process (no build needed) with a clean environment plus `env`, and
 * collects what it prints.
 */
export async function runInProcess(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; signal?: AbortSignal } = {},
): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  let both = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        both += String(chunk);
        done();
      },
    });
  const code = await run(args, {
    env: cleanEnv({ RUNNER_UP_CACHE: '0', ...options.env }),
    stdout: sink((text) => {
      stdout += text;
    }),
    stderr: sink((text) => {
      stderr += text;
    }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr, both };
}
