import { describe, expect, test } from 'vitest';
import { plan } from '../../src';
import { early, step, withCadence } from './fixtures';

const newYork = { timezone: 'America/New_York', at: '02:30' };

describe('daylight saving time', () => {
  test('a 02:30 reminder on a spring-forward day in America/New_York falls at 03:30 EDT', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('spring', 'decided', 'P0D')], rules: { businessDays: false } },
        { dates: { decided: '2026-03-08' } },
        newYork,
      ),
      { now: early },
    );
    expect(reminders[0]!.due).toBe('2026-03-08T07:30:00.000Z');
    expect(reminders[0]!.local).toEqual({
      date: '2026-03-08',
      time: '03:30',
      timezone: 'America/New_York',
    });
    // The why says why it is not at the owner's 02:30 (regression: it said nothing of the move).
    expect(reminders[0]!.why).toBe(
      'Planned on the day of decided (2026-03-08); 02:30 does not exist on 2026-03-08 in America/New_York (the clocks go forward), so it falls at 03:30.',
    );
  });

  test('a day a zone skipped whole (Pacific/Apia, 2011-12-30) puts its reminder on the next day', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('dateline', 'decided', 'P10D')], rules: { businessDays: false } },
        { dates: { decided: '2011-12-20' } },
        { timezone: 'Pacific/Apia', at: '09:00' },
      ),
      { now: early },
    );
    // Samoa moved from UTC-10 to UTC+14 at the end of 2011-12-29: 09:00 on the 31st is 19:00 UTC
    // on the 30th, 24 hours after 09:00 on the 30th would have been.
    expect(reminders[0]!.due).toBe('2011-12-30T19:00:00.000Z');
    expect(reminders[0]!.local).toEqual({
      date: '2011-12-31',
      time: '09:00',
      timezone: 'Pacific/Apia',
    });
    expect(reminders[0]!.why).toBe(
      'Planned 10 days after decided (2011-12-20); 09:00 does not exist on 2011-12-30 in Pacific/Apia (the clocks go forward), so it falls at 09:00 on 2011-12-31.',
    );
  });

  test('a repeated wall time on a fall-back day takes the first instant', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('fall', 'decided', 'P0D')], rules: { businessDays: false } },
        { dates: { decided: '2026-11-01' } },
        { timezone: 'America/New_York', at: '01:30' },
      ),
      { now: early },
    );
    expect(reminders[0]!.due).toBe('2026-11-01T05:30:00.000Z');
    // No move: its why says nothing of one.
    expect(reminders[0]!.why).toBe('Planned on the day of decided (2026-11-01).');
  });

  test('a series across a DST change keeps its wall-clock time', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('weekly', 'decided', 'P0D')], repeat: { every: 'P1W', count: 1 } },
        { dates: { decided: '2027-03-10' } },
        { timezone: 'America/New_York', at: '09:00' },
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.due)).toEqual([
      '2027-03-10T14:00:00.000Z',
      '2027-03-17T13:00:00.000Z',
    ]);
  });
});
