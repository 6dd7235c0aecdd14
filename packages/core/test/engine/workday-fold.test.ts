import { describe, expect, test } from 'vitest';
import { type CadenceInput, plan } from '../../src';
import { step, withCadence } from './fixtures';

const NOW = '2026-11-20T12:00:00Z';

/**
 * One step a day after the decision (Friday 2026-11-20), so on Monday 11-23 after the weekend,
 * then repeated daily from there: Tue 24 … Fri 27, Sat 28, Sun 29, Mon 30.
 */
function daily(repeat: CadenceInput['repeat'] = { every: 'P1D', count: 7 }): CadenceInput {
  return { steps: [{ ...step('ping', 'decided', 'P1D'), action: 'email' }], repeat };
}

/** A touch each workday of that week, which completes the step and its first four repeats. */
const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const touches = (...days: string[]) =>
  [...week, ...days].map((on) => ({ on, channel: 'email' as const, with: 'Dana Lee' }));

function rows(reminders: ReturnType<typeof plan>) {
  return reminders.map((r) => `${r.key} ${r.local.date} ${r.local.time} ${r.status}`);
}

describe('repeats a move to a workday lands on one day', () => {
  test('a daily repeat over a weekend gives one reminder on the Monday, not three', () => {
    const reminders = plan(withCadence(daily()), { now: NOW });
    expect(rows(reminders)).toEqual([
      'acme-pm/ping/1 2026-11-23 09:30 upcoming',
      'acme-pm/ping/2 2026-11-24 09:30 upcoming',
      'acme-pm/ping/3 2026-11-25 09:30 upcoming',
      'acme-pm/ping/4 2026-11-26 09:30 upcoming',
      'acme-pm/ping/5 2026-11-27 09:30 upcoming',
      // Saturday's (6) and Sunday's (7) repeats are left out: Monday's own stands for them, and
      // keeps its key.
      'acme-pm/ping/8 2026-11-30 09:30 upcoming',
    ]);
    expect(reminders.at(-1)!.why).toBe(
      'Planned as repeat 7 of every 1 day after the last step (2026-11-23); the 2 reminders of this step before it, moved to the same workday, are left out.',
    );
  });

  test('a repeat whose move lands on the last one stands alone when nothing follows it', () => {
    // Six repeats end on Sunday: Saturday's folds into Sunday's, which is shown, moved, on Monday.
    const reminders = plan(withCadence(daily({ every: 'P1D', count: 6 })), { now: NOW });
    expect(rows(reminders).slice(-2)).toEqual([
      'acme-pm/ping/5 2026-11-27 09:30 upcoming',
      'acme-pm/ping/7 2026-11-30 09:30 upcoming',
    ]);
    expect(reminders.at(-1)!.why).toBe(
      'Planned as repeat 6 of every 1 day after the last step (2026-11-23); moved from Sunday 2026-11-29 to the next workday; the reminder of this step before it, moved to the same workday, is left out.',
    );
  });

  test('a touch during the weekend completes the weekend repeat it falls in', () => {
    const reminders = plan(withCadence(daily(), { touchpoints: touches('2026-11-28') }), {
      now: '2026-11-30T12:00:00Z',
    });
    const tail = rows(reminders).slice(-3);
    // Saturday's repeat is done by the Saturday touch; Sunday's is left out; Monday's stays.
    expect(tail).toEqual([
      'acme-pm/ping/5 2026-11-27 09:30 done',
      'acme-pm/ping/6 2026-11-30 09:30 done',
      'acme-pm/ping/8 2026-11-30 09:30 due',
    ]);
    expect(reminders.at(-1)!.why).toContain(
      'the reminder of this step before it, moved to the same workday, is left out',
    );
  });

  test('a touch on the Monday completes the repeat that is kept, not one left out', () => {
    const reminders = plan(withCadence(daily(), { touchpoints: touches('2026-11-30') }), {
      now: '2026-11-30T20:00:00Z',
    });
    expect(rows(reminders).slice(-2)).toEqual([
      'acme-pm/ping/5 2026-11-27 09:30 done',
      'acme-pm/ping/8 2026-11-30 09:30 done',
    ]);
    expect(reminders.map((r) => r.key)).not.toContain('acme-pm/ping/6');
    expect(reminders.map((r) => r.key)).not.toContain('acme-pm/ping/7');
  });

  test('repeats a holiday and a weekend move onto one day fold too', () => {
    // Every other day from Wed 2026-12-23: Fri 25 (Christmas) and Sun 27 both move to Mon 28.
    const cadence: CadenceInput = {
      steps: [{ ...step('ping', 'decided', 'P0D'), action: 'email' }],
      repeat: { every: 'P2D', count: 3 },
    };
    const reminders = plan(withCadence(cadence, { dates: { decided: '2026-12-23' } }), {
      now: NOW,
    });
    expect(rows(reminders)).toEqual([
      'acme-pm/ping/1 2026-12-23 09:30 upcoming',
      'acme-pm/ping/3 2026-12-28 09:30 upcoming',
      'acme-pm/ping/4 2026-12-29 09:30 upcoming',
    ]);
    expect(reminders[1]!.why).toBe(
      'Planned as repeat 2 of every 2 days after the last step (2026-12-23); moved from Sunday 2026-12-27 to the next workday; the reminder of this step before it, moved to the same workday, is left out.',
    );
  });

  test('without business days every repeat keeps its own day', () => {
    const cadence: CadenceInput = { ...daily(), rules: { businessDays: false } };
    const reminders = plan(withCadence(cadence), { now: NOW });
    expect(reminders.map((r) => r.local.date)).toEqual([
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
  });

  test('two times a day that no move brought together both stay', () => {
    const cadence = daily({ rrule: 'FREQ=DAILY;BYHOUR=9,15;BYMINUTE=0', count: 4 });
    const reminders = plan(withCadence(cadence), { now: NOW });
    expect(rows(reminders)).toEqual([
      'acme-pm/ping/1 2026-11-23 09:30 upcoming',
      'acme-pm/ping/2 2026-11-23 15:00 upcoming',
      'acme-pm/ping/3 2026-11-24 09:00 upcoming',
      'acme-pm/ping/4 2026-11-24 15:00 upcoming',
      'acme-pm/ping/5 2026-11-25 09:00 upcoming',
    ]);
  });
});

describe('a snooze and a move to a workday in one run', () => {
  test('the why says both when some were snoozed and some moved to the workday', () => {
    // Snoozed until Saturday 11-28: repeats due 11-24 … 11-27 are snoozed there, and then to
    // Monday; Saturday's and Sunday's own repeats move to Monday too.
    const reminders = plan(
      withCadence(daily({ every: 'P1D', count: 9 }), {
        snoozedUntil: '2026-11-28',
        touchpoints: [{ on: '2026-11-23', channel: 'email', with: 'Dana Lee' }],
      }),
      { now: NOW },
    );
    const kept = reminders.find((r) => r.key === 'acme-pm/ping/8')!;
    expect(kept.local.date).toBe('2026-11-30');
    expect(kept.why).toContain(
      'the 6 reminders of this step before it, snoozed or moved to the same day, are left out',
    );
  });
});
