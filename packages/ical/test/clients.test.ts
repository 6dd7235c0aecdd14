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
import { toIcs } from '../src/index';
import { loadReminders, reminder } from './helpers';

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
