import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../setup/ensure-built';
import { collect, runCli, scratchDir, spawnCli, waitForStderr } from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');

beforeAll(ensureBuilt, 600_000);

function project(): { cwd: string; file: string } {
  const cwd = scratchDir();
  const file = join(cwd, 'runner-up.yaml');
  copyFileSync(FIXTURE, file);
  return { cwd, file };
}

const touchpointsOf = (text: string, index = 0): Array<{ note?: string }> =>
  parse(text).opportunities[index].touchpoints ?? [];

describe('concurrent edits', () => {
  it('20 concurrent `log` processes leave 20 new touchpoints', async () => {
    const { cwd, file } = project();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runCli(
          [
            'log',
            'northwind-ops',
            '--channel',
            'email',
            '--note',
            `touch ${i}`,
            '--at',
            '2026-12-01',
          ],
          {
            cwd,
          },
        ),
      ),
    );
    for (const result of results) expect(result.stderr).toBe('');
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    const notes = touchpointsOf(readFileSync(file, 'utf8'), 1).map((t) => t.note);
    expect(notes.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `touch ${i}`).sort());
    // Every comment survived all twenty rewrites, and no lock or temp file is left behind.
    expect(readFileSync(file, 'utf8').match(/# comment:/g)).toHaveLength(26);
    expect(readdirSync(cwd)).toEqual(['runner-up.yaml']);
  }, 240_000);
});

describe('a crash never leaves a partial file', () => {
  // Each point is where RUNNER_UP_TEST_PAUSE freezes the process so the test can SIGKILL it.
  const points = [
    { point: 'after-lock', expect: 'old' },
    { point: 'mid-write', expect: 'old' },
    { point: 'before-rename', expect: 'old' },
    { point: 'after-rename', expect: 'new' },
  ] as const;

  for (const { point, expect: which } of points) {
    it(`leaves the ${which} file when killed at ${point}, and the next command recovers the lock`, async () => {
      const { cwd, file } = project();
      const before = readFileSync(file, 'utf8');
      const child = spawnCli(['log', 'acme-telecom-pm', '--channel', 'call', '--note', 'killed'], {
        cwd,
        env: { RUNNER_UP_TEST_PAUSE: point },
      });
      const done = collect(child);
      await waitForStderr(child, `test pause: ${point}`);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');

      const after = readFileSync(file, 'utf8');
      expect(() => parse(after)).not.toThrow();
      const notes = touchpointsOf(after).map((t) => t.note);
      if (which === 'old') expect(after).toBe(before);
      else expect(notes).toEqual(['Thank-you note', 'killed']);
      expect(existsSync(`${file}.lock`)).toBe(true); // the dead process still "holds" it

      const next = await runCli(
        ['log', 'acme-telecom-pm', '--channel', 'email', '--note', 'next'],
        {
          cwd,
        },
      );
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect(touchpointsOf(readFileSync(file, 'utf8')).map((t) => t.note)).toEqual(
        which === 'old' ? ['Thank-you note', 'next'] : ['Thank-you note', 'killed', 'next'],
      );
      expect(existsSync(`${file}.lock`)).toBe(false);
    });
  }

  it('refuses to edit a file that is already invalid, leaving it untouched', async () => {
    const { cwd, file } = project();
    const broken = readFileSync(file, 'utf8').replace(
      'channel: email, with: Dana Lee',
      'channel: fax, with: Dana Lee',
    );
    writeFileSync(file, broken);
    const result = await runCli(['log', 'acme-telecom-pm', '--channel', 'call'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/touchpoints\[0\]\.channel/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});
