import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BIN } from './ensure-built';

/** The parse cache of the commands this test file runs; see {@link cleanEnv}. */
const CACHE_DIR = join(tmpdir(), `runner-up-cli-test-cache-${process.pid}`);

/** Scratch directories this test file made, removed with the cache once its tests are done. */
const scratchDirs: string[] = [];

// Registered while the importing test file is collected, so it runs after that file's tests.
afterAll(() => {
  for (const dir of [...scratchDirs.splice(0), CACHE_DIR]) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** What a finished `runner-up` process printed and how it exited. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  cwd: string;
  /** Added to a clean environment (no tokens, no colour forcing, UTC host zone). */
  env?: Record<string, string | undefined>;
  /** Another copy of the built command to run. @default BIN */
  bin?: string;
}

/** A clean environment: the tests' own tokens or colour settings never leak in. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    // Keep the parse cache out of the home directory.
    RUNNER_UP_CACHE_DIR: CACHE_DIR,
  };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts the built binary; the caller decides when to wait or kill it. */
export function spawnCli(args: readonly string[], options: RunCliOptions): ChildProcess {
  return spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the built binary to completion. */
export function runCli(args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  const child = spawnCli(args, options);
  return collect(child);
}

/** Collects a child's output until it exits. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child's stderr contains `text`. */
export function waitForStderr(
  child: ChildProcess,
  text: string,
  timeoutMs = 15_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; stderr: ${seen}`)),
      timeoutMs,
    );
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
    child.once('close', () => {
      clearTimeout(timer);
      if (!seen.includes(text)) reject(new Error(`exited before ${JSON.stringify(text)}: ${seen}`));
    });
  });
}

/**
 * A fresh scratch directory (real path, so messages never show a symlinked tmp), removed after the
 * test file's last test.
 */
export function scratchDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runner-up-cli-')));
  scratchDirs.push(dir);
  return dir;
}

/**
 * `stderr` without the notes `log` prints on purpose: which reminder a touch completes when it was
 * planned after today, and that it waits for another command's lock. Tests that check a command
 * printed no warning or error compare this with ''.
 */
export function withoutNotes(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        !line.startsWith('[runner-up] Note: this touch completes') &&
        !line.startsWith('[runner-up] Waiting for '),
    )
    .join('\n');
}
