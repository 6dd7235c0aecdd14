import { describe, expect, it } from 'vitest';
import { plan, type Reminder, RunnerUpError, remindersByKey } from '../../src';
import { withCadence } from '../engine/fixtures';

describe('remindersByKey', () => {
  const reminders = plan(
    withCadence({
      steps: [
        { id: 'a', from: 'decided', after: 'P1D', title: 'A' },
        { id: 'b', from: 'previous', after: 'P1W', title: 'B' },
      ],
    }),
    { now: '2026-11-20T12:00:00Z' },
  );

  it('indexes the reminders by key, in plan order', () => {
    const byKey = remindersByKey(reminders, 'acme');
    expect([...byKey.keys()]).toEqual(['acme-pm/a/1', 'acme-pm/b/1']);
    expect(byKey.get('acme-pm/b/1')).toBe(reminders[1]);
  });

  it('refuses two reminders sharing a key, naming the sink and the second one', () => {
    const twice: Reminder[] = [...reminders, { ...reminders[0]! }];
    let caught: unknown;
    try {
      remindersByKey(twice, 'acme');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunnerUpError);
    expect(caught).toMatchObject({
      code: 'invalid_options',
      path: [2, 'key'],
      message: '[runner-up] [acme] Two reminders share the key "acme-pm/a/1"; keys must be unique.',
    });
  });
});
