import { describe, expect, test } from 'vitest';
import { plan, RunnerUpError } from '../../src';
import { early, step, withCadence } from './fixtures';

const dates = (reminders: { key: string; local: { date: string } }[]) =>
  Object.fromEntries(reminders.map((r) => [r.key, r.local.date]));

describe('steps', () => {
  test('counts a step from a named date with an ISO duration', () => {
    const reminders = plan(withCadence({ steps: [step('check', 'decided', 'P10D')] }), {
      now: early,
    });
    // Friday 20 Nov + 10 days = Monday 30 Nov.
    expect(dates(reminders)).toEqual({ 'acme-pm/check/1': '2026-11-30' });
    expect(reminders[0]!.why).toBe('Planned 10 days after decided (2026-11-20).');
  });

  test('a step with no offset falls on the day of its anchor, and says so', () => {
    for (const after of ['P0D', 'PT0S', { businessDays: 0 }] as const) {
      const reminders = plan(withCadence({ steps: [step('same-day', 'decided', after)] }), {
        now: early,
      });
      expect(reminders[0]!.local.date).toBe('2026-11-20');
      expect(reminders[0]!.why).toBe('Planned on the day of decided (2026-11-20).');
    }
  });

  test('no offset from a Saturday: on its day then moved, but 0 business days after it is the Monday', () => {
    const from = (after: string | { businessDays: number }) =>
      plan(
        withCadence(
          { steps: [step('same-day', 'decided', after)] },
          { dates: { decided: '2026-11-07' } },
        ),
        {
          now: '2026-11-01T12:00:00Z',
        },
      )[0]!;
    const days = from('P0D');
    expect(days.local.date).toBe('2026-11-09');
    expect(days.why).toBe(
      'Planned on the day of decided (2026-11-07); moved from Saturday 2026-11-07 to the next workday.',
    );
    const business = from({ businessDays: 0 });
    expect(business.local.date).toBe('2026-11-09');
    expect(business.why).toBe('Planned 0 business days after decided (2026-11-07).');
  });

  test('counts business-day offsets over weekends', () => {
    const reminders = plan(
      withCadence({ steps: [step('thanks', 'decided', { businessDays: 1 })] }),
      { now: early },
    );
    expect(reminders[0]!.local.date).toBe('2026-11-23');
    expect(reminders[0]!.why).toContain('1 business day after decided (2026-11-20)');
  });

  test('moves a reminder that falls on a holiday to the next workday', () => {
    const reminders = plan(
      withCadence({ steps: [step('xmas', 'decided', 'P35D')] }), // Fri 25 Dec 2026
      { now: early },
    );
    expect(reminders[0]!.local.date).toBe('2026-12-28');
    expect(reminders[0]!.why).toContain(
      'moved from Friday 2026-12-25 (a holiday) to the next workday',
    );
  });

  test('keeps a weekend date when business days are off', () => {
    const reminders = plan(
      withCadence({ steps: [step('sat', 'decided', 'P1D')], rules: { businessDays: false } }),
      { now: early },
    );
    expect(reminders[0]!.local.date).toBe('2026-11-21');
  });

  test('`previous` counts from the step before after its business-day shift', () => {
    const reminders = plan(
      withCadence({
        steps: [step('first', 'decided', 'P1D'), step('second', 'previous', 'P2D')],
      }),
      { now: early },
    );
    // Sat 21 Nov moves to Mon 23 Nov; the next step counts from the Monday: Wed 25 Nov.
    expect(dates(reminders)).toEqual({
      'acme-pm/first/1': '2026-11-23',
      'acme-pm/second/1': '2026-11-25',
    });
    expect(reminders[1]!.why).toContain('2 days after the previous step (2026-11-23)');
  });

  test('a first step counting from `previous` counts from the decision date', () => {
    const reminders = plan(withCadence({ steps: [step('only', 'previous', 'P3D')] }), {
      now: early,
    });
    expect(reminders[0]!.local.date).toBe('2026-11-23');
    expect(reminders[0]!.why).toContain('after decided (2026-11-20)');
  });

  test("falls at the owner's time of day in the owner's zone", () => {
    const reminders = plan(
      withCadence(
        { steps: [step('check', 'decided', 'P3D')] },
        {},
        {
          timezone: 'Europe/Paris',
          at: '08:15',
        },
      ),
      { now: early },
    );
    expect(reminders[0]!.local).toEqual({
      date: '2026-11-23',
      time: '08:15',
      timezone: 'Europe/Paris',
    });
    expect(reminders[0]!.due).toBe('2026-11-23T07:15:00.000Z');
  });

  test('a step whose date is still unknown waits, and so do the steps counting from it', () => {
    const reminders = plan(
      withCadence(
        {
          steps: [
            step('thanks', 'decided', 'P3D'),
            step('after-start', 'winnerStarts', 'P1W'),
            step('follow', 'previous', 'P1W'),
            step('anniversary', 'decided', 'P1Y'),
          ],
        },
        { dates: { decided: '2026-11-20', winnerStarts: null } },
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.stepId)).toEqual(['thanks', 'anniversary']);
  });

  test('a step counting from a date the opportunity does not have is an unknown_anchor error', () => {
    const run = () => plan(withCadence({ steps: [step('x', 'kickoff', 'P1W')] }), { now: early });
    expect(run).toThrow(RunnerUpError);
    try {
      run();
    } catch (error) {
      expect((error as RunnerUpError).code).toBe('unknown_anchor');
      // Found when the pipeline is checked, as parsePipeline does: at the step's `from`.
      expect((error as RunnerUpError).path).toEqual([
        'opportunities',
        0,
        'cadence',
        'steps',
        0,
        'from',
      ]);
      expect((error as RunnerUpError).message).toContain('`kickoff`');
    }
  });

  test('uses the step action and renders its title', () => {
    const reminders = plan(
      withCadence({
        steps: [
          {
            id: 'call',
            from: 'decided',
            after: 'P3D',
            action: 'call',
            title: 'Call {contact.firstName}',
          },
        ],
      }),
      { now: early },
    );
    expect(reminders[0]).toMatchObject({ action: 'call', title: 'Call Dana', draft: null });
  });
});
