import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whose `package.json` has the `runner-up` script. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** How a script run ended, and what it printed. */
export interface ScriptRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runNodeScript}. */
export interface RunNodeScriptOptions {
  /**
   * Added to a clean environment (`PATH`, `HOME`, `TZ=UTC`, the parse cache off): no token of the
   * test runner's own reaches the script, only what a test passes.
   */
  env?: Record<string, string>;
  /**
   * Sends SIGINT once stdout contains this text, once, as a person pressing Ctrl-C would.
   * @default never
   */
  interruptAfter?: string;
}

/**
 * Runs `pnpm <script> <args>` in the package at `dir` the way pnpm would: the script's own command
 * line from that `package.json`, in that folder, with this Node (so the script must start with
 * `node`). Asynchronous, since an emulator the script talks to may answer from the test's process.
 */
export async function runNodeScript(
  dir: string,
  script: string,
  args: readonly string[] = [],
  options: RunNodeScriptOptions = {},
): Promise<ScriptRun> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const [command, ...scriptArgs] = manifest.scripts?.[script]?.split(' ') ?? [];
  if (command !== 'node') {
    throw new Error(`The "${script}" script of ${join(dir, 'package.json')} does not run node.`);
  }
  const child = spawn(process.execPath, [...scriptArgs, ...args], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: 'UTC',
      RUNNER_UP_CACHE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (interrupted || options.interruptAfter === undefined) return;
    if (stdout.includes(options.interruptAfter)) interrupted = child.kill('SIGINT');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
