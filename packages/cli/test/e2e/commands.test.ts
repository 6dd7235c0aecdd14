import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReminderSchema } from '@runner-up/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import {
  collect,
  runCli,
  scratchDir,
  spawnCli,
  waitForStderr,
  withoutNotes,
} from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');
/** A preload that writes every module URL Node loads to $RUNNER_UP_TRACE_MODULES. */
const TRACE_MODULES = join(import.meta.dirname, '../setup/trace-modules.mjs');
const NOW = '2026-12-01T15:00:00Z';
const ANSI = /\x1b\[/;

beforeAll(ensureBuilt, 600_000);

/** A scratch directory holding a copy of the commented fixture as runner-up.yaml. */
function project(): string {
  return commentedProject().cwd;
}

/** A project whose first touchpoint is dated 3026-11-23, as a typo in the year would. */
function projectWithFutureTouch(): string {
  const cwd = project();
  const file = join(cwd, 'runner-up.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace(
      /on: \d{4}-\d{2}-\d{2}, channel: email, with/,
      'on: 3026-11-23, channel: email, with',
    ),
  );
  return cwd;
}

const comments = (text: string) => text.match(/# comment: [^\n]*/g) ?? [];

describe('runner-up --help and --version', () => {
  it('prints help for the program and for every command, exit 0', async () => {
    const cwd = scratchDir();
    const top = await runCli(['--help'], { cwd });
    expect(top.code).toBe(0);
    for (const command of [
      'init',
      'validate',
      'agenda',
      'log',
      'snooze',
      'export',
      'serve',
      'sync',
    ]) {
      expect(top.stdout).toContain(command);
      const help = await runCli([command, '--help'], { cwd });
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`runner-up ${command}`);
    }
    const syncNotion = await runCli(['sync', 'notion', '--help'], { cwd });
    expect(syncNotion.stdout).toContain('--database');
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    const result = await runCli(['--version'], { cwd: scratchDir() });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown command or option, naming it', async () => {
    const cwd = scratchDir();
    const command = await runCli(['agendaa'], { cwd });
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^\[runner-up\] unknown command 'agendaa'/);
    const option = await runCli(['agenda', '--dayz', '3'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^\[runner-up\] unknown option '--dayz'/);
    const missing = await runCli(['log', 'acme-telecom-pm'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^\[runner-up\] `--channel` is required: one of email, call/);
  });
});

describe('runner-up init', () => {
  it('writes a starter that validates, pointing editors at the JSON Schema on line 1', async () => {
    const cwd = scratchDir();
    const init = await runCli(['init', '--now', NOW], { cwd });
    expect(init.code).toBe(0);
    const text = readFileSync(join(cwd, 'runner-up.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=\S+\/schema\/runner-up\.schema\.json$/,
    );
    const validate = await runCli(['validate'], { cwd });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const agenda = await runCli(['agenda', '--json', '--now', NOW], { cwd });
    expect(agenda.code).toBe(0);
    expect(JSON.parse(agenda.stdout).length).toBeGreaterThan(0);
  });

  it('refuses to overwrite an existing file without --force (exit 2), and overwrites with it', async () => {
    const cwd = project();
    const before = readFileSync(join(cwd, 'runner-up.yaml'), 'utf8');
    const refused = await runCli(['init'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).toBe(before);
    const forced = await runCli(['init', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).not.toBe(before);
  });

  it('writes where --file says', async () => {
    const cwd = scratchDir();
    expect((await runCli(['init', '--file', 'other.yaml'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'other.yaml'))).toBe(true);
    expect(existsSync(join(cwd, 'runner-up.yaml'))).toBe(false);
  });
});

describe('runner-up validate', () => {
  it('reports a valid file with its opportunity count, exit 0', async () => {
    const result = await runCli(['validate'], { cwd: project() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 opportunities');
  });

  it('prints warnings of a valid file at their line and column, exit 0', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('Check in with {contact.firstName}', 'Check in with {contact.lastName}')
        .replace(
          'note: Thank-you note }',
          'note: Thank-you note, reminder: acme-telecom-pm/thank-yu/1 }',
        ),
    );
    const result = await runCli(['validate', '--no-color'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '✓ ./runner-up.yaml is valid: 2 opportunities, with 2 warnings:',
        '  ! ./runner-up.yaml:35:16 `cadences.gentle.steps[1].title`: `{contact.lastName}` is not a placeholder, so it stays in the text as written; did you mean `{contact.firstName}`?',
        '  ! ./runner-up.yaml:57:107 `opportunities[0].touchpoints[0].reminder`: `reminder: acme-telecom-pm/thank-yu/1` names step `thank-yu`, which its cadence does not have (did you mean `acme-telecom-pm/thank-you/1`?), so this touchpoint completes no reminder',
        '',
      ].join('\n'),
    );
    const json = await runCli(['validate', '--json'], { cwd });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { valid: boolean; warnings: unknown[] };
    expect(report.valid).toBe(true);
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'unknown_placeholder', line: 35, column: 16 }),
      expect.objectContaining({
        code: 'unknown_reminder',
        path: ['opportunities', 0, 'touchpoints', 0, 'reminder'],
        line: 57,
        column: 107,
      }),
    ]);
  });

  it('prints warnings in the order they stand in the file (they came check by check)', async () => {
    const cwd = projectWithFutureTouch();
    const file = join(cwd, 'runner-up.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('timezone: America/Chicago', 'timezone: america/chicago')
        .replace('restate your interest', 'restate your interest, {contact.lastName}')
        .replace('after: P3W', 'after: PT36H'),
    );
    const result = await runCli(['validate', '--no-color', '--now', '2026-11-30'], { cwd });
    expect(result.code).toBe(0);
    const lines = [...result.stdout.matchAll(/:(\d+):(\d+) `/g)].map(([, line, column]) => [
      Number(line),
      Number(column),
    ]);
    expect(lines).toHaveLength(4);
    const sorted = [...lines].sort(([l1, c1], [l2, c2]) => l1! - l2! || c1! - c2!);
    expect(lines).toEqual(sorted);
    const json = await runCli(['validate', '--json', '--now', '2026-11-30'], { cwd });
    const codes = (JSON.parse(json.stdout) as { warnings: Array<{ code: string }> }).warnings.map(
      (w) => w.code,
    );
    // lintPipeline lists a cadence's partial days before its placeholders, wherever they stand.
    expect(codes).toEqual([
      'time_zone_spelling',
      'unknown_placeholder',
      'partial_day',
      'future_touchpoint',
    ]);
  });

  it('warns of a touchpoint dated after today, as --now sets it', async () => {
    const cwd = projectWithFutureTouch();
    const before = await runCli(['validate', '--no-color', '--now', '2026-11-30T15:00:00Z'], {
      cwd,
    });
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(
      /with 1 warning:\n {2}! \.\/runner-up\.yaml:\d+:\d+ `opportunities\[\d\]\.touchpoints\[\d\]\.on`: `on: 3026-11-23` is after today \(2026-11-30 in /,
    );
    const after = await runCli(['validate', '--no-color', '--now', '3026-11-24T15:00:00Z'], {
      cwd,
    });
    expect(after.stdout).not.toContain('warning');
  });

  it('exits 2 with a hint to run init when the file is missing', async () => {
    const result = await runCli(['validate'], { cwd: scratchDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('./runner-up.yaml not found');
    expect(result.stderr).toContain('Run `runner-up init` to write a starter file there');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    // A file the user named is the one init is told to write (regression: the hint dropped -f).
    const named = await runCli(['agenda', '-f', 'mine.yaml'], { cwd: scratchDir() });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(
      'mine.yaml not found. Run `runner-up init -f mine.yaml` to write a starter file there',
    );
  });

  it('names file:line:col and the field path of a bad value', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('decided: 2026-11-02', 'decided: last tuesday'),
    );
    const result = await runCli(['validate'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /\.\/runner-up\.yaml:\d+:\d+ `opportunities\[1\]\.dates\.decided`: .*"last tuesday"/,
    );
  });

  it('--json prints every problem of an invalid file on stdout, exit 2', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('decided: 2026-11-02', 'decided: last tuesday')
        .replace('kind: job', 'kind: gig'),
    );
    const human = await runCli(['validate'], { cwd });
    const result = await runCli(['validate', '--json'], { cwd });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      file: string;
      issues: Array<{
        code: string;
        file: string;
        line: number;
        column: number;
        path: Array<string | number>;
        message: string;
      }>;
    };
    expect(report.valid).toBe(false);
    expect(report.file).toBe('./runner-up.yaml');
    expect(report.issues).toHaveLength(2);
    const decided = report.issues.find(
      (issue) => issue.path.join('.') === 'opportunities.1.dates.decided',
    );
    expect(decided).toMatchObject({ code: 'invalid_pipeline', file: './runner-up.yaml' });
    expect(decided?.message).toContain('"last tuesday"');
    // The same problems, at the same places, as the text on stderr.
    for (const issue of report.issues) {
      expect(human.stderr).toContain(`${issue.file}:${issue.line}:${issue.column} `);
      expect(human.stderr).toContain(issue.message);
    }
    // A file that cannot be read is no validation result: nothing on stdout, the error on stderr.
    const missing = await runCli(['validate', '--json', '--file', 'nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('nope.yaml not found');
  });
});

describe('runner-up agenda', () => {
  it("takes --now as a plain date: the start of that day in the owner's zone (it was refused)", async () => {
    const cwd = project();
    const dated = await runCli(['agenda', '--now', '2026-12-01', '--json'], { cwd });
    expect(dated.stderr).toBe('');
    expect(dated.code).toBe(0);
    // 00:00 in America/Chicago, the fixture's zone.
    const midnight = await runCli(['agenda', '--now', '2026-12-01T00:00:00-06:00', '--json'], {
      cwd,
    });
    expect(dated.stdout).toBe(midnight.stdout);
    const text = await runCli(['agenda', '--now', '2026-12-01'], { cwd });
    expect(text.stdout).toMatch(/^Agenda for Tue Dec 1, 2026-12-01 \(America\/Chicago/);
  });

  it('warns on stderr of a touchpoint dated after today, which can empty the agenda', async () => {
    const cwd = projectWithFutureTouch();
    for (const args of [['agenda'], ['agenda', '--json']]) {
      const result = await runCli([...args, '--now', '2026-11-30T15:00:00Z', '--no-color'], {
        cwd,
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /^\[runner-up\] Warning: 1 touchpoint is dated after today, 2026-11-30 in \S+ \(acme-telecom-pm on 3026-11-23\): a touchpoint records a contact that happened, and this one already counts: it may complete a reminder .*`runner-up validate` shows where it is\.\n$/,
      );
    }
    const later = await runCli(['agenda', '--now', '3026-11-24T15:00:00Z'], { cwd });
    expect(later.stderr).toBe('');
  });

  it('--json prints an array of reminders that match ReminderSchema', async () => {
    const result = await runCli(['agenda', '--json', '--now', NOW, '--days', '400'], {
      cwd: project(),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // One line, as every other --json result.
    expect(result.stdout).toMatch(/^\[.*\]\n$/);
    const reminders = JSON.parse(result.stdout) as unknown[];
    expect(reminders.length).toBeGreaterThan(0);
    for (const reminder of reminders) expect(() => ReminderSchema.parse(reminder)).not.toThrow();
  });

  it('--days bounds what is shown, to the day', async () => {
    const cwd = project();
    const agenda = async (days: number) =>
      JSON.parse(
        (await runCli(['agenda', '--json', '--now', NOW, '--days', String(days)], { cwd })).stdout,
      ) as Array<{ key: string; local: { date: string } }>;
    // Today is 2026-12-01 in the owner's zone (Chicago).
    const today = Date.parse('2026-12-01T00:00:00Z');
    const all = await agenda(400);
    const within = (days: number) => {
      const end = new Date(today + days * 86_400_000).toISOString().slice(0, 10);
      return all.filter((r) => r.local.date <= end).map((r) => r.key);
    };
    // The first reminder after today: --days one short of it leaves it out, --days that reach
    // its day show it.
    const next = all.map((r) => r.local.date).find((date) => date > '2026-12-01')!;
    const reach = Math.round((Date.parse(`${next}T00:00:00Z`) - today) / 86_400_000);
    expect(reach).toBeGreaterThan(1);
    expect((await agenda(reach - 1)).map((r) => r.key)).toEqual(within(reach - 1));
    expect((await agenda(reach)).map((r) => r.key)).toEqual(within(reach));
    expect(within(reach).length).toBeGreaterThan(within(reach - 1).length);
  });

  it('prints every overdue, due and upcoming reminder with its why, grouped by week', async () => {
    const cwd = project();
    const args = ['agenda', '--now', NOW, '--days', '120'];
    const json = JSON.parse((await runCli([...args, '--json'], { cwd })).stdout) as Array<{
      key: string;
      why: string;
      status: string;
    }>;
    const human = await runCli(args, { cwd });
    expect(human.code).toBe(0);
    const shown = json.filter((r) => ['overdue', 'due', 'upcoming'].includes(r.status));
    expect(shown.length).toBeGreaterThan(0);
    for (const reminder of shown) {
      expect(human.stdout).toContain(reminder.key);
      expect(human.stdout).toContain(reminder.why);
    }
    if (json.some((r) => r.status === 'upcoming'))
      expect(human.stdout).toMatch(/Week of \w{3} \w{3} \d+/);
  });

  it('never colours piped output, colours with FORCE_COLOR, and NO_COLOR or --no-color win', async () => {
    const cwd = project();
    const args = ['agenda', '--now', NOW];
    expect((await runCli(args, { cwd })).stdout).not.toMatch(ANSI);
    expect((await runCli(args, { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect(
      (await runCli(args, { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout,
    ).not.toMatch(ANSI);
    expect(
      (await runCli([...args, '--no-color'], { cwd, env: { FORCE_COLOR: '1' } })).stdout,
    ).not.toMatch(ANSI);
  });

  it('stops quietly when its reader goes away, like `runner-up agenda | head`', async () => {
    const cwd = scratchDir();
    // Big enough that the output cannot fit in the pipe before the reader leaves.
    const opportunities = Array.from(
      { length: 300 },
      (_, i) => `  - id: opp-${i}
    organization: Org ${i}
    title: Role ${i}
    dates: { decided: 2026-10-${String((i % 28) + 1).padStart(2, '0')} }
    contacts: [{ name: Dana ${i}, email: dana${i}@example.com }]
    cadence: runner-up`,
    );
    writeFileSync(
      join(cwd, 'runner-up.yaml'),
      `version: 1\nowner: { name: Lynne, timezone: America/Chicago }\nopportunities:\n${opportunities.join('\n')}\n`,
    );
    const child = spawnCli(['agenda', '--json', '--now', NOW, '--days', '600'], { cwd });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // Read the first chunk, then close the pipe, as `head` does.
    child.stdout?.once('data', () => child.stdout?.destroy());
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exits 2 on a malformed --now or --days', async () => {
    const cwd = project();
    const now = await runCli(['agenda', '--now', 'yesterday'], { cwd });
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('`--now`');
    const days = await runCli(['agenda', '--days', 'ten'], { cwd });
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('`--days`');
  });
});

describe('runner-up log', () => {
  it('appends a touchpoint and keeps every comment, in order', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    const before = readFileSync(file, 'utf8');
    const result = await runCli(
      [
        'log',
        'acme-telecom-pm',
        '--channel',
        'call',
        '--with',
        'Dana Lee',
        '--note',
        'Asked about Q1',
        '--at',
        '2026-12-01',
        '--now',
        NOW,
      ],
      { cwd },
    );
    expect(withoutNotes(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(comments(after)).toEqual(comments(before));
    // Only the new line was added: every other byte is as it was.
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(added).toEqual([
      '      - { on: 2026-12-01, channel: call, with: Dana Lee, direction: out, note: Asked about Q1 }',
    ]);
    expect(after.replace(`${added[0]}\n`, '')).toBe(before);
    const touchpoints = parse(after).opportunities[0].touchpoints;
    expect(touchpoints).toEqual([
      {
        on: '2026-11-21',
        channel: 'email',
        with: 'Dana Lee',
        direction: 'out',
        note: 'Thank-you note',
      },
      {
        on: '2026-12-01',
        channel: 'call',
        with: 'Dana Lee',
        direction: 'out',
        note: 'Asked about Q1',
      },
    ]);
    // Keys keep their order.
    expect(Object.keys(parse(after))).toEqual(Object.keys(parse(before)));
    expect((await runCli(['validate'], { cwd })).code).toBe(0);
  });

  it("dates the touchpoint today in the owner's zone by default", async () => {
    const cwd = project();
    // 03:00 UTC on Dec 2 is still Dec 1 in Chicago.
    await runCli(['log', 'northwind-ops', '--channel', 'email', '--now', '2026-12-02T03:00:00Z'], {
      cwd,
    });
    const touchpoints = parse(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).opportunities[1]
      .touchpoints;
    expect(touchpoints).toEqual([{ on: '2026-12-01', channel: 'email', direction: 'out' }]);
  });

  it('exits 2 and changes nothing for an unknown opportunity, channel or date', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    const before = readFileSync(file, 'utf8');
    const unknown = await runCli(['log', 'nope', '--channel', 'email'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No opportunity with id `nope`');
    expect(unknown.stderr).toContain('acme-telecom-pm, northwind-ops');
    const channel = await runCli(['log', 'acme-telecom-pm', '--channel', 'fax'], { cwd });
    expect(channel.code).toBe(2);
    expect(channel.stderr).toContain('`--channel`');
    const date = await runCli(
      ['log', 'acme-telecom-pm', '--channel', 'call', '--at', '2026-02-30'],
      {
        cwd,
      },
    );
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('`--at`');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('suggests the id meant by one cut short or misspelt (it only listed every id)', async () => {
    const cwd = project();
    const short = await runCli(['log', 'acme-telecom', '--channel', 'email'], { cwd });
    expect(short.code).toBe(2);
    expect(short.stderr).toBe(
      '[runner-up] No opportunity with id `acme-telecom` in ./runner-up.yaml. Did you mean `acme-telecom-pm`? Known ids: acme-telecom-pm, northwind-ops.\n',
    );
    const typo = await runCli(['snooze', 'northwnid-ops', '--until', '2027-01-05'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean `northwind-ops`?');
    const far = await runCli(['log', 'globex', '--channel', 'email'], { cwd });
    expect(far.stderr).not.toContain('Did you mean');
  });
});

describe('runner-up snooze', () => {
  it('changes snoozedUntil in place, keeping the comment after it', async () => {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    const result = await runCli(['snooze', 'northwind-ops', '--until', '2027-01-10'], { cwd });
    expect(result.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toBe(
      readFileSync(FIXTURE, 'utf8').replace(
        'snoozedUntil: 2026-12-15 # comment: snoozed',
        'snoozedUntil: 2027-01-10 # comment: snoozed',
      ),
    );
    expect(comments(after)).toEqual(comments(readFileSync(FIXTURE, 'utf8')));
  });

  it('adds snoozedUntil to an opportunity without one, and the plan honours it', async () => {
    const cwd = project();
    await runCli(['snooze', 'acme-telecom-pm', '--until', '2027-02-01'], { cwd });
    expect(
      parse(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).opportunities[0].snoozedUntil,
    ).toBe('2027-02-01');
    const reminders = JSON.parse(
      (await runCli(['agenda', '--json', '--now', NOW, '--days', '400'], { cwd })).stdout,
    ) as Array<{ opportunityId: string; local: { date: string }; status: string }>;
    const acme = reminders.filter(
      (r) => r.opportunityId === 'acme-telecom-pm' && r.status !== 'done',
    );
    expect(acme.length).toBeGreaterThan(0);
    for (const reminder of acme) expect(reminder.local.date >= '2027-02-01').toBe(true);
  });

  it('exits 2 on a bad date', async () => {
    const result = await runCli(['snooze', 'northwind-ops', '--until', 'soon'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`--until`');
  });
});

describe('runner-up export ics', () => {
  it('prints the calendar on stdout', async () => {
    const result = await runCli(['export', 'ics', '--now', NOW], { cwd: project() });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(result.stdout).toContain('BEGIN:VEVENT');
  });

  it('writes the same calendar to -o FILE', async () => {
    const cwd = project();
    const printed = await runCli(['export', 'ics', '--now', NOW], { cwd });
    const written = await runCli(['export', 'ics', '-o', 'out.ics', '--now', NOW], { cwd });
    expect(written.code).toBe(0);
    expect(readFileSync(join(cwd, 'out.ics'), 'utf8')).toBe(printed.stdout);
  });

  it('-o FILE counts the reminders it writes, not the done or skipped ones it leaves out', async () => {
    const cwd = project();
    const text = await runCli(['export', 'ics', '-o', 'out.ics', '--now', NOW], { cwd });
    const events = readFileSync(join(cwd, 'out.ics'), 'utf8').match(/^BEGIN:VEVENT\r$/gm)?.length;
    expect(events).toBeGreaterThan(0);
    // The fixture has one reminder already done (the thank-you note of 2026-11-21).
    expect(text.stderr).toBe(
      `Wrote ${events} reminders to out.ics (1 done or skipped left out).\n`,
    );
    const json = await runCli(['export', 'ics', '-o', 'out.ics', '--now', NOW, '--json'], { cwd });
    expect(JSON.parse(json.stdout)).toEqual({
      file: 'out.ics',
      reminders: events,
      leftOut: 1,
      cancelled: 0,
      keptCancelled: 0,
    });
  });

  it('refuses --json without -o (exit 2): the calendar itself goes to stdout', async () => {
    const result = await runCli(['export', 'ics', '--json', '--now', NOW], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^\[runner-up\] `--json` does not apply to `export ics` without `-o`/,
    );
  });

  it('exits 2 on an unknown format', async () => {
    const result = await runCli(['export', 'csv'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Supported: ics');
  });
});

describe('runner-up serve', () => {
  const TOKEN = 'feed-token-0123456789abcdef';

  it('refuses to start without RUNNER_UP_FEED_TOKEN (exit 2)', async () => {
    const result = await runCli(['serve', '--port', '0'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('RUNNER_UP_FEED_TOKEN');
  });

  it('serves the feed at /feed/<token>.ics, nothing at other paths, and stops on SIGTERM', async () => {
    const child = spawnCli(['serve', '--port', '0'], {
      cwd: project(),
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
    });
    const done = collect(child);
    const banner = await waitForStderr(child, 'Press Ctrl+C');
    expect(banner).not.toContain(TOKEN);
    const port = /:(\d+)\/feed\//.exec(banner)?.[1];
    const feed = await fetch(`http://127.0.0.1:${port}/feed/${TOKEN}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    const wrong = await fetch(`http://127.0.0.1:${port}/feed/not-the-token.ics`);
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('reads only the path of a request: a Host header or request target with a password, or a TRACE, gets no 500, and is never logged', async () => {
    const child = spawnCli(['serve', '--port', '0'], {
      cwd: project(),
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
    });
    const done = collect(child);
    const banner = await waitForStderr(child, 'Press Ctrl+C');
    const port = Number(/:(\d+)\/feed\//.exec(banner)?.[1]);
    /** The status of a raw request with this Host header and request target. */
    const statusOf = (host: string, target: string, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path: target,
          method,
          headers: { host },
        });
        req.on('response', (res) => {
          res.resume();
          if (res.statusCode === 405) expect(res.headers.allow).toBe('GET, HEAD');
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    const feed = `/feed/${TOKEN}.ics`;
    // These used to fail as a 500, and the log named the whole URL, password and token included.
    expect(await statusOf('user:hunter2@example.com', feed)).toBe(200);
    expect(await statusOf('[', feed)).toBe(200);
    expect(await statusOf('localhost', `http://user:hunter2@example.com${feed}`)).toBe(200);
    expect(await statusOf('user:hunter2@example.com', '/feed/wrong-token-0123456789.ics')).toBe(
      404,
    );
    // TRACE, which a fetch Request may not carry, used to be a 500 and a line on stderr each.
    expect(await statusOf('localhost', feed, 'TRACE')).toBe(405);
    expect(await statusOf('localhost', '/', 'TRACE')).toBe(405);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('feed request failed');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('refuses --json (exit 2) before it starts: it prints no result to put in JSON', async () => {
    const child = spawnCli(['serve', '--port', '0', '--json'], {
      cwd: project(),
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
    });
    // Should it start serving after all, stop it rather than wait for ever.
    const timer = setTimeout(() => child.kill('SIGTERM'), 10_000);
    const result = await collect(child);
    clearTimeout(timer);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^\[runner-up\] `--json` does not apply to `serve`/);
    expect(result.stderr).not.toContain('Serving');
  });
});

describe('lazy loading', () => {
  /** The sources each chunk of the built command holds, from the bundler's metafile. */
  function chunkSources(): Map<string, string[]> {
    const meta = JSON.parse(readFileSync(join(dirname(BIN), 'metafile-esm.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const chunks = new Map<string, string[]>();
    for (const [output, { inputs }] of Object.entries(meta.outputs)) {
      chunks.set(output.split('/').pop()!, Object.keys(inputs));
    }
    return chunks;
  }

  /** Runs the command (by default the built one) and returns every source file its process loaded. */
  async function sourcesLoaded(cwd: string, args: string[], bin = BIN): Promise<string[]> {
    const log = join(cwd, `loaded-${args.join('-')}.txt`);
    rmSync(log, { force: true });
    const result = await runCli(args, {
      cwd,
      bin,
      env: { NODE_OPTIONS: `--import=${TRACE_MODULES}`, RUNNER_UP_TRACE_MODULES: log },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const chunks = chunkSources();
    const dist = `${pathToFileURL(dirname(bin)).href}/`;
    const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // Everything the command runs is bundled: it loads nothing but its own chunks and Node's.
    expect(urls.filter((url) => !url.startsWith(dist) && !url.startsWith('node:'))).toEqual([]);
    const files = new Set(
      urls.filter((url) => url.startsWith(dist)).map((url) => url.slice(dist.length)),
    );
    expect(files.has('bin.js')).toBe(true);
    return [...files].flatMap((file) => chunks.get(file) ?? []);
  }

  const PLUGIN = /\/(ical|notion|airtable)\/src\/|@notionhq|ical-generator/;

  it('agenda loads no plugin, and with its file in the parse cache, neither YAML nor the schemas', async () => {
    const cwd = project();
    await runCli(['agenda', '--now', NOW], { cwd }); // fills the parse cache
    const agenda = await sourcesLoaded(cwd, ['agenda', '--now', NOW]);
    expect(agenda.some((source) => source.endsWith('src/commands/agenda.ts'))).toBe(true);
    expect(agenda.filter((source) => PLUGIN.test(source))).toEqual([]);
    expect(agenda.filter((source) => source.endsWith('yaml-editor.ts'))).toEqual([]);
    // A cached file needs no parsing: neither the YAML parser nor zod and the schemas load.
    expect(agenda.filter((source) => /\/(yaml|zod)\/|model\/pipeline\.ts/.test(source))).toEqual(
      [],
    );
  });

  it('parses the file on the first run only, also in a copy of the command outside any install', async () => {
    const cwd = project();
    const copy = join(scratchDir(), 'dist');
    cpSync(dirname(BIN), copy, { recursive: true });
    const bin = join(copy, 'bin.js');
    const parses = (sources: string[]) =>
      sources.some((source) => source.endsWith('src/file/parse-yaml.ts'));
    expect(parses(await sourcesLoaded(cwd, ['agenda', '--now', NOW], bin))).toBe(true);
    expect(parses(await sourcesLoaded(cwd, ['agenda', '--now', NOW], bin))).toBe(false);
  });

  it('after log or snooze the file is in the parse cache, so agenda does not parse it', async () => {
    const cwd = project();
    const parses = (sources: string[]) =>
      sources.some((source) => source.endsWith('src/file/parse-yaml.ts'));
    for (const edit of [
      ['log', 'northwind-ops', '--channel', 'email', '--now', NOW],
      ['snooze', 'northwind-ops', '--until', '2027-02-01'],
    ]) {
      const result = await runCli(edit, { cwd });
      expect(result.code).toBe(0);
      expect(parses(await sourcesLoaded(cwd, ['agenda', '--now', NOW]))).toBe(false);
    }
    // With the cache off, an edit stores nothing.
    const cache = join(cwd, 'cache-off');
    const off = { RUNNER_UP_CACHE: '0', RUNNER_UP_CACHE_DIR: cache };
    const logged = await runCli(['log', 'northwind-ops', '--channel', 'call', '--now', NOW], {
      cwd,
      env: off,
    });
    expect(logged.code).toBe(0);
    expect(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).toContain('channel: call');
    expect(existsSync(cache)).toBe(false);
  });

  it('export ics loads the iCalendar plugin and not the Notion or Airtable ones', async () => {
    const loaded = await sourcesLoaded(project(), ['export', 'ics', '--now', NOW]);
    expect(loaded.some((source) => /\/ical\/src\//.test(source))).toBe(true);
    expect(loaded.filter((source) => /\/(notion|airtable)\/src\/|@notionhq/.test(source))).toEqual(
      [],
    );
  });
});
