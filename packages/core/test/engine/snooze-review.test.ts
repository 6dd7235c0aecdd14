/**
 * Bugs in the snooze rules of concepts.md ("A reminder finished before the snooze ended (done by a
 * touch, or skipped by a reply) stays on the date it had before the snooze, and `previous` counts
 * from that date"; "only the latest is kept"). Each `test.fails` is a bug still open; it passes
 * once the bug is fixed.
 */
import { describe, expect, test } from 'vitest';
import { plan } from '../../src';

const owner = { name: 'Lynne', timezone: 'UTC', at: '09:30' };

describe('snooze and reply', () => {
  // The default `runner-up` cadence: thank-you 2026-11-23, stay-visible three weeks after it
  // (2026-12-14). They reply on 2026-12-20, so both are skipped. A snooze that ends after the
  // reply (2027-01-04) changes nothing: thank-you is shown on 2026-11-23 as before, and
  // stay-visible counts from that date. It used to count from the snoozed date of thank-you
  // (2027-01-04), land after the reply and disappear from the plan (a sink cancelled it).
  const pipeline = (snoozedUntil?: string) => ({
    version: 1 as const,
    owner,
    opportunities: [
      {
        id: 'acme-pm',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        touchpoints: [{ on: '2026-12-20', channel: 'email' as const, direction: 'in' as const }],
        ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
      },
    ],
  });
  const now = '2026-12-21T12:00:00Z';

  test('without the snooze, both steps before the reply are skipped (holds)', () => {
    expect(plan(pipeline(), { now }).map((r) => [r.key, r.local.date, r.status])).toEqual([
      ['acme-pm/thank-you/1', '2026-11-23', 'skipped'],
      ['acme-pm/stay-visible/1', '2026-12-14', 'skipped'],
    ]);
  });

  test('a snooze ending after the reply keeps the second skipped step', () => {
    expect(
      plan(pipeline('2027-01-04'), { now }).map((r) => [r.key, r.local.date, r.status]),
    ).toEqual([
      ['acme-pm/thank-you/1', '2026-11-23', 'skipped'],
      ['acme-pm/stay-visible/1', '2026-12-14', 'skipped'],
    ]);
  });
});

describe('reminders of one step collapsed onto the snooze day', () => {
  // Monthly from a hello done on 2026-09-08, snoozed until 2027-01-15: repeats 2 to 5 fall on
  // 2027-01-15 and only hello/5 is shown there (as the engine test in snooze.test.ts pins).
  const monthly = {
    steps: [{ id: 'hello', from: 'decided', after: 'P1W', title: 'Say hello' }],
    repeat: { every: 'P1M' },
    rules: { businessDays: false },
  };
  const pipeline = (touchpoints: object[]) => ({
    version: 1 as const,
    owner,
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-09-01' },
        cadence: monthly,
        snoozedUntil: '2027-01-15',
        touchpoints: [{ on: '2026-09-08', channel: 'email' }, ...touchpoints],
      },
    ],
  });
  const options = { now: '2027-01-16T12:00:00Z', horizon: '2027-03-31' };

  test('before any touch, one reminder is shown on the snooze day (holds)', () => {
    const onDay = plan(pipeline([]) as never, options).filter((r) => r.local.date === '2027-01-15');
    expect(onDay.map((r) => [r.key, r.status])).toEqual([['o/hello/5', 'overdue']]);
  });

  // A touch without `reminder:` (what `runner-up log` writes) on that day completes hello/2, one of
  // the reminders left out, and the reminder that was shown stays overdue on the same day.
  test.fails('a touch on the snooze day leaves nothing of that step overdue on it', () => {
    const onDay = plan(pipeline([{ on: '2027-01-15', channel: 'email' }]) as never, options).filter(
      (r) => r.local.date === '2027-01-15',
    );
    expect(onDay.filter((r) => r.status !== 'done').map((r) => r.key)).toEqual([]);
  });

  // Ticking the reminder shown (hello/5) done with a touch dated while the snooze held makes
  // hello/4, left out until then, appear on the snooze day.
  test.fails('ticking the reminder shown brings back none of those it stood for', () => {
    const before = plan(pipeline([]) as never, options).map((r) => r.key);
    const after = plan(
      pipeline([{ on: '2027-01-10', channel: 'email', reminder: 'o/hello/5' }]) as never,
      options,
    ).map((r) => r.key);
    expect(after.filter((key) => !before.includes(key))).toEqual([]);
  });
});
