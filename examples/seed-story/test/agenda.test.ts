import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePipelineYaml, plan } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { buildAgenda, formatAgenda, STORY_NOW } from '../src/agenda';

const root = fileURLToPath(new URL('..', import.meta.url));
const text = readFileSync(join(root, 'runner-up.yaml'), 'utf8');
const golden = readFileSync(join(root, 'test/agenda.golden.txt'), 'utf8');
const keys = (reminders: ReadonlyArray<{ key: string }>) => reminders.map((r) => r.key);

describe('the seed story pipeline', () => {
  it('is a valid runner-up.yaml with the telecom job, its consulting offer, a contract and a proposal', () => {
    const pipeline = parsePipelineYaml(text, { file: 'runner-up.yaml' });
    expect(pipeline.opportunities.map((o) => [o.id, o.kind, o.cadence])).toEqual([
      ['prairie-telecom-pm', 'job', 'relocated'],
      ['prairie-telecom-consulting', 'contract', 'consulting-offer'],
      ['riverbend-data-migration', 'contract', 'runner-up'],
      ['lakeshore-clinic-rfp', 'proposal', 'proposal-runner-up'],
    ]);
  });

  it('stops following up on the relocated job once they reply with the consulting offer', () => {
    const reminders = plan(parsePipelineYaml(text), { now: STORY_NOW });
    const job = reminders.filter((r) => r.opportunityId === 'prairie-telecom-pm');
    expect(job.map((r) => [r.stepId, r.status])).toEqual([['acknowledge-move', 'done']]);
  });
});

describe('the agenda on 1 December 2026', () => {
  const agenda = buildAgenda(text, { now: STORY_NOW });

  it("is dated in the owner's zone", () => {
    expect([agenda.today, agenda.timezone]).toEqual(['2026-12-01', 'America/Chicago']);
  });

  it('shows the forgotten thank-you note as overdue', () => {
    expect(keys(agenda.overdue)).toEqual(['riverbend-data-migration/thank-you/1']);
    expect(agenda.overdue[0]!.local).toEqual({
      date: '2026-11-23',
      time: '09:30',
      timezone: 'America/Chicago',
    });
    expect(agenda.overdue[0]!.why).toBe('Planned 1 business day after decided (2026-11-20).');
  });

  it('asks procurement about the contract paperwork today, two weeks after the last call', () => {
    expect(keys(agenda.due)).toEqual(['prairie-telecom-consulting/check-paperwork/1']);
    const [due] = agenda.due;
    expect(due!.contact).toEqual({
      name: 'Omar Haddad',
      role: 'procurement',
      email: 'omar.haddad@prairie-telecom.example',
    });
    expect(due!.due).toBe('2026-12-01T15:30:00.000Z');
    expect(due!.why).toBe(
      'Planned 2 weeks after your touch on 2026-11-17 that completed the previous step.',
    );
  });

  it('lists the next sixty days in date order', () => {
    expect(agenda.upcoming.map((r) => [r.local.date, r.key])).toEqual([
      ['2026-12-14', 'riverbend-data-migration/stay-visible/1'],
      ['2027-01-18', 'lakeshore-clinic-rfp/after-kickoff/1'],
    ]);
  });

  it('prints as the golden agenda', () => {
    expect(formatAgenda(agenda)).toBe(golden);
  });

  it('reaches further with more days, including the estimated contract review', () => {
    const year = buildAgenda(text, { now: STORY_NOW, days: 365 });
    const review = year.upcoming.find((r) => r.stepId === 'before-renewal');
    expect(review?.local.date).toBe('2027-08-30');
    expect(review?.why).toContain('renewalReview is not known yet, so it is estimated');
  });
});

describe('the start script', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(
      process.execPath,
      ['--conditions=@runner-up/source', '--import', 'tsx', 'src/agenda.ts', ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } },
    );

  it('prints the golden agenda even on a host whose date is already 2 December', () => {
    // At 15:00 UTC it is 05:00 the next day in Kiritimati (UTC+14); the agenda follows the owner's zone.
    const result = run([], { TZ: 'Pacific/Kiritimati' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(golden);
  });

  it('exits with 2 and a positioned message for a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-story-'));
    try {
      const file = join(dir, 'runner-up.yaml');
      writeFileSync(file, text.replace('timezone: America/Chicago', 'timezone: Chicago'));
      const result = run(['--file', file]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        'runner-up.yaml:8:13 `owner.timezone`: unknown time zone "Chicago": use an IANA name like America/Chicago\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
