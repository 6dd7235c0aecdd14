import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintPipeline, parsePipelineYaml, plan } from '@runner-up/core';
import { describe, expect, it } from 'vitest';

const file = fileURLToPath(new URL('../recruiter.yaml', import.meta.url));
const pipeline = parsePipelineYaml(readFileSync(file, 'utf8'), { file: 'recruiter.yaml' });
const reminders = plan(pipeline, { now: '2026-12-01T10:00:00Z' });
const firstOf = (opportunityId: string) => reminders.find((r) => r.opportunityId === opportunityId);

describe('the recruiter pipeline', () => {
  it('is valid, with nothing for lintPipeline to warn about', () => {
    expect(lintPipeline(pipeline)).toEqual([]);
  });

  it('calls both Globex candidates the day after the decision: one client does not hold the other back', () => {
    expect(
      [firstOf('globex-sre-ana'), firstOf('globex-sre-ben')].map((r) => r?.local.date),
    ).toEqual(['2026-11-18', '2026-11-18']);
  });

  it('keeps warm with Ana after her reply, and addresses only her', () => {
    const ana = reminders.filter((r) => r.opportunityId === 'globex-sre-ana');
    expect(ana.some((r) => r.status === 'skipped')).toBe(false);
    expect(ana.find((r) => r.stepId === 'share-openings')?.status).toBe('upcoming');
    expect(new Set(ana.map((r) => r.contact?.name))).toEqual(new Set(['Ana Souza']));
  });

  it('tells Hana, shortlisted at two clients, the day after each passed, and keeps her follow-ups 30 days apart', () => {
    // News is not held back (regression: the second call waited a month after the first).
    const stark = firstOf('stark-backend-hana')!;
    expect([stark.stepId, stark.local.date]).toEqual(['close-second', '2026-11-24']);
    const followUps = plan(pipeline, { now: '2026-12-01T10:00:00Z', horizon: 'P3M' }).filter(
      (r) => r.opportunityId.endsWith('-hana') && r.stepId === 'share-openings',
    );
    expect(followUps.map((r) => [r.opportunityId, r.local.date])).toEqual([
      ['initech-backend-hana', '2027-01-04'],
      ['stark-backend-hana', '2027-02-03'],
    ]);
    expect(followUps[1]!.why).toContain('to keep 30 days between touches to Hana Sato');
  });

  it('plans nothing for Kim, who asked not to be contacted, and nothing for her client instead', () => {
    expect(firstOf('umbrella-qa-kim')).toBeUndefined();
  });
});
