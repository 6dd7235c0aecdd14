import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPOSITORY_ROOT, runNodeScript, type ScriptRun } from './run-script.js';
import type { TrySyncSession } from './session.js';

/** Options of {@link checkTrySyncCommands}. */
export interface CheckTrySyncCommandsOptions {
  /** The `runner-up sync` subcommand the commands run: `notion`, `airtable`. */
  sink: string;
  /** The pipeline file the commands name, from the repository root. */
  file: string;
}

/**
 * Does what a try-sync session's instructions say, from the repository root with the root
 * `runner-up` script's command line, and checks what they promise: the variables and commands are
 * printed as given, the dry run writes nothing, the sync creates every reminder it planned, the
 * same command again writes nothing, and (nothing being ticked Done) the pipeline file is left as
 * it is. Returns how many reminders the dry run planned, for the caller to find in its emulator.
 */
export async function checkTrySyncCommands(
  session: TrySyncSession<{ requests: { readonly writes: number } }, Record<string, string>>,
  options: CheckTrySyncCommandsOptions,
): Promise<number> {
  const { emulator, env, commands, instructions } = session;
  for (const [name, value] of Object.entries(env)) {
    expect(instructions).toContain(`  export ${name}=${value}\n`);
  }
  for (const args of commands) {
    expect(instructions).toContain(`  pnpm runner-up ${args.join(' ')}\n`);
  }
  expect(commands.map((args) => args.includes('--dry-run'))).toEqual([true, false]);
  const runnerUp = (args: readonly string[]) =>
    runNodeScript(REPOSITORY_ROOT, 'runner-up', args, { env });
  const file = join(REPOSITORY_ROOT, options.file);
  const before = readFileSync(file, 'utf8');
  const [dryRun, sync] = commands as [string[], string[]];

  const dry = await runnerUp(dryRun);
  expect(dry.stderr).not.toContain('[runner-up]');
  expect(dry.code).toBe(0);
  const planned = Number(/\(dry run\): (\d+) to create,/.exec(dry.stdout)?.[1]);
  expect(planned).toBeGreaterThan(0);
  expect(emulator.requests.writes).toBe(0);

  const first = await runnerUp(sync);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`✓ ${options.sink}: ${planned} created, 0 updated, 0 unchanged`);

  // "Run the last command again and it writes nothing."
  const writes = emulator.requests.writes;
  const second = await runnerUp(sync);
  expect(second.code).toBe(0);
  expect(second.stdout).toContain(`✓ ${options.sink}: 0 created, 0 updated, ${planned} unchanged`);
  expect(emulator.requests.writes).toBe(writes);

  expect(readFileSync(file, 'utf8')).toBe(before);
  return planned;
}

/**
 * Runs an example's `pnpm try-sync` with `env` added to a clean environment, presses Ctrl-C once
 * it has printed everything, and checks that it stopped by itself with exit 0 and nothing on
 * stderr. Returns the run, for the caller to check what it printed.
 */
export async function checkTrySyncScript(
  dir: string,
  env: Record<string, string>,
): Promise<ScriptRun> {
  const run = await runNodeScript(dir, 'try-sync', [], {
    env,
    interruptAfter: 'Ctrl-C stops the emulator',
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\nStopped the emulator \(SIGINT\); it held 0 \w+\.\n$/);
  return run;
}
