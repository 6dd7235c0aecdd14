/**
 * Bugs in the snooze rules of concepts.md ("A reminder finished before the snooze ended (done by a
 * touch, or skipped by a reply) stays on the date it had before the snooze, and `previous` counts
 * from that date"; "only the latest is kept"). Found in review; each was a `test.fails` until its
 * fix.
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

describe('snooze, reply and horizon', () => {
  // Quarterly from 2026-01-01, snoozed until 2026-07-03; they replied on the day after the decision and
  // the touch on 2026-07-03 completes repeat 1 (2026-04-01). The reply came while the snooze
  // held, so the cadence is planned as if there were no snooze, whatever the horizon. With a
  // horizon ending before repeat 2, the snooze used to move only a done reminder, which did not
  // count as moving anything, and repeat 1 was shown done on the snooze day, past the horizon.
  const pipeline = {
    version: 1 as const,
    owner,
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-01-01' },
        snoozedUntil: '2026-07-03',
        cadence: 'quarterly',
        touchpoints: [
          { on: '2026-01-01', channel: 'email' as const },
          { on: '2026-01-02', channel: 'email' as const, direction: 'in' as const },
          { on: '2026-07-03', channel: 'email' as const },
        ],
      },
    ],
  };
  const rows = (horizon: string) =>
    plan(pipeline, { now: '2026-01-01T00:00:00Z', horizon })
      .filter((r) => r.local.date <= '2026-04-02')
      .map((r) => [r.key, r.local.date, r.status]);

  test('a longer horizon changes nothing before the shorter one ends', () => {
    expect(rows('2026-04-02')).toEqual([
      ['o/check-in/1', '2026-04-01', 'done'],
      ['o/check-in/2', '2026-04-01', 'done'],
    ]);
    expect(rows('2026-07-01')).toEqual(rows('2026-04-02'));
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
  const pipeline = (touchpoints: object[], cadence: object = monthly) => ({
    version: 1 as const,
    owner,
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-09-01' },
        cadence,
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

  // A touch without `reminder:` (what `runner-up log` writes) on that day used to complete hello/2,
  // one of the reminders left out, and the reminder shown stayed overdue on the same day.
  test('a touch on the snooze day leaves nothing of that step overdue on it', () => {
    const onDay = plan(pipeline([{ on: '2027-01-15', channel: 'email' }]) as never, options).filter(
      (r) => r.local.date === '2027-01-15',
    );
    expect(onDay.filter((r) => r.status !== 'done').map((r) => r.key)).toEqual([]);
  });

  // Ticking the reminder shown (hello/5) done with a touch dated while the snooze held used to make
  // hello/4, left out until then, appear on the snooze day.
  test('ticking the reminder shown brings back none of those it stood for', () => {
    const before = plan(pipeline([]) as never, options).map((r) => r.key);
    const after = plan(
      pipeline([{ on: '2027-01-10', channel: 'email', reminder: 'o/hello/5' }]) as never,
      options,
    ).map((r) => r.key);
    expect(after.filter((key) => !before.includes(key))).toEqual([]);
  });

  const rows = (touchpoints: object[]) =>
    plan(pipeline(touchpoints) as never, options)
      .filter((r) => r.local.date < '2027-02-01')
      .map((r) => [r.key, r.local.date, r.status]);

  test('a touch in the period of a reminder left out completes it, on its own date', () => {
    // hello/3 was due 2026-11-08 and hello/4 2026-12-08: a touch on 2026-11-20 is hello/3's.
    const reminders = plan(pipeline([{ on: '2026-11-20', channel: 'email' }]) as never, options);
    expect(
      reminders
        .filter((r) => r.local.date < '2027-02-01')
        .map((r) => [r.key, r.local.date, r.status]),
    ).toEqual([
      ['o/hello/1', '2026-09-08', 'done'],
      ['o/hello/3', '2026-11-08', 'done'],
      ['o/hello/5', '2027-01-15', 'overdue'],
    ]);
    // hello/2 and hello/4 are left out, and the one kept says so.
    expect(reminders.find((r) => r.key === 'o/hello/5')?.why).toContain(
      'the 2 reminders of this step before it, snoozed to the same day, are left out',
    );
  });

  test('a touch after every period of those left out goes to the one kept', () => {
    // After hello/5's own date (2027-01-08), while the snooze still holds: hello/5 is done and
    // shows that date; nothing is left on the snooze day.
    expect(rows([{ on: '2027-01-12', channel: 'email' }])).toEqual([
      ['o/hello/1', '2026-09-08', 'done'],
      ['o/hello/5', '2027-01-08', 'done'],
    ]);
  });

  test('an RRULE repeat folds and takes touches the same way', () => {
    const rrule = { ...monthly, repeat: { rrule: 'FREQ=MONTHLY' } };
    const touches = [{ on: '2026-11-20', channel: 'email' }];
    const keys = (cadence?: object) =>
      plan(pipeline(touches, cadence) as never, options).map((r) => [
        r.key,
        r.local.date,
        r.status,
      ]);
    expect(keys(rrule)).toEqual(keys());
  });
});
