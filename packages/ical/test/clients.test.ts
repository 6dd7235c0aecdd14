/**
 * Real calendar clients read the generated feeds: Debian's python3-icalendar and khal. Locally
 * these skip when the clients are missing; in CI (`RUNNER_UP_REQUIRE_CLIENTS=1`) they must run.
 */
import {
  clientsRequired,
  createKhalSession,
  khalAvailable,
  parseWithPythonIcalendar,
  pythonIcalendarAvailable,
} from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { createIcsState, toIcs } from '../src/index';
import { checkInReminder, loadReminders, reminder } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const all = loadReminders('dst-reminders.json');
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney'] as const;
const feeds = ZONES.map((zone) => {
  const reminders = all
    .filter((r) => r.local.timezone === zone)
    // Distinct titles so each khal line can be matched to its reminder.
    .map((r) => ({ ...r, title: `${r.title} #${r.occurrence}` }));
  return { zone, reminders, ics: toIcs(reminders, { now: NOW }) };
});
const required = clientsRequired();

/**
 * An export of two reminders, then one after the check-in left the plan: the second file holds
 * the check-in again, cancelled.
 */
const withdrawal = (() => {
  const thankYou = reminder();
  const checkIn = checkInReminder();
  const state = createIcsState();
  const first = toIcs([thankYou, checkIn], { now: NOW, state });
  const second = toIcs([thankYou], { now: '2026-12-01T09:00:00Z', state });
  return { uid: 'acme-pm/check-in/1@runner-up', first, second };
})();

describe.skipIf(!pythonIcalendarAvailable() && !required)(
  'python3-icalendar reads the feed',
  () => {
    it('is installed (apt-get install python3-icalendar python3-recurring-ical-events)', () => {
      expect(pythonIcalendarAvailable()).toBe(true);
    });

    for (const { zone, reminders, ics } of feeds) {
      describe(zone, () => {
        let result: ReturnType<typeof parseWithPythonIcalendar> | undefined;
        // Parsed once per zone, lazily, so a skipped suite never spawns Python.
        const parsed = () => {
          result ??= parseWithPythonIcalendar(ics);
          return result;
        };

        it('parses without errors and finds the VTIMEZONE', () => {
          const result = parsed();
          expect(result.errors).toEqual([]);
          expect(result.timezones).toEqual([zone]);
          expect(result.events.map((e) => e.uid)).toEqual(
            reminders.map((r) => `${r.key}@runner-up`),
          );
        });

        it('yields the due instants, with its own tz database and through the VTIMEZONE', () => {
          const result = parsed();
          expect(result.events.map((e) => e.start)).toEqual(reminders.map((r) => r.due));
          expect(result.events.map((e) => e.startViaVtimezone)).toEqual(
            reminders.map((r) => r.due),
          );
          expect(result.events.map((e) => e.endViaVtimezone)).toEqual(
            reminders.map((r) => new Date(Date.parse(r.due) + 30 * 60_000).toISOString()),
          );
        });

        it('expands exactly one occurrence per reminder at its due instant', () => {
          expect(parsed().occurrences).toEqual(reminders.map((r) => r.due).sort());
        });

        it('reads the alarm as 15 minutes before the start', () => {
          for (const event of parsed().events) expect(event.alarmTriggers).toEqual(['-PT15M']);
        });
      });
    }

    it('reads escaped and folded multi-byte text back exactly', () => {
      const title = 'Relancer Hélène; café, 再次感谢 👋🏽\\ done';
      const why = `Line one, with comma\nLine two; with semicolon\r\n${'長い説明 '.repeat(30)}`;
      const ics = toIcs([reminder({ title, why, talkingPoints: [], contact: null, draft: null })], {
        now: NOW,
      });
      const [event] = parseWithPythonIcalendar(ics).events;
      expect(event!.summary).toBe(title);
      expect(event!.description).toBe(why.replace(/\r\n/g, '\n'));
    });

    it('reads an event that left the plan as cancelled: same UID and start, higher SEQUENCE', () => {
      const before = parseWithPythonIcalendar(withdrawal.first);
      const after = parseWithPythonIcalendar(withdrawal.second);
      expect(after.errors).toEqual([]);
      expect(after.timezones).toEqual(['America/Chicago']);
      const was = before.events.find((e) => e.uid === withdrawal.uid)!;
      const now = after.events.find((e) => e.uid === withdrawal.uid);
      expect(was.status).toBe('CONFIRMED');
      expect(now).toMatchObject({
        status: 'CANCELLED',
        summary: 'Check in with Dana',
        start: '2026-12-14T15:30:00.000Z',
        startViaVtimezone: '2026-12-14T15:30:00.000Z',
        endViaVtimezone: '2026-12-14T16:00:00.000Z',
        alarmTriggers: [],
      });
      expect(now!.sequence).toBeGreaterThan(was.sequence);
    });

    it('reads a calendar with nothing planned as an empty calendar, not an error', () => {
      const result = parseWithPythonIcalendar(toIcs([], { now: NOW }));
      expect(result.errors).toEqual([]);
      expect(result.events).toEqual([]);
      expect(result.occurrences).toEqual([]);
    });

    it('sees one event, not two, when a title tries to inject one', () => {
      const ics = toIcs(
        [
          reminder({
            title: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nDTSTART:20260101T000000Z',
          }),
        ],
        { now: NOW },
      );
      const { events } = parseWithPythonIcalendar(ics);
      expect(events.map((e) => e.uid)).toEqual(['acme-pm/thank-you/1@runner-up']);
    });
  },
);

describe.skipIf(!khalAvailable() && !required)('khal imports and lists the feed', () => {
  it('is installed (apt-get install khal)', () => {
    expect(khalAvailable()).toBe(true);
  });

  it('replaces the event by the cancellation when the second export is imported over the first', () => {
    const khal = createKhalSession('America/Chicago');
    const fresh = createKhalSession('America/Chicago');
    try {
      const checkIn = '2026-12-14 09:30|2026-12-14 10:00|Check in with Dana';
      expect(khal.importIcs(withdrawal.first).status).toBe(0);
      const second = khal.importIcs(withdrawal.second);
      expect(second.status).toBe(0);
      expect(second.stderr.trim()).toBe('');
      // One event for the UID, not two: the cancellation took the event's place.
      expect(khal.list('2026-01-01', '2028-01-01').filter((line) => line === checkIn)).toHaveLength(
        1,
      );
      // And khal shows it cancelled.
      const status = '{start}|{end}|{title}|{cancelled}';
      expect(
        khal.list('2026-01-01', '2028-01-01', status).filter((line) => line.startsWith(checkIn)),
      ).toEqual([`${checkIn}|CANCELLED `]);
      // The second file alone holds it too, at its time: it is the cancellation that replaced it.
      expect(fresh.importIcs(withdrawal.second).status).toBe(0);
      expect(fresh.list('2026-01-01', '2028-01-01')).toContain(checkIn);
    } finally {
      khal.dispose();
      fresh.dispose();
    }
  });

  it('imports a calendar with nothing planned without a warning', () => {
    const khal = createKhalSession('UTC');
    try {
      const imported = khal.importIcs(toIcs([], { now: NOW }));
      expect(imported.status).toBe(0);
      expect(imported.stderr.trim()).toBe('');
      expect(khal.list('2026-01-01', '2028-01-01')).toEqual([]);
    } finally {
      khal.dispose();
    }
  });

  for (const { zone, reminders, ics } of feeds) {
    it(`accepts the ${zone} feed without warnings and lists each reminder at its local time`, () => {
      const khal = createKhalSession(zone);
      try {
        const imported = khal.importIcs(ics);
        expect(imported.status).toBe(0);
        expect(imported.stderr.trim()).toBe('');
        expect(imported.stdout).not.toMatch(/warn|error/i);
        const listed = khal.list('2026-01-01', '2028-01-01');
        const expected = reminders.map((r) => `${r.local.date} ${r.local.time}|${r.title}`).sort();
        const shown = listed.map((line) => {
          const [start, , title] = line.split('|');
          return `${start}|${title}`;
        });
        expect(shown.sort()).toEqual(expected);
      } finally {
        khal.dispose();
      }
    });
  }
});
