// Files made from the pipeline hold its names and addresses: a private pipeline gives private
// ones (regression: a calendar and a state file were made 0644 from a 0600 pipeline).
import { chmodSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PIPELINE_BYTES } from '../../src/file/load-pipeline';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the calendar and state files export makes', () => {
  it('are no more readable than the pipeline: 0600 from a 0600 file, 0644 from a 0644 one', async () => {
    for (const mode of [0o600, 0o644]) {
      const file = commentedFile();
      chmodSync(file, mode);
      const out = join(scratchDir(), 'out.ics');
      const result = await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', out]);
      expect(result.code, result.stderr).toBe(0);
      // Less the umask, which may take bits away but never adds them.
      expect(modeOf(out) & ~mode).toBe(0);
      expect(modeOf(out) & 0o600).toBe(0o600);
      const state = file.replace(/\.yaml$/, '.export.state.json');
      expect(modeOf(state) & ~mode).toBe(0);
      if (mode === 0o600) expect(modeOf(out) & 0o077).toBe(0);
    }
  });

  it('keeps the mode of a calendar file that is already there', async () => {
    const file = commentedFile();
    chmodSync(file, 0o600);
    const out = join(scratchDir(), 'shared.ics');
    writeFileSync(out, '');
    chmodSync(out, 0o644);
    await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', out]);
    expect(modeOf(out)).toBe(0o644);
  });
});

describe('a pipeline file too large to be one (regression: a long quoted value ran out of memory)', () => {
  it('is refused from its size, before it is read: a sparse file of 2 GB at once', async () => {
    const file = join(scratchDir(), 'sparse.yaml');
    writeFileSync(file, '');
    truncateSync(file, 2 * 1024 ** 3);
    const result = await runInProcess(['-f', file, 'validate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} is 2048.0 MB; a pipeline file is at most 32 MB`);
  });

  it('is refused before it is parsed, with its size and the limit (exit 2)', async () => {
    const file = join(scratchDir(), 'huge.yaml');
    writeFileSync(
      file,
      `version: 1\nowner: { name: Me, timezone: UTC }\n# ${'x'.repeat(MAX_PIPELINE_BYTES)}\n`,
    );
    const result = await runInProcess(['-f', file, 'validate']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `[runner-up] ${file} is 32.0 MB; a pipeline file is at most 32 MB (one of 10,000 opportunities takes 3 to 10 MB). Is it the right file?\n`,
    );
  });
});
