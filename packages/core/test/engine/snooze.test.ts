import { describe, expect, test } from 'vitest';
import { plan } from '../../src';
import { early, step, withCadence } from './fixtures';

const cadence = {
  steps: [step('thanks', 'decided', { businessDays: 1 }), step('visible', 'previous', 'P3W')],
};

describe('snoozedUntil', () => {
  test('moves a reminder to the snooze date and says so', () => {
    const reminders = plan(withCadence(cadence, { snoozedUntil: '2026-12-01' }), { now: early });
    expect(reminders[0]!.local.date).toBe('2026-12-01');
    expect(reminders[0]!.why).toContain('snoozed from 2026-11-23 until 2026-12-01');
  });

  test('steps counting from a snoozed step count from its new date', () => {
    const reminders = plan(withCadence(cadence, { snoozedUntil: '2026-12-01' }), { now: early });
    expect(reminders[1]!.local.date).toBe('2026-12-22');
  });

  test('a snooze ending on a weekend moves on to the next workday', () => {
    const reminders = plan(withCadence(cadence, { snoozedUntil: '2026-11-28' }), { now: early });
    expect(reminders[0]!.local.date).toBe('2026-11-30');
  });

  test('leaves reminders after the snooze date where they were', () => {
    const reminders = plan(withCadence(cadence, { snoozedUntil: '2026-11-22' }), { now: early });
    expect(reminders[0]!.local.date).toBe('2026-11-23');
    expect(reminders[0]!.why).not.toContain('snoozed');
  });

  test('a step done before the snooze stays where it was planned', () => {
    // Thanks falls on Monday 2026-11-23 and is done that day; the snooze came later.
    const reminders = plan(
      withCadence(cadence, {
        snoozedUntil: '2027-01-04',
        touchpoints: [{ on: '2026-11-23', channel: 'email' }],
      }),
      { now: '2026-12-01T15:00:00Z' },
    );
    const thanks = reminders.find((r) => r.stepId === 'thanks')!;
    expect(thanks.status).toBe('done');
    expect(thanks.local.date).toBe('2026-11-23');
    expect(thanks.why).toBe(
      'Planned 1 business day after decided (2026-11-20); done on 2026-11-23.',
    );
    // What is still to do is snoozed: three weeks after the touch falls on 2026-12-14.
    const visible = reminders.find((r) => r.stepId === 'visible')!;
    expect(visible.status).toBe('upcoming');
    expect(visible.local.date).toBe('2027-01-04');
    expect(visible.why).toContain('snoozed from 2026-12-14 until 2027-01-04');
  });

  test('a reminder skipped by a reply stays where it was planned', () => {
    const reminders = plan(
      withCadence(cadence, {
        snoozedUntil: '2027-01-04',
        touchpoints: [{ on: '2026-11-25', channel: 'email', direction: 'in' }],
      }),
      { now: '2026-12-01T15:00:00Z' },
    );
    expect(reminders.map((r) => [r.stepId, r.status, r.local.date])).toEqual([
      ['thanks', 'skipped', '2026-11-23'],
    ]);
    expect(reminders[0]!.why).toBe(
      'Planned 1 business day after decided (2026-11-20); skipped: they replied on 2026-11-25.',
    );
  });

  test('without restartOnTouch, the next step counts from the date the done step shows', () => {
    const reminders = plan(
      withCadence(
        { ...cadence, rules: { restartOnTouch: false } },
        { snoozedUntil: '2026-12-01', touchpoints: [{ on: '2026-11-24', channel: 'email' }] },
      ),
      { now: '2026-12-01T15:00:00Z' },
    );
    const [thanks, visible] = reminders;
    expect([thanks!.status, thanks!.local.date]).toEqual(['done', '2026-11-23']);
    expect(visible!.local.date).toBe('2026-12-14');
    expect(visible!.why).toContain('after the previous step (2026-11-23)');
  });

  test('a step done after the snooze ended stays on the snoozed date', () => {
    const reminders = plan(
      withCadence(cadence, {
        snoozedUntil: '2026-12-01',
        touchpoints: [{ on: '2026-12-01', channel: 'email' }],
      }),
      { now: '2026-12-02T15:00:00Z' },
    );
    const thanks = reminders.find((r) => r.stepId === 'thanks')!;
    expect([thanks.status, thanks.local.date]).toEqual(['done', '2026-12-01']);
    expect(thanks.why).toContain('snoozed from 2026-11-23 until 2026-12-01; done on 2026-12-01');
  });

  test('reminders of one step snoozed onto one day are shown once', () => {
    // Monthly from a thank-you done on 2026-09-08; snoozed until 2027-01-15, which the repeats of
    // October to January would all fall on.
    const monthly = {
      steps: [step('hello', 'decided', 'P1W')],
      repeat: { every: 'P1M' },
    };
    const reminders = plan(
      withCadence(monthly, {
        dates: { decided: '2026-09-01' },
        snoozedUntil: '2027-01-15',
        touchpoints: [{ on: '2026-09-08', channel: 'email' }],
      }),
      { now: '2026-11-30T15:00:00Z', horizon: '2027-03-31' },
    );
    expect(reminders.map((r) => [r.key, r.local.date, r.status])).toEqual([
      ['acme-pm/hello/1', '2026-09-08', 'done'],
      ['acme-pm/hello/5', '2027-01-15', 'upcoming'],
      ['acme-pm/hello/6', '2027-02-08', 'upcoming'],
      ['acme-pm/hello/7', '2027-03-08', 'upcoming'],
    ]);
    expect(reminders[1]!.why).toBe(
      'Planned as repeat 4 of every 1 month after the last step (2026-09-08); snoozed from 2027-01-08 until 2027-01-15; the 3 reminders of this step before it, snoozed to the same day, are left out.',
    );
    // Ticking the one kept done leaves the day clear: none of those it stood for comes back.
    const ticked = plan(
      withCadence(monthly, {
        dates: { decided: '2026-09-01' },
        snoozedUntil: '2027-01-15',
        touchpoints: [
          { on: '2026-09-08', channel: 'email' },
          { on: '2027-01-15', channel: 'email', reminder: 'acme-pm/hello/5' },
        ],
      }),
      { now: '2027-01-16T15:00:00Z', horizon: '2027-03-31' },
    );
    expect(ticked.map((r) => [r.key, r.status])).toEqual([
      ['acme-pm/hello/1', 'done'],
      ['acme-pm/hello/5', 'done'],
      ['acme-pm/hello/6', 'upcoming'],
      ['acme-pm/hello/7', 'upcoming'],
    ]);
  });
});
