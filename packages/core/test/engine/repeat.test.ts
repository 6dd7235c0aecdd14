import { describe, expect, test } from 'vitest';
import { plan, RunnerUpError } from '../../src';
import { early, step, withCadence } from './fixtures';

const localDates = (reminders: { local: { date: string } }[]) => reminders.map((r) => r.local.date);

describe('repeat', () => {
  test('Jan 31 + every P3M lands on Apr 30, Jul 31 and Oct 31', () => {
    const reminders = plan(
      withCadence(
        {
          steps: [step('start', 'decided', 'P0D')],
          repeat: { every: 'P3M', count: 3 },
          rules: { businessDays: false },
        },
        { dates: { decided: '2027-01-31' } },
      ),
      { now: early },
    );
    expect(localDates(reminders)).toEqual(['2027-01-31', '2027-04-30', '2027-07-31', '2027-10-31']);
    expect(reminders.map((r) => r.key)).toEqual([
      'acme-pm/start/1',
      'acme-pm/start/2',
      'acme-pm/start/3',
      'acme-pm/start/4',
    ]);
  });

  test('a business-day shift of one repeat does not drift the series', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('start', 'decided', 'P0D')], repeat: { every: 'P1W', count: 3 } },
        { dates: { decided: '2026-12-18' } },
      ),
      { now: early },
    );
    // Fri 25 Dec moves to Mon 28; the next repeat is still Fri 1 Jan + holiday → Mon 4 Jan, then Fri 8.
    expect(localDates(reminders)).toEqual(['2026-12-18', '2026-12-28', '2027-01-04', '2027-01-08']);
  });

  test('stops at an `until` date', () => {
    const reminders = plan(
      withCadence({
        steps: [step('start', 'decided', 'P0D')],
        repeat: { every: 'P1M', until: '2027-02-20' },
      }),
      { now: early },
    );
    expect(localDates(reminders)).toEqual(['2026-11-20', '2026-12-21', '2027-01-20', '2027-02-22']);
  });

  test('stops at an `until` duration after the last step', () => {
    const reminders = plan(
      withCadence({
        steps: [step('start', 'decided', 'P0D')],
        repeat: { every: 'P3M', until: 'P1Y' },
        rules: { businessDays: false },
      }),
      { now: early },
    );
    expect(localDates(reminders)).toEqual([
      '2026-11-20',
      '2027-02-20',
      '2027-05-20',
      '2027-08-20',
      '2027-11-20',
    ]);
  });

  test('is always bounded by the horizon', () => {
    const reminders = plan(
      withCadence({ steps: [step('start', 'decided', 'P0D')], repeat: { every: 'P1M' } }),
      { now: '2026-11-20T12:00:00Z', horizon: 'P6M' },
    );
    expect(reminders).toHaveLength(7);
    expect(reminders.at(-1)!.local.date <= '2027-05-20').toBe(true);
    const longer = plan(
      withCadence({ steps: [step('start', 'decided', 'P0D')], repeat: { every: 'P1M' } }),
      { now: '2026-11-20T12:00:00Z' },
    );
    expect(longer).toHaveLength(25);
  });

  test('expands an RRULE from the last step with RFC 5545 semantics', () => {
    const reminders = plan(
      withCadence({
        steps: [step('start', 'decided', 'P0D')],
        repeat: { rrule: 'FREQ=MONTHLY;BYDAY=3MO', count: 3 },
      }),
      { now: early },
    );
    // Third Mondays after Fri 20 Nov 2026: 21 Dec, 18 Jan, 15 Feb.
    expect(localDates(reminders)).toEqual(['2026-11-20', '2026-12-21', '2027-01-18', '2027-02-15']);
    expect(reminders[1]!.why).toContain('repeat 1 of the rule FREQ=MONTHLY;BYDAY=3MO');
    expect(reminders[1]!.key).toBe('acme-pm/start/2');
  });

  test('an RRULE series stops at `until` and the horizon', () => {
    const reminders = plan(
      withCadence({
        steps: [step('start', 'decided', 'P0D')],
        repeat: { rrule: 'FREQ=WEEKLY;BYDAY=MO', until: '2026-12-15' },
      }),
      { now: early },
    );
    expect(localDates(reminders)).toEqual([
      '2026-11-20',
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
    ]);
  });

  test('an invalid RRULE is an invalid_rrule error', () => {
    expect(() =>
      plan(
        withCadence({
          steps: [step('start', 'decided', 'P0D')],
          repeat: { rrule: 'FREQ=SOMETIMES' },
        }),
        { now: early },
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_rrule' }));
  });

  test('an interval shorter than a day is rejected instead of looping', () => {
    expect(() =>
      plan(withCadence({ steps: [step('start', 'decided', 'P0D')], repeat: { every: 'PT1H' } }), {
        now: early,
      }),
    ).toThrow(RunnerUpError);
  });
});
