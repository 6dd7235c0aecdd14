/**
 * The horizon only decides how far ahead reminders are shown: what falls within a short horizon is
 * what a longer one shows there. Found in review: a touch recorded after the horizon's end (logged
 * ahead, or a horizon given as an early date) could complete a repeat that a longer horizon plans
 * and a shorter one does not, and so go to a different reminder, or decide a hand-over
 * differently.
 */
import { describe, expect, test } from 'vitest';
import { type PipelineInput, plan } from '../../src';

const NOW = '2026-01-25T00:00:00Z';

/** Weekly repeats from 2026-01-20; two unanswered touches hand over to `silver-medalist`. */
function pipeline(touches: string[], repeat: object = { every: 'P1W' }): PipelineInput {
  return {
    version: 1,
    owner: { name: 'Lynne', timezone: 'UTC' },
    cadences: {
      weekly: {
        steps: [{ id: 'a', action: 'email', from: 'decided', after: 'P0D', title: 'Write' }],
        repeat,
        rules: { maxUnanswered: 2, thenCadence: 'silver-medalist' },
      },
    },
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-01-20' },
        contacts: [{ name: 'Dana' }],
        cadence: 'weekly',
        touchpoints: touches.map((on) => ({ on, channel: 'email' as const })),
      },
    ],
  };
}

function within(input: PipelineInput, horizon: string, end: string) {
  return plan(input, { now: NOW, horizon })
    .filter((r) => r.local.date <= end)
    .map((r) => `${r.key} ${r.local.date} ${r.status}: ${r.why}`);
}

describe('touches after the horizon', () => {
  const touches = ['2026-01-29', '2026-07-26', '2026-07-27'];

  test('a short horizon shows what a longer one shows within it (every)', () => {
    const input = pipeline(touches);
    const short = within(input, '2026-01-30', '2026-01-30');
    expect(short).toEqual(within(input, '2026-07-26', '2026-01-30'));
    expect(short).toEqual(within(input, '2027-12-31', '2026-01-30'));
    // The touch of 07-27 completes a weekly repeat planned before the hand-over of 07-26, not
    // a step of the cadence handed over to. (That cadence's first step counts from `decided`, so
    // it would fall long before the hand-over: it is left out.)
    expect(short).toEqual([
      'o/a/1 2026-01-20 done: Planned on the day of decided (2026-01-20); done on 2026-01-29.',
    ]);
  });

  test('a short horizon shows what a longer one shows within it (RRULE)', () => {
    const input = pipeline(touches, { rrule: 'FREQ=WEEKLY' });
    const short = within(input, '2026-01-30', '2026-01-30');
    expect(short).toEqual(within(input, '2026-07-26', '2026-01-30'));
    expect(short).toEqual(within(input, '2027-12-31', '2026-01-30'));
  });

  test('an RRULE whose last step a touch moved past the horizon still sees the touches after it', () => {
    // The step is done on 01-03, after the horizon, so the rule starts there and nothing of it
    // falls within the horizon. That touch is the one unanswered touch allowed: the touch of
    // 01-04 comes after the hand-over and completes the first step of `silver-medalist` planned
    // after it, whatever the horizon (the rule's start, 01-03, is the step itself and no repeat).
    const input = pipeline(['2026-01-03', '2026-01-04'], { rrule: 'FREQ=WEEKLY' });
    input.opportunities![0]!.dates = { decided: '2026-01-01' };
    input.cadences!.weekly!.rules = {
      businessDays: false,
      maxUnanswered: 1,
      thenCadence: 'silver-medalist',
    };
    const now = '2026-01-01T12:00:00Z';
    const shown = (horizon: string) =>
      plan(input, { now, horizon })
        .filter((r) => r.local.date <= '2026-01-02')
        .map((r) => `${r.key} ${r.status}: ${r.why}`);
    expect(shown('2026-01-02')).toEqual([
      'o/a/1 done: Planned on the day of decided (2026-01-01); done on 2026-01-03; no reply to this touch (`maxUnanswered: 1`), so cadence `weekly` hands over to `silver-medalist`.',
    ]);
    expect(shown('2026-01-03')).toEqual(shown('2026-01-02'));
    expect(shown('2026-01-31')).toEqual(shown('2026-01-02'));
    // Its close-second call (1 business day after `decided`) would fall before the hand-over, so
    // the touch completes the step after it, which counts from the hand-over.
    const done = plan(input, { now, horizon: '2026-03-31' }).filter((r) => r.status === 'done');
    expect(done.map((r) => `${r.key} ${r.local.date}: ${r.why}`)).toEqual([
      'o/a/1 2026-01-01: Planned on the day of decided (2026-01-01); done on 2026-01-03; no reply to this touch (`maxUnanswered: 1`), so cadence `weekly` hands over to `silver-medalist`.',
      'o/silver-medalist.share-openings/1 2026-02-16: Planned 6 weeks after the hand-over from cadence `weekly` (2026-01-03); moved from Saturday 2026-02-14 to the next workday; done on 2026-01-04.',
    ]);
  });
});
