import { readdirSync, readFileSync } from 'node:fs';
import { join, relative as relativePath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const USAGE = '(run with --help for usage)\n';

describe('usage errors name the place and the fix (exit 2)', () => {
  it('refuses an empty or blank -f rather than look for a file called nothing', async () => {
    for (const args of [
      ['-f', '', 'validate'],
      ['agenda', '--file', '   '],
      ['--file=', 'log', 'x', '--channel', 'email'],
    ]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^\[runner-up\] option '-f, --file <path>' argument '\s*' is invalid\. Give the path of the pipeline file, or leave out -f to use \.\/runner-up\.yaml\.\n/,
      );
      expect(result.stderr).not.toContain('not found');
    }
  });

  it('refuses an empty or blank -o or --state rather than write a file called by its spaces', async () => {
    const file = commentedFile();
    const dir = join(file, '..');
    const before = readdirSync(dir).sort();
    for (const [args, flags, advice] of [
      [['export', 'ics', '-o', '   '], '-o, --output <file>', 'leave out -o to write to stdout'],
      [['export', 'ics', '--output='], '-o, --output <file>', 'leave out -o to write to stdout'],
      [
        ['export', 'ics', '-o', join(dir, 'x.ics'), '--state', '  '],
        '--state <file>',
        'give --no-state',
      ],
      [['serve', '--port', '0', '--state', ''], '--state <file>', 'give --no-state'],
    ] as const) {
      const result = await runInProcess(['-f', file, ...args], {
        env: { RUNNER_UP_FEED_TOKEN: 'feed-token-0123456789abcdef' },
      });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^\\[runner-up\\] option '${flags.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' argument '\\s*' is invalid\\. `,
        ),
      );
      expect(result.stderr).toContain(advice);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('help for a command that does not exist (regression: the whole help, and no word of what was wrong)', () => {
  it('names it and suggests the closest command, exit 2', async () => {
    const result = await runInProcess(['help', 'agendaa']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `[runner-up] unknown command 'agendaa'. Did you mean \`runner-up help agenda\`?\n${USAGE}`,
    );
  });

  it('lists the commands when none is close, also under sync', async () => {
    const result = await runInProcess(['help', 'nosuchcmd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `[runner-up] unknown command 'nosuchcmd'. The commands are init, validate, agenda, log, snooze, export, serve, sync.\n${USAGE}`,
    );
    for (const args of [
      ['help', 'sync', 'notio'],
      ['sync', 'help', 'notio'],
    ]) {
      const nested = await runInProcess(args);
      expect(nested.code, args.join(' ')).toBe(2);
      expect(nested.stderr).toContain(
        "unknown command 'sync notio'. Did you mean `runner-up help sync notion`?",
      );
    }
  });

  it('says a command has none under it, rather than list no commands', async () => {
    for (const [args, where] of [
      [['help', 'agenda', 'extra'], 'agenda'],
      [['help', 'sync', 'notion', 'x'], 'sync notion'],
    ] as const) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] \`${where}\` has no commands under it, so there is no \`${where} ${args.at(-1)}\`: \`runner-up help ${where}\` shows its help.\n${USAGE}`,
      );
    }
  });

  it('still shows the help of a command that exists, exit 0', async () => {
    for (const args of [
      ['help'],
      ['help', 'agenda'],
      ['help', 'sync', 'notion'],
      ['sync', 'help'],
    ]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: runner-up');
      expect(result.stderr).toBe('');
    }
    expect((await runInProcess(['help', 'sync', 'notion'])).stdout).toContain('--database');
  });
});

describe('the file given first, as a command (runner-up pipeline.yaml agenda)', () => {
  it('says the file is given with -f, with the command line that works', async () => {
    const result = await runInProcess(['pipeline.yaml', 'agenda', '--days', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `[runner-up] unknown command 'pipeline.yaml'. The pipeline file is given with -f (--file): \`runner-up -f pipeline.yaml agenda --days 3\`.\n${USAGE}`,
    );
  });

  it('says so too when the word after it is no command', async () => {
    const result = await runInProcess(['pipeline.yaml', 'plan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "unknown command 'pipeline.yaml'. The pipeline file is given with -f (--file): `runner-up -f pipeline.yaml plan`. `plan` is no command either: the commands are init, validate, agenda, log, snooze, export, serve, sync.\n",
    );
    const typo = await runInProcess(['pipeline.yaml', 'agendaa']);
    expect(typo.stderr).toContain('`agendaa` is no command either: did you mean `agenda`?\n');
  });

  it('with -f given already, suggests a command line with the file once (regression: -f twice, refused)', async () => {
    for (const first of [['-f', 'other.yaml'], ['--file', 'other.yaml'], ['--file=other.yaml']]) {
      const result = await runInProcess([...first, 'pipeline.yaml', 'agenda']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('`runner-up -f pipeline.yaml agenda`.');
    }
    const extra = await runInProcess(['-f', 'other.yaml', 'validate', 'mine.yaml']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('`runner-up validate -f mine.yaml`.');
  });

  it('words an unknown command as `help` does, with the closest command or the list', async () => {
    const cases: Array<[string[], string]> = [
      [['agendaa'], "unknown command 'agendaa'. Did you mean `runner-up agenda`?"],
      [
        ['nosuchcmd', '--days', '3'],
        "unknown command 'nosuchcmd'. The commands are init, validate, agenda, log, snooze, export, serve, sync.",
      ],
      [['sync', 'notio'], "unknown command 'sync notio'. Did you mean `runner-up sync notion`?"],
      [['sync', 'foo'], "unknown command 'sync foo'. The commands of `sync` are notion, airtable."],
      // The command line as given, the file and options kept.
      [
        ['-f', 'my file.yaml', 'agnda', '--days', '3'],
        "unknown command 'agnda'. Did you mean `runner-up -f 'my file.yaml' agenda --days 3`?",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(`[runner-up] ${message}\n${USAGE}`);
    }
  });
});

describe('an option given twice with two values (regression: the last won silently)', () => {
  it('is refused, naming both values, for command and global options alike', async () => {
    const file = commentedFile();
    const text = readFileSync(file, 'utf8');
    for (const [args, refused] of [
      [
        ['-f', file, 'agenda', '--days', '3', '--days', '5'],
        "option '--days <n>' was given twice, as 3 and 5",
      ],
      [
        ['-f', file, '-f', 'other.yaml', 'validate'],
        `option '-f, --file <path>' was given twice, as ${file} and other.yaml`,
      ],
      [
        ['-f', file, 'log', 'acme-telecom-pm', '--channel', 'call', '--channel', 'email'],
        "option '--channel <channel>' was given twice, as call and email",
      ],
      [
        ['-f', file, 'log', 'acme-telecom-pm', '--channel', 'call', '--note', 'a', '--note', 'b c'],
        "option '--note <text>' was given twice, as a and 'b c'",
      ],
    ] as const) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(`[runner-up] ${refused}: give it once.\n${USAGE}`);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('is refused when an option and its --no- form are both given, in either order', async () => {
    const file = commentedFile();
    const dir = join(file, '..');
    const before = readdirSync(dir).sort();
    const [out, state] = [join(dir, 'x.ics'), join(dir, 'a.json')];
    for (const args of [
      ['export', 'ics', '-o', out, '--state', state, '--no-state'],
      ['export', 'ics', '-o', out, '--no-state', '--state', state],
    ]) {
      const result = await runInProcess(['-f', file, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] options '--state <file>' and '--no-state' were both given: give one or the other.\n${USAGE}`,
      );
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('lets the same value twice through', async () => {
    const file = commentedFile();
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      '2026-12-01',
      'agenda',
      '--days',
      '3',
      '--days',
      '3',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('lets one file written two ways through (`-f`, and `-f` again as `./` and a relative path)', async () => {
    const file = commentedFile();
    const cwd = process.cwd();
    const relative = `./${relativePath(cwd, file)}`;
    const result = await runInProcess(['-f', file, 'validate', '-f', relative]);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('a date flag says why a date of the right shape is none, as validate does', () => {
  it('log --at and snooze --until', async () => {
    const at = await runInProcess(['log', 'x', '--channel', 'email', '--at', '2026-02-30']);
    expect(at.code).toBe(2);
    expect(at.stderr).toBe(
      '[runner-up] `--at` expects a date like 2026-11-20, got "2026-02-30" (February 2026 has 28 days).\n',
    );
    const until = await runInProcess(['snooze', 'x', '--until', '2026-13-01']);
    expect(until.code).toBe(2);
    expect(until.stderr).toBe(
      '[runner-up] `--until` expects a date like 2026-11-20, got "2026-13-01" (there is no month 13).\n',
    );
  });
});

describe('a value that is none of the allowed ones gets the closest one', () => {
  it('--direction, --for and the export format, case ignored', async () => {
    const direction = await runInProcess(['log', 'x', '--channel', 'email', '--direction', 'IN']);
    expect(direction.code).toBe(2);
    expect(direction.stderr).toBe(
      '[runner-up] `--direction` must be one of in, out; got "IN". Did you mean `in`?\n',
    );
    const audience = await runInProcess([
      'init',
      '--for',
      'Recruiter',
      '-f',
      join(scratchDir(), 'r.yaml'),
    ]);
    expect(audience.code).toBe(2);
    expect(audience.stderr).toContain(
      'Allowed choices are job-seeker, recruiter. Did you mean `recruiter`?\n',
    );
    const format = await runInProcess(['export', 'ICS']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe(
      '[runner-up] Unknown export format "ICS". Supported: ics. Did you mean `ics`?\n',
    );
  });
});
