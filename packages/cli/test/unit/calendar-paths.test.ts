import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedProject } from '../setup/project';

const NOW = '2026-12-01T15:00:00Z';

function project(): { dir: string; file: string; text: string } {
  const { cwd: dir, file } = commentedProject();
  return { dir, file, text: readFileSync(file, 'utf8') };
}

describe('export ics -o and --state never replace the pipeline file (regression: exit 0, pipeline gone)', () => {
  it('refuses -o naming the pipeline file, exit 2, and leaves it as it was', async () => {
    const { file, text } = project();
    const result = await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the pipeline file itself: the calendar would replace it');
    expect(result.stderr).toContain('runner-up.ics');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses -o reaching the pipeline file through a symbolic link or another spelling', async () => {
    const { dir, file, text } = project();
    const link = join(dir, 'calendar.ics');
    symlinkSync(file, link);
    for (const output of [link, join(dir, '.', 'sub', '..', 'runner-up.yaml')]) {
      const result = await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', output]);
      expect(result.code, output).toBe(2);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('refuses -o naming the export state file, exit 2, and leaves it as it was', async () => {
    const { dir, file } = project();
    const state = join(dir, 'runner-up.export.state.json');
    expect(
      (await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', join(dir, 'a.ics')]))
        .code,
    ).toBe(0);
    const saved = readFileSync(state, 'utf8');
    const result = await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', state]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the revision state file of `export ics`');
    expect(readFileSync(state, 'utf8')).toBe(saved);
    // And the one --state names.
    const other = join(dir, 'mine.state.json');
    const named = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '-o',
      other,
      '--state',
      other,
    ]);
    expect(named.code).toBe(2);
    expect(existsSync(other)).toBe(false);
  });

  it("refuses -o naming the feed's state file, or the export's with --no-state (regression: replaced)", async () => {
    const { dir, file } = project();
    for (const [kind, extra] of [
      ['feed', []],
      ['feed', ['--no-state']],
      ['export', ['--no-state']],
    ] as const) {
      const state = join(dir, `runner-up.${kind}.state.json`);
      const saved = '{"version":1,"events":{}}\n';
      writeFileSync(state, saved);
      const result = await runInProcess([
        '-f',
        file,
        '--now',
        NOW,
        'export',
        'ics',
        ...extra,
        '-o',
        state,
      ]);
      expect(result.code, `${kind} ${extra.join(' ')}`).toBe(2);
      expect(result.stderr).toContain(
        kind === 'feed'
          ? 'is the revision state file of `serve`'
          : 'is the revision state file of `export ics`',
      );
      expect(readFileSync(state, 'utf8')).toBe(saved);
    }
  });

  it('refuses --state naming the pipeline file without advising to delete it (export and serve)', async () => {
    const { dir, file, text } = project();
    const exported = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '-o',
      join(dir, 'x.ics'),
      '--state',
      file,
    ]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('is the pipeline file itself');
    expect(exported.stderr).not.toMatch(/delete/i);
    const served = await runInProcess(['-f', file, 'serve', '--port', '0', '--state', file], {
      env: { RUNNER_UP_FEED_TOKEN: 'feed-token-0123456789abcdef' },
    });
    expect(served.code).toBe(2);
    expect(served.stderr).toContain('is the pipeline file itself');
    expect(served.stderr).not.toMatch(/delete/i);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('still writes a new -o beside the pipeline file', async () => {
    const { dir, file } = project();
    writeFileSync(join(dir, 'keep.txt'), 'x');
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '-o',
      join(dir, 'runner-up.ics'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'runner-up.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
  });
});
