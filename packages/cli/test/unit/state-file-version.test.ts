import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedProject } from '../setup/project';

const NOW = '2026-12-01T15:00:00Z';

/** Exports with a state file holding `state`; what it printed, and whether it wrote anything. */
async function exportWithState(state: unknown) {
  const { cwd: dir, file } = commentedProject();
  const statePath = join(dir, 'runner-up.export.state.json');
  const text = JSON.stringify(state);
  writeFileSync(statePath, text);
  const output = join(dir, 'out.ics');
  const result = await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', output]);
  expect(readFileSync(statePath, 'utf8')).toBe(text);
  expect(existsSync(output)).toBe(false);
  return { ...result, statePath };
}

describe('a state file of another version (regression: "calendar state `version`: Invalid input: expected 1")', () => {
  it('written by a newer runner-up: names the file and the version read, and asks for an upgrade (exit 2)', async () => {
    const { code, stderr, statePath } = await exportWithState({ version: 99, events: {} });
    expect(code).toBe(2);
    expect(stderr).toBe(
      `[runner-up] ${statePath} is a calendar state file of version 99, most likely written by a newer runner-up; this one reads only version 1. Upgrade runner-up (npm install --global @runner-up/cli@latest), or pass --state with another file.\n`,
    );
  });

  it('any other version, or none: names the file, the value and the version supported (exit 2)', async () => {
    for (const [version, shown] of [
      ['1', 'its `version` is "1"'],
      ['two', 'its `version` is "two"'],
      [1.5, 'its `version` is 1.5'],
      [null, 'its `version` is null'],
      [undefined, 'it has no `version`'],
    ] as const) {
      const { code, stderr, statePath } = await exportWithState({ version, events: {} });
      expect(code).toBe(2);
      expect(stderr).toBe(
        `[runner-up] ${statePath} is not a calendar state file: ${shown}, and the only version runner-up reads and writes is 1. Delete it to start over (calendars that already have the events may then ignore changes until their SEQUENCE passes the old one), or pass --state with another file.\n`,
      );
      expect(stderr).not.toContain('Invalid input');
    }
  });
});
