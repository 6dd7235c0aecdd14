import { describe, expect, test } from 'vitest';
import { plan } from '../../src';
import { early, step, withCadence } from './fixtures';

describe('doNotContact', () => {
  test('a contact marked doNotContact gets nothing', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('thanks', 'decided', 'P3D')] },
        { contacts: [{ name: 'Dana Lee', doNotContact: true }] },
      ),
      { now: early },
    );
    expect(reminders).toEqual([]);
  });

  test('reminders go to the first contact who may be contacted', () => {
    const reminders = plan(
      withCadence(
        { steps: [step('thanks', 'decided', 'P3D')] },
        {
          contacts: [
            { name: 'Dana Lee', doNotContact: true },
            { name: 'Sam Ortiz', role: 'recruiter', email: 'sam@acme.example' },
          ],
        },
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.contact)).toEqual([
      { name: 'Sam Ortiz', role: 'recruiter', email: 'sam@acme.example' },
    ]);
  });

  test('a step addressed to a doNotContact role is left out, and the chain goes on', () => {
    const reminders = plan(
      withCadence(
        {
          steps: [
            { ...step('ask-hr', 'decided', 'P3D'), to: 'recruiter' },
            step('thank-manager', 'previous', 'P1W'),
          ],
        },
        {
          contacts: [
            { name: 'Dana Lee', role: 'hiring-manager' },
            { name: 'Sam Ortiz', role: 'recruiter', doNotContact: true },
          ],
        },
      ),
      { now: early },
    );
    expect(reminders.map((r) => [r.stepId, r.contact?.name, r.local.date])).toEqual([
      ['thank-manager', 'Dana Lee', '2026-11-30'],
    ]);
  });

  test('an opportunity with no contacts still gets reminders, addressed to no one', () => {
    const reminders = plan(
      withCadence({ steps: [step('thanks', 'decided', 'P3D')] }, { contacts: [] }),
      {
        now: early,
      },
    );
    expect(reminders[0]!.contact).toBeNull();
    expect(reminders[0]!.title).toBe('Do thanks');
  });
});
