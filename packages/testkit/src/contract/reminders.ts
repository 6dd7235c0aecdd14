import { type Reminder, ReminderSchema } from '@runner-up/core';

const ACTIONS = ['email', 'call', 'linkedin', 'meeting', 'note'] as const;
const ORGANIZATIONS = ['Acme Telecom', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics'];
const CONTACTS = ['Dana Lee', 'Sam Ortiz', 'Priya Nair', null] as const;

/**
 * Builds `count` valid reminders with stable keys (`opp-<i>/step/<occurrence>`), spread over
 * days from 2027-01-04 at 09:30 in America/Chicago (UTC-6 in winter). Deterministic.
 */
export function buildReminders(count: number, options: { prefix?: string } = {}): Reminder[] {
  const prefix = options.prefix ?? 'opp';
  const reminders: Reminder[] = [];
  for (let i = 0; i < count; i++) {
    const opportunityId = `${prefix}-${Math.floor(i / 3) + 1}`;
    const stepId = ['thank-you', 'stay-visible', 'check-in'][i % 3]!;
    const day = new Date(Date.UTC(2027, 0, 4 + i));
    const date = day.toISOString().slice(0, 10);
    const contactName = CONTACTS[i % CONTACTS.length] ?? null;
    const organization = ORGANIZATIONS[i % ORGANIZATIONS.length]!;
    reminders.push(
      ReminderSchema.parse({
        key: `${opportunityId}/${stepId}/1`,
        opportunityId,
        stepId,
        occurrence: 1,
        organization,
        title: `Follow up with ${contactName ?? organization} (#${i + 1})`,
        action: ACTIONS[i % ACTIONS.length],
        contact: contactName === null ? null : { name: contactName, role: 'hiring-manager' },
        due: `${date}T15:30:00.000Z`,
        local: { date, time: '09:30', timezone: 'America/Chicago' },
        duration: 'PT30M',
        status: 'upcoming',
        why: `Planned ${i + 1} day(s) after the decision, moved to a workday.`,
        talkingPoints: ['Name one thing from the interview you would build on.'],
        draft: null,
      }),
    );
  }
  return reminders;
}

/** A copy of `reminder` with `changes` applied (keeps `local` in step with `due`). */
export function changeReminder(reminder: Reminder, changes: Partial<Reminder>): Reminder {
  return ReminderSchema.parse({ ...reminder, ...changes });
}
