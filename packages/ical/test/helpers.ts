import { readFileSync } from 'node:fs';
import { type Reminder, ReminderSchema } from '@runner-up/core';

/** Reads a JSON reminder fixture and validates every entry against the core schema. */
export function loadReminders(name: string): Reminder[] {
  const raw = JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as unknown[];
  return raw.map((item) => ReminderSchema.parse(item));
}

/** A reminder with sensible values; override what the test is about. */
export function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return ReminderSchema.parse({
    key: 'acme-pm/thank-you/1',
    opportunityId: 'acme-pm',
    stepId: 'thank-you',
    occurrence: 1,
    organization: 'Acme Telecom',
    title: 'Thank Dana and restate your interest',
    action: 'email',
    contact: { name: 'Dana Lee', role: 'hiring-manager', email: 'dana@acme.example' },
    due: '2026-11-23T15:30:00.000Z',
    local: { date: '2026-11-23', time: '09:30', timezone: 'America/Chicago' },
    duration: 'PT30M',
    status: 'upcoming',
    why: 'One business day after the decision (2026-11-20, a Friday).',
    talkingPoints: ['Name one thing from the interview you would build on.'],
    draft: {
      subject: 'Thank you',
      body: 'Hi Dana,\nThank you for your time.',
      mailto: 'mailto:dana@acme.example?subject=Thank%20you',
    },
    ...overrides,
  });
}

/** A second reminder of the same opportunity: the check-in on Monday 14 December 2026. */
export function checkInReminder(): Reminder {
  return reminder({
    key: 'acme-pm/check-in/1',
    stepId: 'check-in',
    title: 'Check in with Dana',
    due: '2026-12-14T15:30:00.000Z',
    local: { date: '2026-12-14', time: '09:30', timezone: 'America/Chicago' },
  });
}

/** The physical lines of a calendar (split on CRLF, trailing empty line dropped). */
export function physicalLines(ics: string): string[] {
  const lines = ics.split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Content lines with folding undone (RFC 5545 §3.1). */
export function unfoldedLines(ics: string): string[] {
  return physicalLines(ics.replace(/\r\n[ \t]/g, ''));
}

export const octets = (text: string) => new TextEncoder().encode(text).byteLength;

/** Adds the user's own event to a calendar from `toCalendar`, as an application would. */
export function addCoffee(calendar: { createEvent(data: object): unknown }): void {
  calendar.createEvent({
    id: 'coffee@lynne.example',
    stamp: new Date('2026-11-30T12:00:00Z'),
    start: new Date('2026-12-02T16:00:00Z'),
    end: new Date('2026-12-02T16:30:00Z'),
    summary: 'Coffee with Dana',
  });
}
