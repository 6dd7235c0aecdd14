import { describe, expect, test } from 'vitest';
import {
  addDays,
  builtinCadences,
  CadenceSchema,
  diffDays,
  type OpportunityInput,
  type PipelineInput,
  plan,
} from '../../src';

const owner: PipelineInput['owner'] = {
  name: 'Lynne',
  timezone: 'America/Chicago',
  holidays: ['2026-12-25', '2027-01-01'],
  at: '09:30',
};

function story(opportunity: Partial<OpportunityInput>, now = '2026-11-20T18:00:00Z') {
  return plan(
    {
      version: 1,
      owner,
      opportunities: [
        {
          id: 'acme-telecom-pm',
          organization: 'Acme Telecom',
          title: 'Program Manager',
          dates: { decided: '2026-11-20' },
          contacts: [{ name: 'Dana Lee', role: 'hiring-manager', email: 'dana@acme.example' }],
          ...opportunity,
        },
      ],
    },
    { now },
  );
}

describe('built-in cadences', () => {
  test('ship the five presets from the story', () => {
    expect(Object.keys(builtinCadences).sort()).toEqual([
      'proposal-runner-up',
      'quarterly',
      'relocated',
      'runner-up',
      'silver-medalist',
    ]);
  });

  test.each(Object.entries(builtinCadences))(
    '%s is a valid cadence whose every step explains itself',
    (_, cadence) => {
      const parsed = CadenceSchema.parse(cadence);
      expect(parsed.description).toBeTruthy();
      for (const step of parsed.steps) expect(step.talkingPoints.length).toBeGreaterThanOrEqual(2);
    },
  );

  test('runner-up: thanks the next business day, then stays visible a few weeks later', () => {
    const reminders = story({
      cadence: 'runner-up',
      dates: { decided: '2026-11-20', winnerStarts: '2027-01-04' },
    });
    const [thanks, visible] = reminders;
    expect(thanks).toMatchObject({
      stepId: 'thank-you',
      status: 'upcoming',
      local: { date: '2026-11-23' },
    });
    expect(thanks!.title).toBe('Thank Dana and say you are still interested in Acme Telecom');
    expect(thanks!.draft!.mailto).toMatch(/^mailto:dana@acme\.example\?subject=/);
    expect(visible!.stepId).toBe('stay-visible');
    expect(diffDays(thanks!.local.date, visible!.local.date)).toBeGreaterThanOrEqual(14);
  });

  test("runner-up: checks in before the winner's 90th day, then quarterly for a year and a half", () => {
    const winnerStarts = '2027-01-04';
    const reminders = story({
      cadence: 'runner-up',
      dates: { decided: '2026-11-20', winnerStarts },
    });
    const day90 = reminders.find((r) => r.stepId === 'before-day-90')!;
    expect(day90.local.date < addDays(winnerStarts, 90)).toBe(true);
    expect(day90.local.date > addDays(winnerStarts, 60)).toBe(true);
    expect(day90.talkingPoints.join(' ')).toMatch(/ninety days/);
    const quarterly = reminders.filter((r) => r.stepId === 'quarterly');
    expect(quarterly).toHaveLength(6);
    const span = diffDays(day90.local.date, quarterly.at(-1)!.local.date);
    expect(span).toBeGreaterThan(500);
    expect(span).toBeLessThan(600);
    expect(reminders.every((r) => r.why.endsWith('.'))).toBe(true);
  });

  test("runner-up: estimates the winner's start when it is not known, and says so", () => {
    const reminders = story({
      cadence: 'runner-up',
      dates: { decided: '2026-11-20', winnerStarts: null },
    });
    const day90 = reminders.find((r) => r.stepId === 'before-day-90')!;
    expect(day90.why).toContain(
      'winnerStarts is not known yet, so it is estimated as 3 weeks after decided',
    );
  });

  test('relocated: offers remote or contract help where the work moved', () => {
    const reminders = story({ cadence: 'relocated' });
    expect(reminders.slice(0, 3).map((r) => r.stepId)).toEqual([
      'acknowledge-move',
      'offer-contract-help',
      'new-site-check-in',
    ]);
    expect(reminders[0]!.local.date).toBe('2026-11-24');
    expect(reminders[1]!.title).toBe(
      'Offer Acme Telecom short-term help while the new site ramps up',
    );
    expect(reminders[0]!.talkingPoints.join(' ')).toMatch(/remote work, a contract/);
  });

  test('proposal-runner-up: debrief, after the kickoff, before the renewal review', () => {
    const reminders = story({
      kind: 'proposal',
      cadence: 'proposal-runner-up',
      contacts: [{ name: 'Pat Kim', role: 'procurement' }],
    });
    expect(reminders.slice(0, 3).map((r) => r.stepId)).toEqual([
      'ask-debrief',
      'after-kickoff',
      'before-renewal',
    ]);
    expect(reminders[1]!.why).toContain('kickoff is not known yet');
    expect(reminders[2]!.local.date).toBe('2027-09-20');
  });

  test('silver-medalist: the employer keeps warm, and stops after three unanswered touches', () => {
    const reminders = story(
      {
        cadence: 'silver-medalist',
        contacts: [{ name: 'Riley Chen', email: 'riley@example.com' }],
        touchpoints: [
          { on: '2026-11-23', channel: 'call' },
          { on: '2027-01-05', channel: 'email' },
          { on: '2027-04-06', channel: 'email' },
        ],
      },
      '2027-04-07T15:00:00Z',
    );
    expect(reminders.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(reminders[2]!.why).toContain(
      '(`maxUnanswered: 3`), so cadence `silver-medalist` stops here',
    );
  });

  test('silver-medalist: goes on every four months for two years while the candidate answers', () => {
    const reminders = story(
      {
        cadence: 'silver-medalist',
        contacts: [{ name: 'Riley Chen', email: 'riley@example.com' }],
        touchpoints: [
          { on: '2026-11-23', channel: 'call' },
          { on: '2026-11-25', channel: 'email', direction: 'in', note: 'Keep me in mind' },
        ],
      },
      '2026-11-26T15:00:00Z',
    );
    const repeats = reminders.filter((r) => r.stepId === 'availability-check');
    expect(repeats.length).toBeGreaterThan(3);
    expect(repeats.every((r) => r.status === 'upcoming')).toBe(true);
    expect(repeats.map((r) => r.local.date).slice(0, 3)).toEqual([
      // Three months after the share-openings of 2027-01-04 is a Sunday, so Monday; then every
      // four months from there, to the next workday.
      '2027-04-05',
      '2027-08-05',
      '2027-12-06',
    ]);
  });

  test('quarterly: a hello every three months for two years', () => {
    const reminders = story({ cadence: 'quarterly' });
    expect(reminders.map((r) => r.local.date).slice(0, 3)).toEqual([
      '2027-02-22',
      '2027-05-24',
      '2027-08-23',
    ]);
    // Two years of quarters, cut by the default 24-month horizon from now.
    expect(reminders).toHaveLength(7);
    expect(reminders.at(-1)!.local.date).toBe('2028-08-22');
  });
});
