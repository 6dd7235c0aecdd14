import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILE, FAKE_NOTION_TOKEN, startTrySync } from '../src/try-sync';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const example = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it exits, calling `onStdout` as it comes. */
function collect(
  child: ReturnType<typeof spawn>,
  onStdout: (seen: string) => void = () => {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onStdout(stdout);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** No token of the test runner's own reaches the children: only what a test passes. */
const baseEnv = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TZ: 'UTC',
  RUNNER_UP_CACHE: '0',
});

/**
 * Runs `pnpm runner-up <args>` from the repository root: the root `runner-up` script's own
 * command line, with this Node. Asynchronously, since the emulator answers from this process.
 */
function runnerUp(args: readonly string[], env: Record<string, string>): Promise<Run> {
  const rootPackage = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...script] = rootPackage.scripts['runner-up']!.split(' ');
  expect(node).toBe('node');
  return collect(
    spawn(process.execPath, [...script, ...args], {
      cwd: root,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

describe('pnpm try-sync: runner-up sync notion against the emulator', () => {
  it('prints commands that sync the example, and the sync writes its rows', async () => {
    const session = await startTrySync();
    try {
      const { emulator, env, commands, instructions } = session;
      expect(env).toEqual({ NOTION_BASE_URL: emulator.url, NOTION_TOKEN: FAKE_NOTION_TOKEN });
      expect(instructions).toContain(`  export NOTION_BASE_URL=${emulator.url}\n`);
      expect(instructions).toContain(`  export NOTION_TOKEN=${FAKE_NOTION_TOKEN}\n`);
      for (const args of commands) {
        expect(instructions).toContain(`  pnpm runner-up ${args.join(' ')}\n`);
      }
      expect(commands.map((args) => args.includes('--dry-run'))).toEqual([true, false]);

      const file = `${root}/${EXAMPLE_FILE}`;
      const before = readFileSync(file, 'utf8');
      const [dryRun, sync] = commands as [string[], string[]];

      const dry = await runnerUp(dryRun, env);
      expect(dry.stderr).not.toContain('[runner-up]');
      expect(dry.code).toBe(0);
      const planned = Number(/\(dry run\): (\d+) to create,/.exec(dry.stdout)?.[1]);
      expect(planned).toBeGreaterThan(0);
      expect(emulator.requests.writes).toBe(0);

      const first = await runnerUp(sync, env);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`✓ notion: ${planned} created, 0 updated, 0 unchanged`);
      const rows = emulator.pages() as Array<{
        properties: { Key: { rich_text: Array<{ plain_text: string }> } };
      }>;
      expect(rows).toHaveLength(planned);
      const keys = rows.map((row) => row.properties.Key.rich_text[0]!.plain_text);
      expect(new Set(keys.map((key) => key.split('/')[0]))).toEqual(
        new Set(['northwind-data-platform', 'riverbank-clinic-it-lead']),
      );

      // "Run the last command again and it writes nothing."
      const writes = emulator.requests.writes;
      const second = await runnerUp(sync, env);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`✓ notion: 0 created, 0 updated, ${planned} unchanged`);
      expect(emulator.requests.writes).toBe(writes);

      // Nothing was ticked Done, so the example's file is left as it is.
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('runs as a script that prints no real token and stops cleanly on Ctrl-C', async () => {
    const realLooking = 'secret_THE0USERS0OWN0TOKEN0must0not0show';
    const child = spawn(
      process.execPath,
      ['--conditions=@runner-up/source', '--import', 'tsx', 'src/try-sync.ts'],
      {
        cwd: example,
        env: { ...baseEnv(), NOTION_TOKEN: realLooking },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Interrupt it once it has said everything, as a person pressing Ctrl-C would, once.
    let interrupted = false;
    const run = await collect(child, (seen) => {
      if (interrupted || !seen.includes('Ctrl-C stops the emulator')) return;
      interrupted = child.kill('SIGINT');
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`export NOTION_TOKEN=${FAKE_NOTION_TOKEN}\n`);
    expect(run.stdout).not.toContain(realLooking);
    expect(run.stdout).toMatch(/\nStopped the emulator \(SIGINT\); it held 0 rows\.\n$/);
  }, 60_000);
});
