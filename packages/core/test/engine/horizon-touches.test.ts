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
    // a step of the cadence handed over to.
    expect(short).toEqual([
      'o/a/1 2026-01-20 done: Planned 0 days after decided (2026-01-20); done on 2026-01-29.',
    ]);
  });

  test('a short horizon shows what a longer one shows within it (RRULE)', () => {
    const input = pipeline(touches, { rrule: 'FREQ=WEEKLY' });
    const short = within(input, '2026-01-30', '2026-01-30');
    expect(short).toEqual(within(input, '2026-07-26', '2026-01-30'));
    expect(short).toEqual(within(input, '2027-12-31', '2026-01-30'));
  });
});
