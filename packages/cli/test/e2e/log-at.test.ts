import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject as project } from '../setup/project';
import { runCli, withoutNotes } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

beforeAll(ensureBuilt, 600_000);

describe('runner-up log --at', () => {
  it('refuses a date after today (exit 2), naming both and pointing at snooze; writes nothing', async () => {
    const { cwd, file } = project();
    const before = readFileSync(file, 'utf8');
    const result = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'email', '--at', '2030-01-01', '--now', NOW],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^\[runner-up\] `--at` 2030-01-01 is after today, 2026-12-01/);
    expect(result.stderr).toContain('runner-up snooze acme-telecom-pm --until 2030-01-01');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Without --now, today comes from the clock.
    const clock = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'email', '--at', '2999-01-01'],
      { cwd },
    );
    expect(clock.code).toBe(2);
    expect(clock.stderr).toContain('2999-01-01 is after today');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("takes today in the owner's zone, and accepts today itself", async () => {
    const { cwd } = project();
    // 03:00 UTC on Dec 2 is still Dec 1 in Chicago, the owner's zone.
    const late = '2026-12-02T03:00:00Z';
    const tomorrow = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'email', '--at', '2026-12-02', '--now', late],
      { cwd },
    );
    expect(tomorrow.code).toBe(2);
    expect(tomorrow.stderr).toContain('after today, 2026-12-01 in America/Chicago');
    const today = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'email', '--at', '2026-12-01', '--now', late],
      { cwd },
    );
    expect(withoutNotes(today.stderr)).toBe('');
    expect(today.code).toBe(0);
  });
});
