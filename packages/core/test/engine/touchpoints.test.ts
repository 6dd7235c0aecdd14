import { describe, expect, test } from 'vitest';
import { plan } from '../../src';
import { early, step, withCadence } from './fixtures';

const chain = {
  steps: [step('thanks', 'decided', { businessDays: 1 }), step('visible', 'previous', 'P3W')],
};

describe('touchpoints', () => {
  test('a touchpoint completes the pending step', () => {
    const reminders = plan(
      withCadence(chain, {
        touchpoints: [{ on: '2026-11-23', channel: 'email', with: 'Dana Lee' }],
      }),
      { now: '2026-11-24T15:00:00Z' },
    );
    const thanks = reminders.find((r) => r.stepId === 'thanks')!;
    expect(thanks.status).toBe('done');
    expect(thanks.why).toContain('done on 2026-11-23');
    expect(reminders.find((r) => r.stepId === 'visible')!.status).toBe('upcoming');
  });

  test('an outbound touch restarts the clock', () => {
    const before = plan(withCadence(chain), { now: early });
    expect(before.find((r) => r.stepId === 'visible')!.local.date).toBe('2026-12-14');
    // Thanked on the Wednesday instead of the Monday: the next step counts from the Wednesday.
    const after = plan(
      withCadence(chain, { touchpoints: [{ on: '2026-11-25', channel: 'email' }] }),
      { now: early },
    );
    const visible = after.find((r) => r.stepId === 'visible')!;
    expect(visible.local.date).toBe('2026-12-16');
    expect(visible.why).toContain('your touch on 2026-11-25 that completed the previous step');
  });

  test('without restartOnTouch the chain keeps its planned dates', () => {
    const reminders = plan(
      withCadence(
        { ...chain, rules: { restartOnTouch: false } },
        { touchpoints: [{ on: '2026-11-25', channel: 'email' }] },
      ),
      { now: early },
    );
    expect(reminders.find((r) => r.stepId === 'visible')!.local.date).toBe('2026-12-14');
  });

  test('a touch recorded from a reminder completes that exact reminder', () => {
    const reminders = plan(
      withCadence(chain, {
        touchpoints: [{ on: '2026-12-10', channel: 'linkedin', reminder: 'acme-pm/visible/1' }],
      }),
      { now: '2026-12-11T15:00:00Z' },
    );
    expect(reminders.find((r) => r.stepId === 'visible')!.status).toBe('done');
    // The thank-you was never sent: the explicit touch did not complete it.
    expect(reminders.find((r) => r.stepId === 'thanks')!.status).toBe('overdue');
  });

  test('a touch before the anchor does not complete the step', () => {
    const reminders = plan(
      withCadence(chain, { touchpoints: [{ on: '2026-11-10', channel: 'email' }] }),
      { now: early },
    );
    expect(reminders.every((r) => r.status === 'upcoming')).toBe(true);
  });

  test('a completed reminder keeps its key and its planned date', () => {
    const plain = plan(withCadence(chain), { now: early });
    const done = plan(
      withCadence(chain, { touchpoints: [{ on: '2026-12-01', channel: 'call' }] }),
      { now: early },
    );
    expect(done[0]!.key).toBe(plain[0]!.key);
    expect(done[0]!.local.date).toBe(plain[0]!.local.date);
  });

  test('`lastTouch` counts from the latest outbound touch since the decision', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('nudge', 'lastTouch', 'P2W')], rules: { stopOn: ['won'] } },
        {
          touchpoints: [
            // During the selection, before the decision (2026-11-20): not counted.
            { on: '2026-11-12', channel: 'email' },
            { on: '2026-11-23', channel: 'email' },
            { on: '2026-11-30', channel: 'call' },
            { on: '2026-12-02', channel: 'email', direction: 'in' },
          ],
        },
      ),
      { now: early },
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.local.date).toBe('2026-12-14');
    expect(reminders[0]!.why).toContain('after your last touch (2026-11-30)');
  });
});
