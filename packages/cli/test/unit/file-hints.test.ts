import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { COMMENTED_FIXTURE } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

/** A copy of the commented fixture under a name other than the default, and its folder. */
function mine(): { dir: string; file: string } {
  const dir = scratchDir();
  const file = join(dir, 'mine.yaml');
  copyFileSync(COMMENTED_FIXTURE, file);
  return { dir, file };
}

describe('hints to run another command repeat the -f the user gave', () => {
  it('validate: "Fix it and run `runner-up validate -f FILE` again."', async () => {
    const file = join(scratchDir(), 'mine.yaml');
    writeFileSync(file, 'version: 2\n');
    for (const flag of ['-f', '--file']) {
      const result = await runInProcess(['validate', flag, file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/\nFix them and run `runner-up validate -f (\S+)` again\.\n$/);
      expect(result.stderr).toContain(`\`runner-up validate -f ${file}\``);
    }
  });

  it('quotes a file name the shell would split', async () => {
    const file = join(scratchDir(), "my pipeline's.yaml");
    writeFileSync(file, 'version: 2\n');
    const result = await runInProcess(['validate', '-f', file]);
    expect(result.stderr).toContain(`\`runner-up validate -f '${file.replace("'", "'\\''")}'\``);
  });

  it('init: "then run `runner-up agenda -f FILE`"', async () => {
    const file = join(scratchDir(), 'i.yaml');
    const result = await runInProcess(['init', '-f', file, '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Wrote ${file}. Edit the owner and opportunities, then run \`runner-up agenda -f ${file}\`.\n`,
    );
  });

  it('agenda: a touchpoint after today "`runner-up validate -f FILE` shows where it is"', async () => {
    const { file } = mine();
    const result = await runInProcess(['agenda', '-f', file, '--now', '2026-11-01T15:00:00Z']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/`runner-up validate -f \S+mine\.yaml` shows where it is\.\n$/);
  });

  it('log: the example of --channel, and the snooze for a date after today', async () => {
    const { file } = mine();
    const noChannel = await runInProcess(['log', 'acme-telecom-pm', '-f', file, '--now', NOW]);
    expect(noChannel.code).toBe(2);
    expect(noChannel.stderr).toContain(
      `(\`runner-up log acme-telecom-pm --channel call -f ${file}\`)`,
    );
    const later = await runInProcess([
      ...['log', 'acme-telecom-pm', '--channel', 'call', '--at', '2027-01-05'],
      ...['-f', file, '--now', NOW],
    ]);
    expect(later.code).toBe(2);
    expect(later.stderr).toContain(
      `run \`runner-up snooze acme-telecom-pm --until 2027-01-05 -f ${file}\`.`,
    );
  });
});

describe('a file given as an argument to a command that takes none', () => {
  for (const [args, suggested] of [
    [['validate', 'mine.yaml'], 'runner-up validate -f mine.yaml'],
    [['agenda', 'mine.yaml', '--days', '7'], 'runner-up agenda -f mine.yaml --days 7'],
    [['export', 'ics', 'mine.yaml'], 'runner-up export ics -f mine.yaml'],
    [['serve', 'my file.yaml'], "runner-up serve -f 'my file.yaml'"],
    [
      ['sync', 'airtable', 'mine.yaml', '--base', 'appRunnerUpTest01', '--table', 'R'],
      'runner-up sync airtable -f mine.yaml --base appRunnerUpTest01 --table R',
    ],
  ] as const) {
    it(`${args.join(' ')}: suggests \`${suggested}\` (exit 2)`, async () => {
      const result = await runInProcess(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^\[runner-up\] too many arguments for '\w+'\. Expected \d/);
      expect(result.stderr).toContain(
        `\nThe pipeline file is given with -f (--file): \`${suggested}\`.\n`,
      );
    });
  }

  it("an argument too many that is no file gets commander's message alone", async () => {
    const result = await runInProcess(['agenda', '14']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "[runner-up] too many arguments for 'agenda'. Expected 0 arguments but got 1.\n(run with --help for usage)\n",
    );
  });
});

describe('a folder where a file is meant (regression: exit 1, "is a directory", and --force advised to no end)', () => {
  it('agenda and validate say the path is a folder and name a file in it (exit 2)', async () => {
    const dir = scratchDir();
    for (const command of ['agenda', 'validate']) {
      const result = await runInProcess(['-f', dir, command, '--now', NOW]);
      expect(result.code, command).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] ${dir} is a folder, not a pipeline file: pass --file with the path of the file in it, like ${join(dir, 'runner-up.yaml')}.\n`,
      );
    }
  });

  it('init says so rather than advise --force, with --force too (exit 2)', async () => {
    const dir = scratchDir();
    for (const force of [[], ['--force']]) {
      const result = await runInProcess(['-f', dir, 'init', '--now', NOW, ...force]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] ${dir} is a folder: pass --file with the path of the file to write in it, like ${join(dir, 'runner-up.yaml')}.\n`,
      );
    }
  });

  it('a path ending with a slash is refused where it is given: -f, -o and --state', async () => {
    const { dir, file } = mine();
    for (const [args, flags] of [
      [['-f', `${dir}/`, 'agenda'], '-f, --file <path>'],
      [['-f', file, 'export', 'ics', '-o', 'out/'], '-o, --output <file>'],
      [['-f', file, 'export', 'ics', '-o', 'x.ics', '--state', 'states/'], '--state <file>'],
    ] as const) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(
        `option '${flags}' argument '${args.find((a) => a.endsWith('/'))}' is invalid. It ends with /, so it names a folder: give the path of a file in it.`,
      );
    }
  });

  it('-o or --state naming a folder is a usage error too (exit 2), and the folder is left as it is', async () => {
    const { dir, file } = mine();
    const folder = join(dir, 'out');
    mkdirSync(folder);
    const out = await runInProcess(['-f', file, 'export', 'ics', '-o', folder]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `[runner-up] Could not write ${folder}: it is a folder; give the path of a file in it.\n`,
    );
    const state = await runInProcess([
      '-f',
      file,
      'export',
      'ics',
      '-o',
      join(dir, 'x.ics'),
      '--state',
      folder,
    ]);
    expect(state.code).toBe(2);
    expect(state.stderr).toBe(
      `[runner-up] Could not read ${folder}: it is a folder; give --state the path of a file in it.\n`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('names a path through a file in words, not as ENOTDIR', async () => {
    const { file } = mine();
    const result = await runInProcess(['-f', file, 'export', 'ics', '-o', `${file}/x.ics`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `[runner-up] Could not write ${file}/x.ics: a part of the path is not a directory\n`,
    );
  });
});
