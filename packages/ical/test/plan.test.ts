/**
 * The whole path users take: a pipeline through core's plan(), then toIcs, read back by ical.js
 * and (where installed) python-icalendar and khal, in three zones across their DST changes.
 */
import { type PipelineInput, plan, type Reminder } from '@runner-up/core';
import {
  clientsRequired,
  createKhalSession,
  khalAvailable,
  parseWithPythonIcalendar,
  pythonIcalendarAvailable,
} from '@runner-up/testkit';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toIcs } from '../src/index';

const NOW = '2026-11-30T15:00:00Z';

function pipeline(timezone: string, at: string): PipelineInput {
  return {
    version: 1,
    owner: {
      name: 'Lynne',
      timezone,
      at,
      workdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    },
    opportunities: [
      {
        id: 'harbour-pm',
        organization: 'Harbour, Freight & Co',
        title: 'Program Manager',
        dates: { decided: '2026-11-20' },
        contacts: [{ name: 'Dana Lee', role: 'hiring-manager', email: 'dana@harbour.example' }],
        cadence: {
          steps: [
            {
              id: 'check-in',
              from: 'decided',
              after: 'P1W',
              title: 'Check in with {contact.firstName}',
            },
          ],
          // Every 5 weeks for two years crosses every DST change in both hemispheres.
          repeat: { every: 'P5W', count: 20 },
          rules: { businessDays: false },
        },
      },
    ],
  };
}

const cases = [
  { zone: 'America/New_York', at: '09:30' },
  { zone: 'Europe/London', at: '08:15' },
  { zone: 'Australia/Sydney', at: '17:45' },
].map(({ zone, at }) => {
  const reminders: Reminder[] = plan(pipeline(zone, at), { now: NOW }).map((r) => ({
    ...r,
    title: `${r.title} #${r.occurrence}`,
  }));
  return { zone, at, reminders, ics: toIcs(reminders, { now: NOW }) };
});

function startsWithIcalJs(ics: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  try {
    return calendar
      .getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent).startDate.toJSDate().toISOString());
  } finally {
    ICAL.TimezoneService.reset();
  }
}

describe('plan() → toIcs', () => {
  for (const { zone, at, reminders, ics } of cases) {
    describe(zone, () => {
      it('plans reminders on both sides of the DST changes', () => {
        const offsets = new Set(
          reminders.map((r) => {
            const [h, m] = r.local.time.split(':').map(Number);
            const wall = Date.parse(`${r.local.date}T00:00:00Z`) + (h! * 60 + m!) * 60_000;
            return wall - Date.parse(r.due);
          }),
        );
        expect(reminders.length).toBeGreaterThan(10);
        expect(offsets.size).toBe(2);
        expect(new Set(reminders.map((r) => r.local.time))).toEqual(new Set([at]));
      });

      it('puts every event at its due instant when read by ical.js', () => {
        expect(startsWithIcalJs(ics)).toEqual(reminders.map((r) => r.due));
      });
    });
  }
});

describe.skipIf(!pythonIcalendarAvailable() && !clientsRequired())(
  'plan() → toIcs → python3-icalendar',
  () => {
    for (const { zone, reminders, ics } of cases) {
      it(`yields the due instants in ${zone}`, () => {
        const { events } = parseWithPythonIcalendar(ics);
        expect(events.map((e) => e.start)).toEqual(reminders.map((r) => r.due));
        expect(events.map((e) => e.startViaVtimezone)).toEqual(reminders.map((r) => r.due));
      });
    }
  },
);

describe.skipIf(!khalAvailable() && !clientsRequired())('plan() → toIcs → khal', () => {
  for (const { zone, reminders, ics } of cases) {
    it(`lists every reminder at its local time in ${zone}`, () => {
      const khal = createKhalSession(zone);
      try {
        const imported = khal.importIcs(ics);
        expect(imported.status).toBe(0);
        expect(imported.stderr.trim()).toBe('');
        const shown = khal.list('2026-11-01', '2029-12-31').map((line) => {
          const [start, , title] = line.split('|');
          return `${start}|${title}`;
        });
        expect(shown.sort()).toEqual(
          reminders.map((r) => `${r.local.date} ${r.local.time}|${r.title}`).sort(),
        );
      } finally {
        khal.dispose();
      }
    });
  }
});
