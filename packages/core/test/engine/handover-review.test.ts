/**
 * concepts.md: "Touches after the hand-over belong to the new cadence: they complete its steps, not
 * steps of the first cadence planned after the hand-over". A first step counting from `lastTouch`
 * still takes the latest touch of all, even one after the hand-over, as its anchor and uses it up:
 * that touch then completes nothing in the cadence handed over to. A later step counting from
 * `lastTouch` does the same with a touch that ticks a reminder of the cadence handed over to, so
 * ticking that reminder done removes a reminder of the first cadence. Each `test.fails` passes
 * once the bug is fixed.
 */
import { describe, expect, test } from 'vitest';
import { plan } from '../../src';

function pipeline(firstFrom: string) {
  return {
    version: 1 as const,
    owner: { name: 'Lynne', timezone: 'UTC' },
    cadences: {
      gentle: { steps: [{ id: 'hello', from: 'previous', after: 'P1W', title: 'Say hello' }] },
    },
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        cadence: {
          steps: [{ id: 'a', from: firstFrom, after: 'P1D', title: 'A' }],
          rules: { maxUnanswered: 1, thenCadence: 'gentle' },
        },
        // The first touch is unanswered: the cadence hands over to `gentle` on 2026-11-23.
        touchpoints: [
          { on: '2026-11-23', channel: 'email' as const },
          { on: '2026-12-01', channel: 'email' as const },
        ],
      },
    ],
  };
}
const now = '2026-12-02T12:00:00Z';
const hello = (from: string) =>
  plan(pipeline(from), { now }).find((r) => r.key === 'o/gentle.hello/1');

describe('a touch after the hand-over', () => {
  test('completes the step handed over to when the first step counts from decided (holds)', () => {
    expect([hello('decided')?.status, hello('decided')?.why]).toEqual([
      'done',
      expect.stringContaining('done on 2026-12-01'),
    ]);
  });

  test('completes it too when the first step counts from lastTouch', () => {
    // Actual: gentle.hello/1 stays overdue; the 2026-12-01 touch became step `a`'s anchor.
    expect(hello('lastTouch')?.status).toBe('done');
  });
});

describe('ticking a reminder of the cadence handed over to', () => {
  const pipeline = (extra: object[]) => ({
    version: 1 as const,
    owner: { name: 'Lynne', timezone: 'UTC' },
    cadences: {
      gentle: { steps: [{ id: 'hello', from: 'previous', after: 'P1W', title: 'Say hello' }] },
    },
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        cadence: {
          steps: [
            { id: 'a', from: 'decided', after: 'P1M', title: 'A' },
            { id: 'b', from: 'lastTouch', after: 'P0D', title: 'B' },
          ],
          rules: { maxUnanswered: 1, thenCadence: 'gentle', restartOnTouch: false },
        },
        // Unanswered: the cadence hands over on 2026-11-23; b is planned on that touch's day.
        touchpoints: [{ on: '2026-11-23', channel: 'email' }, ...extra],
      },
    ],
  });
  const now = '2026-12-01T12:00:00Z';

  test('on its day changes no other reminder', () => {
    const before = plan(pipeline([]) as never, { now });
    // o/b/1 2026-11-23 overdue, o/gentle.hello/1 2026-11-30 overdue, o/a/1 done.
    expect(before.map((r) => r.key)).toContain('o/b/1');
    const after = plan(
      pipeline([{ on: '2026-11-30', channel: 'email', reminder: 'o/gentle.hello/1' }]) as never,
      { now },
    );
    expect(after.find((r) => r.key === 'o/gentle.hello/1')?.status).toBe('done');
    // Actual: o/b/1 is gone, re-anchored on the tick (2026-11-30, after the hand-over).
    const others = (list: typeof before) =>
      list.filter((r) => r.key !== 'o/gentle.hello/1').map((r) => [r.key, r.local.date, r.status]);
    expect(others(after)).toEqual(others(before));
  });
});
