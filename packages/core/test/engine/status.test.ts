import { describe, expect, test } from 'vitest';
import { plan } from '../../src';
import { step, withCadence } from './fixtures';

const cadence = {
  steps: [
    step('a', 'decided', 'P3D'), // Mon 23 Nov
    step('b', 'decided', 'P4D'), // Tue 24 Nov
    step('c', 'decided', 'P5D'), // Wed 25 Nov
  ],
};

describe('status at a pinned now', () => {
  test("classifies overdue, due and upcoming by the owner's date", () => {
    const reminders = plan(withCadence(cadence), { now: '2026-11-24T16:00:00Z' });
    expect(reminders.map((r) => [r.stepId, r.status])).toEqual([
      ['a', 'overdue'],
      ['b', 'due'],
      ['c', 'upcoming'],
    ]);
  });

  test("uses the owner's zone, not UTC, to decide what today is", () => {
    // 05:30Z on 24 Nov is 23:30 on 23 Nov in Chicago.
    const reminders = plan(withCadence(cadence), { now: '2026-11-24T05:30:00Z' });
    expect(reminders.map((r) => r.status)).toEqual(['due', 'upcoming', 'upcoming']);
  });

  test('a reminder due earlier today is still due, not overdue', () => {
    const reminders = plan(withCadence(cadence), { now: '2026-11-23T23:00:00Z' });
    expect(reminders[0]!.status).toBe('due');
  });

  test('accepts now as a Date, epoch milliseconds or a plain date', () => {
    const iso = plan(withCadence(cadence), { now: '2026-11-24T16:00:00Z' });
    expect(plan(withCadence(cadence), { now: new Date('2026-11-24T16:00:00Z') })).toEqual(iso);
    expect(plan(withCadence(cadence), { now: Date.parse('2026-11-24T16:00:00Z') })).toEqual(iso);
    expect(plan(withCadence(cadence), { now: '2026-11-24' })).toEqual(iso);
  });
});
