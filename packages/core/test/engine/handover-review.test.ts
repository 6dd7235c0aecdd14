/**
 * concepts.md: "Touches after the hand-over belong to the new cadence: they complete its steps, not
 * steps of the first cadence planned after the hand-over, and a `lastTouch` step of the first
 * cadence does not count from them". Found in review: a first step counting from `lastTouch` took
 * the latest touch of all as its anchor, even one after the hand-over, so that touch completed
 * nothing in the cadence handed over to; a later `lastTouch` step re-anchored on a tick of the new
 * cadence's reminder, so ticking it removed a reminder of the first cadence.
 */
import { describe, expect, test } from 'vitest';
import { plan } from '../../src';

/** An opportunity whose inline `cadence` hands over to `gentle` (hello, a week after it). */
function handingOver(cadence: object, touchpoints: object[]) {
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
        cadence,
        touchpoints,
      },
    ],
  } as never;
}

// The first touch is unanswered: the cadence hands over to `gentle` on 2026-11-23.
const pipeline = (firstFrom: string) =>
  handingOver(
    {
      steps: [{ id: 'a', from: firstFrom, after: 'P1D', title: 'A' }],
      rules: { maxUnanswered: 1, thenCadence: 'gentle' },
    },
    [
      { on: '2026-11-23', channel: 'email' },
      { on: '2026-12-01', channel: 'email' },
    ],
  );
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
    expect(hello('lastTouch')?.status).toBe('done');
  });
});

describe('ticking a reminder of the cadence handed over to', () => {
  // Unanswered: the cadence hands over on 2026-11-23; b is planned on that touch's day.
  const pipeline = (extra: object[]) =>
    handingOver(
      {
        steps: [
          { id: 'a', from: 'decided', after: 'P1M', title: 'A' },
          { id: 'b', from: 'lastTouch', after: 'P0D', title: 'B' },
        ],
        rules: { maxUnanswered: 1, thenCadence: 'gentle', restartOnTouch: false },
      },
      [{ on: '2026-11-23', channel: 'email' }, ...extra],
    );
  const now = '2026-12-01T12:00:00Z';

  test('on its day changes no other reminder', () => {
    const before = plan(pipeline([]), { now });
    // o/b/1 2026-11-23 overdue, o/gentle.hello/1 2026-11-30 overdue, o/a/1 done.
    expect(before.map((r) => r.key)).toContain('o/b/1');
    const after = plan(
      pipeline([{ on: '2026-11-30', channel: 'email', reminder: 'o/gentle.hello/1' }]),
      { now },
    );
    expect(after.find((r) => r.key === 'o/gentle.hello/1')?.status).toBe('done');
    const others = (list: typeof before) =>
      list.filter((r) => r.key !== 'o/gentle.hello/1').map((r) => [r.key, r.local.date, r.status]);
    expect(others(after)).toEqual(others(before));
  });
});
