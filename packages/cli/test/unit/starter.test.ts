import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPipeline, parsePipelineYaml, plan } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { starterPipeline } from '../../src/starter';

const GOLDEN = join(import.meta.dirname, '../__golden__/starter');
const update = process.env.UPDATE_GOLDEN === '1';
const now = '2026-12-01T15:00:00Z';

/** Compares `text` with the reviewed golden `name`, or rewrites it with UPDATE_GOLDEN=1. */
function expectGolden(name: string, text: string): void {
  const golden = join(GOLDEN, name);
  if (update) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(golden, text);
  }
  expect(existsSync(golden), `${name}: run with UPDATE_GOLDEN=1, then review it`).toBe(true);
  expect(text).toBe(readFileSync(golden, 'utf8'));
}

/** Midday UTC on each of the seven days from 2026-11-30 (a Monday): weekends move the steps. */
const WEEK = Array.from({ length: 7 }, (_, i) =>
  new Date(Date.UTC(2026, 10, 30 + i, 12)).toISOString(),
);
/** UTC, and zones far behind and ahead of it, where "today" is another day than in UTC. */
const ZONES = ['UTC', 'America/Chicago', 'Pacific/Pago_Pago', 'Asia/Tokyo', 'Pacific/Kiritimati'];

describe('the starter files, byte for byte', () => {
  it('the job seeker starter, the default', () => {
    const text = starterPipeline({ now, timezone: 'America/Chicago' });
    expectGolden('job-seeker.yaml', text);
    expect(starterPipeline({ now, timezone: 'America/Chicago', for: 'job-seeker' })).toBe(text);
  });

  it('the recruiter starter', () => {
    expectGolden(
      'recruiter.yaml',
      starterPipeline({ now, timezone: 'America/Chicago', for: 'recruiter' }),
    );
  });
});

describe('the recruiter starter', () => {
  const recruiter = (at: string, timezone: string) =>
    parsePipelineYaml(starterPipeline({ now: at, timezone, for: 'recruiter' }), {
      file: 'runner-up.yaml',
    });

  it('keeps candidates warm: kind candidate, a candidate contact, the silver-medalist cadence', () => {
    const pipeline = recruiter(now, 'UTC');
    expect(pipeline.opportunities.length).toBeGreaterThan(0);
    for (const opportunity of pipeline.opportunities) {
      expect(opportunity.kind).toBe('candidate');
      expect(opportunity.cadence).toBe('silver-medalist');
      expect(opportunity.contacts.filter((c) => c.role === 'candidate')).toHaveLength(1);
    }
  });

  it('parses and has no lint warnings, on any day of the week and in any zone', () => {
    for (const timezone of ZONES) {
      for (const at of WEEK) {
        const pipeline = recruiter(at, timezone);
        expect(pipeline.owner.timezone).toBe(timezone);
        expect(pipeline.opportunities.map((o) => o.kind)).toEqual(['candidate', 'candidate']);
        expect(lintPipeline(pipeline, { now: at }), `${timezone} ${at}`).toEqual([]);
      }
    }
  });

  it('plans every reminder for the candidate, never for the people at the client', () => {
    for (const timezone of ZONES) {
      for (const at of WEEK) {
        const pipeline = recruiter(at, timezone);
        const reminders = plan(pipeline, { now: at });
        for (const opportunity of pipeline.opportunities) {
          const candidate = opportunity.contacts.find((c) => c.role === 'candidate')!;
          const own = reminders.filter((r) => r.opportunityId === opportunity.id);
          expect(own.length).toBeGreaterThan(0);
          for (const reminder of own) {
            expect(reminder.contact, reminder.key).toMatchObject({
              name: candidate.name,
              role: 'candidate',
            });
          }
        }
      }
    }
  });

  it('gives the agenda something at once: a call due, and a step counting from a logged call', () => {
    const reminders = plan(recruiter(now, 'America/Chicago'), { now, horizon: 'P30D' });
    const status = (key: string) => reminders.find((r) => r.key === key)?.status;
    expect(status('contoso-sre-priya/close-second/1')).toBe('overdue');
    expect(status('fabrikam-data-jordan/close-second/1')).toBe('done');
    expect(status('fabrikam-data-jordan/share-openings/1')).toBe('upcoming');
  });
});
