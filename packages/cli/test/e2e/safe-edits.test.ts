import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import {
  cleanEnv,
  collect,
  runCli,
  scratchDir,
  spawnCli,
  waitForStderr,
  withoutNotes,
} from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');
const SEED = join(import.meta.dirname, '../../../../examples/seed-story/runner-up.yaml');
const NOW = '2026-12-01T15:00:00Z';

beforeAll(ensureBuilt, 600_000);

const project = commentedProject;

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
            '--now',
            NOW,
          ],
          {
            cwd,
          },
        ),
      ),
    );
    for (const result of results) expect(withoutNotes(result.stderr)).toBe('');
    expect(results.map((r) => r.code)).toEqual(Array(20).fill(0));
    const notes = touchpointsOf(readFileSync(file, 'utf8'), 1).map((t) => t.note);
    expect(notes.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `touch ${i}`).sort());
    // Every comment survived all twenty rewrites, and no lock or temp file is left behind.
    expect(readFileSync(file, 'utf8').match(/# comment:/g)).toHaveLength(26);
    expect(readdirSync(cwd)).toEqual(['runner-up.yaml']);
  }, 240_000);
});

describe('Ctrl-C while editing', () => {
  for (const point of ['after-lock', 'before-rename'] as const) {
    it(`ends by the signal and leaves the old file, without its lock or temporary file (${point})`, async () => {
      const { cwd, file } = project();
      const before = readFileSync(file, 'utf8');
      const child = spawnCli(['log', 'acme-telecom-pm', '--channel', 'call'], {
        cwd,
        env: { RUNNER_UP_TEST_PAUSE: point },
      });
      const done = collect(child);
      await waitForStderr(child, `test pause: ${point}`);
      // Held while paused: the lock, and before the rename the temporary file too.
      expect(readdirSync(cwd).length).toBe(point === 'after-lock' ? 2 : 3);
      child.kill('SIGINT');
      expect((await done).signal).toBe('SIGINT');
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(readdirSync(cwd)).toEqual(['runner-up.yaml']);
    });
  }
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
      expect(withoutNotes(next.stderr)).toBe('');
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

describe('notes YAML cannot write plain', () => {
  const note = 'two\nlines\t"quoted" back\\slash # not a comment ünï ';
  const written = '"two\\nlines\\t\\"quoted\\" back\\\\slash # not a comment ünï "';

  /** Logs the note for the first opportunity of `file` and returns the file's new text. */
  async function logNote(cwd: string, file: string, id: string): Promise<string> {
    const args = ['log', id, '--channel', 'call', '--note', note, '--now', NOW];
    const result = await runCli(args, { cwd });
    expect(withoutNotes(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(touchpointsOf(after).at(-1)?.note).toBe(note);
    return after;
  }

  it('adds one flow line with the note double-quoted and escaped, and no other byte changes', async () => {
    const { cwd, file } = project();
    const before = readFileSync(file, 'utf8');
    const after = await logNote(cwd, file, 'acme-telecom-pm');
    const last = 'note: Thank-you note } # comment: first touch\n';
    const line = `      - { on: 2026-12-01, channel: call, direction: out, note: ${written} }\n`;
    expect(after).toBe(before.replace(last, `${last}${line}`));
  });

  it('adds block lines in a block list, leaving respaced lines and `{ on: … }` maps alone', async () => {
    const cwd = scratchDir();
    const file = join(cwd, 'runner-up.yaml');
    // The example already has `after: { businessDays: 2 }`, which a reprint would respace too.
    const before = readFileSync(SEED, 'utf8').replace(
      '  timezone: America/Chicago\n',
      '  timezone:   America/Chicago    # c\n',
    );
    expect(before).toContain('after: { businessDays: 2 }');
    writeFileSync(file, before);
    const after = await logNote(cwd, file, 'prairie-telecom-pm');
    const last = 'note: The local work did not move with the role. Would I consult for them?\n';
    const lines = [
      '      - on: 2026-12-01',
      '        channel: call',
      '        direction: out',
      `        note: ${written}`,
      '',
    ].join('\n');
    expect(after).toBe(before.replace(last, `${last}${lines}`));
  });
});

describe('a symbolic link to the file', () => {
  /** `link.yaml` in the working folder, pointing at `data/runner-up.yaml` (a relative link). */
  function linked(): { cwd: string; target: string; link: string } {
    const cwd = scratchDir();
    mkdirSync(join(cwd, 'data'));
    const target = join(cwd, 'data', 'runner-up.yaml');
    copyFileSync(FIXTURE, target);
    const link = join(cwd, 'link.yaml');
    symlinkSync(join('data', 'runner-up.yaml'), link);
    return { cwd, target, link };
  }

  const stillLinked = (link: string) => {
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('data', 'runner-up.yaml'));
  };

  it('log and snooze edit the file it points at, and it stays a link', async () => {
    const { cwd, target, link } = linked();
    const log = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'note', '-f', 'link.yaml', '--now', NOW],
      { cwd },
    );
    expect(withoutNotes(log.stderr)).toBe('');
    expect(log.code).toBe(0);
    const snooze = await runCli(
      ['snooze', 'northwind-ops', '--until', '2027-01-10', '-f', 'link.yaml'],
      { cwd },
    );
    expect(snooze.stderr).toBe('');
    expect(snooze.code).toBe(0);
    stillLinked(link);
    const after = parse(readFileSync(target, 'utf8'));
    expect(after.opportunities[0].touchpoints.at(-1)).toEqual({
      on: '2026-12-01',
      channel: 'note',
      direction: 'out',
    });
    expect(after.opportunities[1].snoozedUntil).toBe('2027-01-10');
    // No lock or temporary file is left, next to the link or next to the file.
    expect(readdirSync(cwd).sort()).toEqual(['data', 'link.yaml']);
    expect(readdirSync(join(cwd, 'data'))).toEqual(['runner-up.yaml']);
  });

  for (const point of ['after-lock', 'before-rename'] as const) {
    it(`locks the file it points at, and writes the temporary file next to it (${point})`, async () => {
      const { cwd } = linked();
      const child = spawnCli(['log', 'acme-telecom-pm', '--channel', 'note', '-f', 'link.yaml'], {
        cwd,
        env: { RUNNER_UP_TEST_PAUSE: point },
      });
      const done = collect(child);
      await waitForStderr(child, `test pause: ${point}`);
      const top = readdirSync(cwd).sort();
      const data = readdirSync(join(cwd, 'data'));
      child.kill('SIGKILL');
      await done;
      expect(top).toEqual(['data', 'link.yaml']);
      expect(data).toContain('runner-up.yaml.lock');
      if (point === 'before-rename') {
        expect(data.some((name) => /^\.runner-up\.yaml\..+\.tmp$/.test(name))).toBe(true);
      }
    });
  }

  it('init --force rewrites the file it points at, and it stays a link', async () => {
    const { cwd, target, link } = linked();
    const result = await runCli(['init', '--force', '-f', 'link.yaml', '--now', NOW], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    stillLinked(link);
    expect(readFileSync(target, 'utf8')).toMatch(/^# yaml-language-server: /);
    expect(readdirSync(join(cwd, 'data'))).toEqual(['runner-up.yaml']);
  });
});

describe.skipIf(process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0)(
  'an edit by another member of the file’s group (run as root, through setpriv)',
  () => {
    it('keeps the group, so the file stays shared and writable by its owner', async () => {
      const { cwd, file } = commentedProject();
      // Owner 65534, group 1234, group-writable; the editor is uid 65533 whose own group is 65533
      // and who belongs to 1234 too. Giving the file away is root's alone; keeping its group is not.
      chmodSync(cwd, 0o777);
      chownSync(file, 65534, 1234);
      chmodSync(file, 0o664);
      const child = spawnSync(
        'setpriv',
        [
          '--reuid=65533',
          '--regid=65533',
          '--groups=1234',
          process.execPath,
          BIN,
          'snooze',
          'acme-telecom-pm',
          '--until',
          '2027-02-01',
          '--now',
          NOW,
        ],
        { cwd, env: cleanEnv(), encoding: 'utf8' },
      );
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('snoozedUntil: 2027-02-01');
      const after = statSync(file);
      expect([after.uid, after.gid, after.mode & 0o777]).toEqual([65533, 1234, 0o664]);
    });
  },
);

// The same case as folder-not-writable.test.ts checks with a refusing `open`, with real
// permissions: CI runs as root, whom no permission stops, so the edit is made as another user.
describe.skipIf(process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0)(
  'a writable file in a read-only folder, edited by its owner (run as root, through setpriv)',
  () => {
    it('exits 1 naming the folder, and leaves the file as it was', () => {
      const { cwd, file } = commentedProject();
      // The file is 65534's and writable by them; its folder is root's and not writable by them.
      chownSync(file, 65534, 65534);
      chmodSync(file, 0o644);
      chmodSync(cwd, 0o555);
      const before = readFileSync(file, 'utf8');
      try {
        const child = spawnSync(
          'setpriv',
          [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            process.execPath,
            BIN,
            'log',
            'acme-telecom-pm',
            '--channel',
            'note',
            '--now',
            NOW,
          ],
          { cwd, env: cleanEnv({ RUNNER_UP_CACHE: '0' }), encoding: 'utf8' },
        );
        expect(child.status, child.stderr).toBe(1);
        expect(child.stderr).toBe(
          '[runner-up] Could not write ./runner-up.yaml: runner-up needs to create its lock file and a temporary file in its folder, ., to change it safely, and that folder does not allow it (permission denied). Make the folder writable (`chmod u+w .`, if it is yours; otherwise ask its owner), or move the file to a folder you can write to.\n',
        );
      } finally {
        chmodSync(cwd, 0o755);
      }
      expect(readFileSync(file, 'utf8')).toBe(before);
    });
  },
);
