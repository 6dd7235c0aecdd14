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
});
