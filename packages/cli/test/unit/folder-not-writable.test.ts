import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

/** Which new files `open` refuses with EACCES, as a folder without write permission does. */
const refuse = vi.hoisted(() => ({ suffixes: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: (path: string, ...rest: unknown[]) => {
      if (refuse.suffixes.some((suffix) => String(path).endsWith(suffix))) {
        return Promise.reject(
          Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
        );
      }
      return (actual.open as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

afterEach(() => {
  refuse.suffixes = [];
});

const project = commentedFile;

describe('a folder runner-up may not create files in (regression: blamed the writable file)', () => {
  it('log names the folder and the lock and temporary file it needs there (exit 1)', async () => {
    const file = project();
    refuse.suffixes = ['.lock'];
    const result = await runInProcess(['-f', file, 'log', 'acme-telecom-pm', '--channel', 'note']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `[runner-up] Could not write ${file}: runner-up needs to create its lock file and a temporary file in its folder, ${dirname(file)}, to change it safely, and that folder does not allow it (permission denied). Make the folder writable (\`chmod u+w ${dirname(file)}\`, if it is yours; otherwise ask its owner), or move the file to a folder you can write to.\n`,
    );
  });

  it('export ics names --state and --no-state when its revision state cannot be kept beside the file', async () => {
    const file = project();
    refuse.suffixes = ['.export.state.json.lock'];
    const result = await runInProcess(['-f', file, '--no-color', 'export', 'ics']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^\[runner-up\] Could not write .*\.export\.state\.json: runner-up needs to create its lock file.* in its folder, .*\. To export all the same, keep the state elsewhere with `--state FILE`, or export without one with `--no-state` \(cancelled reminders are then left out rather than cancelled\)\.\n$/,
    );
    // As it says: with --no-state the calendar is written.
    const again = await runInProcess(['-f', file, '--no-color', 'export', 'ics', '--no-state']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('BEGIN:VCALENDAR');
  });

  it('export ics ends the reason with a full stop before its advice, when --state names a missing folder', async () => {
    const file = project();
    const state = join(dirname(file), 'no-such-folder', 'state.json');
    const result = await runInProcess([
      '-f',
      file,
      '--no-color',
      'export',
      'ics',
      '--state',
      state,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^\[runner-up\] Could not write .*state\.json: [^\n]*[^.]\. To export all the same, keep the state elsewhere/,
    );
    expect(result.stderr).not.toMatch(/\.\. To export/);
  });

  it('export ics -o names the folder when its temporary file cannot be created there', async () => {
    const file = project();
    const output = join(scratchDir(), 'out.ics');
    refuse.suffixes = ['.tmp'];
    const result = await runInProcess([
      '-f',
      file,
      '--no-color',
      'export',
      'ics',
      '--no-state',
      '-o',
      output,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Could not write ${output}: runner-up needs to create a temporary file in its folder, ${dirname(output)}`,
    );
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'with real permissions: a writable file in a read-only folder',
    async () => {
      const file = project();
      const before = readFileSync(file, 'utf8');
      chmodSync(dirname(file), 0o555);
      try {
        const result = await runInProcess([
          '-f',
          file,
          'log',
          'acme-telecom-pm',
          '--channel',
          'note',
        ]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`in its folder, ${dirname(file)}`);
      } finally {
        chmodSync(dirname(file), 0o755);
      }
      expect(readFileSync(file, 'utf8')).toBe(before);
    },
  );
});
