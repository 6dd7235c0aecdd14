import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipelineYaml, plan } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

const fixture = commentedFile;

const CANDIDATE = [
  'version: 1',
  'owner: {name: R, timezone: America/Chicago}',
  'opportunities:',
  '  - id: contoso-sre-priya',
  '    kind: candidate',
  '    organization: Contoso',
  '    title: Senior SRE',
  '    dates: {decided: 2026-11-25}',
  '    contacts:',
  '      - {name: Priya Raman, role: candidate}',
  '      - {name: Lee Hart, role: hiring-manager}',
  '    cadence: silver-medalist',
  '    touchpoints: []',
  '',
].join('\n');

describe('log says which reminder the touch completed (regression: a second note silently completed a step weeks ahead)', () => {
  it('names the reminder a touch completes and the day it was planned for, and notes one planned after today', async () => {
    const file = fixture();
    // The thank-you is done (2026-11-21): today's touch completes the check-in planned for later.
    const first = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'acme-telecom-pm',
      '--channel',
      'email',
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      '✓ Logged email on 2026-12-01 for acme-telecom-pm. It completes acme-telecom-pm/check-in/1, planned for 2026-12-14.\n',
    );
    expect(first.stderr).toBe(
      `[runner-up] Note: this touch completes acme-telecom-pm/check-in/1, planned for 2026-12-14, after today (2026-12-01): a touch completes the first step not yet completed whose anchor date it falls on or after. If you did not mean that, remove the touchpoint from ${file}, or add \`reminder: <key>\` to it to name the reminder it completes.\n`,
    );
    // A second touch the same day completes the next repeat, three months ahead: said, with JSON.
    const second = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      '--json',
      'log',
      'acme-telecom-pm',
      '--channel',
      'note',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ completed: ['acme-telecom-pm/check-in/2'] });
    expect(second.stderr).toContain(
      'completes acme-telecom-pm/check-in/2, planned for 2027-03-01, after today',
    );
  });

  it('says when a touch completes nothing (a reply), and how many reminders the reply stops', async () => {
    const file = fixture();
    // Every reminder still to do: the reply keeps those dated before it as skipped, and drops the
    // rest (regression: only the skipped ones were counted).
    const pending = plan(parsePipelineYaml(readFileSync(file, 'utf8')), { now: NOW }).filter(
      (r) =>
        r.opportunityId === 'northwind-ops' && ['upcoming', 'due', 'overdue'].includes(r.status),
    ).length;
    expect(pending).toBeGreaterThan(1);
    const text = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'northwind-ops',
      '--channel',
      'email',
      '--direction',
      'in',
    ]);
    expect(text.stdout).toBe(
      `✓ Logged email on 2026-12-01 for northwind-ops. It completes no planned reminder. As a reply, it stops the follow-ups: ${pending} planned reminders are dropped.\n`,
    );
    expect(text.stderr).toBe('');
    const json = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      '--json',
      'log',
      'northwind-ops',
      '--channel',
      'email',
      '--direction',
      'in',
    ]);
    // A second reply stops nothing more.
    expect(JSON.parse(json.stdout)).toMatchObject({ completed: [], stopped: 0 });
  });

  it('for a kind: candidate entry, says on stderr that a touch with someone else at the client completes nothing', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    writeFileSync(file, CANDIDATE);
    const other = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'contoso-sre-priya',
      '--channel',
      'call',
      '--with',
      'Lee Hart',
    ]);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toContain('It completes no planned reminder.');
    expect(other.stderr).toBe(
      '[runner-up] Note: Lee Hart is not the candidate of contoso-sre-priya (Priya Raman), and only touches with the candidate complete a step of a `kind: candidate` entry, so this one completes none. It is recorded all the same.\n',
    );
    const candidate = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'contoso-sre-priya',
      '--channel',
      'call',
      '--with',
      'Priya Raman',
    ]);
    expect(candidate.stdout).toMatch(/It completes contoso-sre-priya\/\S+\/1, planned for/);
    expect(candidate.stderr).not.toContain('is not the candidate');
  });

  it('knows a name typed with its accents as characters of their own (NFD), and writes it as the file does', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    writeFileSync(file, CANDIDATE.replace('Lee Hart', 'Léa Hårt'));
    const typed = 'Léa Hårt'.normalize('NFD');
    const run = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'contoso-sre-priya',
      '--channel',
      'call',
      '--with',
      typed,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // Someone at the client, not the candidate (regression: the candidate's call was marked done,
    // with a warning that the name, which looked the same, named no contact).
    expect(run.stdout).toContain('It completes no planned reminder.');
    expect(run.stderr).toBe(
      '[runner-up] Note: Léa Hårt is not the candidate of contoso-sre-priya (Priya Raman), and only touches with the candidate complete a step of a `kind: candidate` entry, so this one completes none. It is recorded all the same.\n',
    );
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('with: Léa Hårt');
    expect(written).not.toContain(typed);
  });
});

describe('log names the reminder a back-dated touch completes (regression: it named the one a later touch took over, with a date from the old plan)', () => {
  it('names the step the touch takes, and the step the later touch completes now', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'owner: {name: Lynne, timezone: America/Chicago}',
        'opportunities:',
        '  - id: acme',
        '    organization: Acme',
        '    title: Program Manager',
        '    dates: {decided: 2026-11-28}',
        '    contacts: [{name: Dana Lee, role: hiring-manager}]',
        '    cadence: runner-up',
        '    touchpoints:',
        '      - {on: 2026-12-21, channel: linkedin, with: Dana Lee, direction: out}',
        '',
      ].join('\n'),
    );
    const args = ['-f', file, '--now', '2026-12-21T16:00:00Z'];
    const touch = ['log', 'acme', '--channel', 'email', '--with', 'Dana Lee', '--at', '2026-11-30'];
    const result = await runInProcess([...args, ...touch]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      '✓ Logged email with Dana Lee on 2026-11-30 for acme. It completes acme/thank-you/1, planned for 2026-11-30. The touch of 2026-12-21 now completes acme/stay-visible/1, planned for 2026-12-21.\n',
    );
    // It completes nothing after today, so there is nothing to undo.
    expect(result.stderr).toBe('');
    // The plan agrees.
    const agenda = await runInProcess([...args, '--json', 'agenda', '--days', '1']);
    const done = JSON.parse(agenda.stdout) as Array<{ key: string; why: string }>;
    expect(done.find((r) => r.key === 'acme/thank-you/1')?.why).toContain('done on 2026-11-30');
    expect(done.find((r) => r.key === 'acme/stay-visible/1')?.why).toContain('done on 2026-12-21');
    // With --json, `completed` holds what this touch completed.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {6}- \{on: 2026-11-30[^\n]*/, ''));
    const json = await runInProcess([...args, '--json', ...touch]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      completed: ['acme/thank-you/1'],
      warnings: [],
    });
  });
});

describe('log says when a back-dated touch leaves a later one completing nothing (regression: it said nothing)', () => {
  it('names that touch on stdout and in --json `released`, beside what was recounted', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    const text = [
      'version: 1',
      'owner: {name: Lynne, timezone: America/Chicago}',
      'cadences:',
      '  two:',
      '    steps:',
      '      - {id: first, from: decided, after: P1D, title: First}',
      '      - {id: second, from: decided, after: P30D, title: Second}',
      'opportunities:',
      '  - id: acme',
      '    organization: Acme',
      '    title: Program Manager',
      '    dates: {decided: 2026-11-28}',
      '    contacts: [{name: Dana Lee, role: hiring-manager}]',
      '    cadence: two',
      '    touchpoints:',
      '      - {on: 2026-12-07, channel: linkedin, with: Dana Lee}',
      '      - {on: 2026-12-10, channel: linkedin, with: Dana Lee}',
      '',
    ].join('\n');
    writeFileSync(file, text);
    const args = ['-f', file, '--now', '2026-12-21T16:00:00Z'];
    const touch = ['log', 'acme', '--channel', 'email', '--at', '2026-11-30'];
    const result = await runInProcess([...args, ...touch]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      '✓ Logged email on 2026-11-30 for acme. It completes acme/first/1, planned for 2026-11-30. The touch of 2026-12-07 now completes acme/second/1, planned for 2026-12-28. The touch of 2026-12-10 now completes no reminder.\n',
    );
    writeFileSync(file, text);
    const json = await runInProcess([...args, '--json', ...touch]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      completed: ['acme/first/1'],
      recounted: [{ key: 'acme/second/1', by: '2026-12-07' }],
      released: ['2026-12-10'],
    });
  });
});

describe('log and snooze --json keep their warnings (regression: they were dropped)', () => {
  it('log --json lists the did-you-mean for --with in warnings, and still says it on stderr', async () => {
    const file = fixture();
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      '--json',
      'log',
      'acme-telecom-pm',
      '--channel',
      'call',
      '--with',
      'Dana Le',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { warnings } = JSON.parse(result.stdout);
    expect(warnings).toContainEqual({
      code: 'unknown_contact',
      message: '`--with Dana Le` names no contact of acme-telecom-pm; did you mean `Dana Lee`?',
    });
    expect(warnings.map((w: { code: string }) => w.code)).toContain('completes_later_reminder');
    expect(result.stderr).toContain('[runner-up] Warning: `--with Dana Le` names no contact');
  });

  it('snooze --json lists a date before today in warnings', async () => {
    const file = fixture();
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      '--json',
      'snooze',
      'acme-telecom-pm',
      '--until',
      '2020-01-01',
    ]);
    expect(JSON.parse(result.stdout)).toEqual({
      opportunityId: 'acme-telecom-pm',
      snoozedUntil: '2020-01-01',
      warnings: [
        {
          code: 'snooze_in_the_past',
          message:
            '`--until` 2020-01-01 is before today, 2026-12-01 in America/Chicago, so this snooze holds nothing back; did you mean a later date?',
        },
      ],
    });
    const later = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      '--json',
      'snooze',
      'acme-telecom-pm',
      '--until',
      '2027-02-01',
    ]);
    expect(JSON.parse(later.stdout).warnings).toEqual([]);
  });
});

describe('log when no plan can be made for its now (regression: the touchpoint written, then exit 2)', () => {
  it('records the touchpoint, exits 0, and notes that what it completes is unknown', async () => {
    const file = fixture();
    const before = readFileSync(file, 'utf8');
    // The default 24-month horizon from here reaches past the last day runner-up plans.
    const args = ['-f', file, '--now', '9998-06-01', 'log', 'acme-telecom-pm', '--channel', 'note'];
    const result = await runInProcess(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('✓ Logged note on 9998-06-01 for acme-telecom-pm.\n');
    expect(result.stderr).toBe(
      '[runner-up] Note: the touchpoint is recorded, but which reminder it completes could not be worked out: it plans 24 months ahead of today (9998-06-01), which reaches past 9999-12-30, the last day runner-up plans\n',
    );
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(before);
    expect(after.match(/9998-06-01/g)).toHaveLength(1);
    const json = await runInProcess([
      '--json',
      ...args.map((a) => (a === '9998-06-01' ? '9998-06-02' : a)),
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      completed: [],
      warnings: [{ code: 'completion_unknown' }],
    });
  });
});
