import type { ReminderStatus } from '@runner-up/core';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createFeedHandler, createIcsState, icalSink, toIcs } from '../src/index';
import { loadReminders, octets, physicalLines, reminder, unfoldedLines } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const dst = loadReminders('dst-reminders.json');

/** Every occurrence start ical.js finds, resolving TZIDs through the calendar's own VTIMEZONEs. */
function occurrencesWithIcalJs(ics: string): { uid: string; start: string; end: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  try {
    return calendar.getAllSubcomponents('vevent').flatMap((vevent) => {
      const event = new ICAL.Event(vevent);
      const iterator = event.iterator();
      const found = [];
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        found.push({
          uid: event.uid,
          start: details.startDate.toJSDate().toISOString(),
          end: details.endDate.toJSDate().toISOString(),
        });
      }
      return found;
    });
  } finally {
    ICAL.TimezoneService.reset();
  }
}

describe('toIcs golden files', () => {
  it('renders the DST fixture byte for byte (UID, DTSTAMP and now pinned)', async () => {
    await expect(toIcs(dst, { now: NOW })).toMatchFileSnapshot('./__golden__/dst.ics');
  });

  it('renders all-day events without alarms byte for byte', async () => {
    await expect(
      toIcs(dst.slice(0, 3), { now: NOW, allDay: true, alarm: false, domain: 'lynne.example' }),
    ).toMatchFileSnapshot('./__golden__/all-day.ics');
  });

  it('is byte-identical across runs with the same now', () => {
    expect(toIcs(dst, { now: NOW })).toBe(toIcs(dst, { now: NOW }));
  });
});

describe('toIcs round trip through ical.js', () => {
  const ics = toIcs(dst, { now: NOW });
  const occurrences = occurrencesWithIcalJs(ics);

  it('reads a calendar with nothing planned as one with no events', () => {
    expect(occurrencesWithIcalJs(toIcs([], { now: NOW }))).toEqual([]);
  });

  it('yields exactly one occurrence per reminder', () => {
    expect(occurrences.map((o) => o.uid)).toEqual(dst.map((r) => `${r.key}@runner-up`));
  });

  it("puts every occurrence at the reminder's due instant, across DST changes", () => {
    expect(occurrences.map((o) => o.start)).toEqual(dst.map((r) => r.due));
  });

  it('ends every occurrence one duration (PT30M) later', () => {
    for (const o of occurrences) {
      expect(Date.parse(o.end) - Date.parse(o.start)).toBe(30 * 60_000);
    }
  });
});

describe('toIcs structure', () => {
  const ics = toIcs(dst, { now: NOW });
  const lines = unfoldedLines(ics);

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('writes one VTIMEZONE for every TZID used, and no other', () => {
    const used = new Set(lines.flatMap((l) => /;TZID=([^:;]+)/.exec(l)?.[1] ?? []));
    const defined = lines.filter((l) => l.startsWith('TZID:')).map((l) => l.slice(5));
    expect(defined.sort()).toEqual([...used].sort());
    expect(defined.sort()).toEqual(['America/New_York', 'Australia/Sydney', 'Europe/London']);
  });

  it('writes no METHOD and no ORGANIZER: a snapshot of a calendar, not an iTIP PUBLISH (which needs an ORGANIZER on every event)', () => {
    expect(lines.filter((l) => /^(METHOD|ORGANIZER)[:;]/.test(l))).toEqual([]);
    expect(lines.slice(0, 4)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//runner-up//runner-up ical//EN',
      'CALSCALE:GREGORIAN',
    ]);
  });

  it('writes DTSTAMP in UTC with Z', () => {
    const stamps = lines.filter((l) => l.startsWith('DTSTAMP'));
    expect(stamps).toHaveLength(dst.length);
    expect(new Set(stamps)).toEqual(new Set(['DTSTAMP:20261130T120000Z']));
  });

  it('writes the alarm as a negative trigger, before the start', () => {
    expect(lines.filter((l) => l.startsWith('TRIGGER'))).toEqual(dst.map(() => 'TRIGGER:-PT15M'));
  });

  it('writes a local time that happens twice in UTC, so no client can read the other pass', () => {
    // 2026-11-01 01:30 happens twice in New York; the fixture has both.
    expect(lines).toContain('DTSTART:20261101T053000Z');
    expect(lines).toContain('DTSTART:20261101T063000Z');
    expect(lines).not.toContain('DTSTART;TZID=America/New_York:20261101T013000');
  });

  it('gives a time moved out of a spring-forward gap its real local time', () => {
    expect(lines).toContain('DTSTART;TZID=America/New_York:20260308T033000');
  });
});

describe('toIcs event content', () => {
  const one = (overrides = {}, options = {}) =>
    unfoldedLines(toIcs([reminder(overrides)], { now: NOW, ...options }));

  it("gives a call's number, and the LinkedIn profile, with the contact", () => {
    const lines = one({
      action: 'call',
      contact: {
        name: 'Dev Patel',
        role: 'candidate',
        phone: '+44 7700 900123',
        linkedin: 'linkedin.com/in/devp',
      },
      draft: null,
    });
    expect(lines.find((line) => line.startsWith('DESCRIPTION:'))).toContain(
      '\\n\\nWith: Dev Patel (candidate)\\, +44 7700 900123\\, linkedin.com/in/devp',
    );
  });

  it('derives the UID from the key and the domain', () => {
    expect(one({}, { domain: 'lynne.example' })).toContain('UID:acme-pm/thank-you/1@lynne.example');
  });

  it('keeps the UID when the reminder moves to another date', () => {
    const moved = one({ due: '2026-12-01T15:30:00.000Z' });
    expect(moved).toContain('UID:acme-pm/thank-you/1@runner-up');
  });

  it('writes summary, description, categories and the mailto URL', () => {
    const lines = one();
    expect(lines).toContain('SUMMARY:Thank Dana and restate your interest');
    expect(lines).toContain(
      'DESCRIPTION:One business day after the decision (2026-11-20\\, a Friday).\\n\\nTalking points:\\n- Name one thing from the interview you would build on.\\n\\nWith: Dana Lee (hiring-manager) <dana@acme.example>\\n\\nDraft: Thank you\\n\\nHi Dana\\,\\nThank you for your time.',
    );
    expect(lines).toContain('CATEGORIES:Email,Acme Telecom');
    expect(lines).toContain('URL:mailto:dana@acme.example?subject=Thank%20you');
  });

  it('leaves URL out when there is no mailto draft', () => {
    expect(one({ draft: null }).some((l) => l.startsWith('URL'))).toBe(false);
  });

  it('uses the configured alarm lead time, or none', () => {
    expect(one({}, { alarm: 'PT1H30M' })).toContain('TRIGGER:-PT1H30M');
    expect(one({}, { alarm: false }).some((l) => l === 'BEGIN:VALARM')).toBe(false);
  });

  it('writes alarm and refreshInterval as RFC 5545 durations (weeks alone, a minute between H and S)', () => {
    // dur-week is weeks alone, and dur-hour = 1*DIGIT "H" [dur-minute] (RFC 5545 §3.3.6).
    const cases = [
      ['P1W2D', '-P9D', 'P9D'],
      ['P2W', '-P14D', 'P14D'],
      ['PT1H30S', '-PT1H0M30S', 'PT1H0M30S'],
      ['PT90M', '-PT1H30M', 'PT1H30M'],
      ['P1DT0S', '-P1D', 'P1D'],
    ] as const;
    for (const [given, trigger, refresh] of cases) {
      const lines = one({}, { alarm: given, refreshInterval: given });
      expect(lines).toContain(`TRIGGER:${trigger}`);
      expect(lines).toContain(`REFRESH-INTERVAL;VALUE=DURATION:${refresh}`);
      expect(lines).toContain(`X-PUBLISHED-TTL:${refresh}`);
    }
  });

  it('fires an all-day alarm the lead time before the local time on the day', () => {
    const lines = one({}, { allDay: true });
    expect(lines).toContain('DTSTART;VALUE=DATE:20261123');
    expect(lines).toContain('DTEND;VALUE=DATE:20261124');
    expect(lines).toContain('TRIGGER:PT9H15M');
    expect(lines.some((l) => l.startsWith('BEGIN:VTIMEZONE'))).toBe(false);
  });

  it('fires an all-day alarm the lead time before the local time on a day the clocks change, in exact time (RFC 5545 §3.3.6)', () => {
    // 09:30 in New York on the day the clocks go forward (8 March 2026, 13:30Z) and back
    // (1 November 2026, 14:30Z): midnight was 05:00Z and 04:00Z, so 09:15 is 8 h 15 min and
    // 10 h 15 min after it (regression: 9 h 15 min, which fired at 10:15 and at 08:15).
    const on = (date: string, due: string) =>
      one({ due, local: { date, time: '09:30', timezone: 'America/New_York' } }, { allDay: true });
    expect(on('2026-03-08', '2026-03-08T13:30:00.000Z')).toContain('TRIGGER:PT8H15M');
    expect(on('2026-11-01', '2026-11-01T14:30:00.000Z')).toContain('TRIGGER:PT10H15M');
    expect(on('2026-03-09', '2026-03-09T13:30:00.000Z')).toContain('TRIGGER:PT9H15M');
  });

  it('marks a recent cancelled reminder STATUS:CANCELLED without an alarm', () => {
    const lines = one({ status: 'cancelled', due: '2026-11-23T15:30:00.000Z' });
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).not.toContain('BEGIN:VALARM');
  });

  it('drops a cancelled reminder once it is older than keepCancelledFor', () => {
    const old = { status: 'cancelled' as const, due: '2026-10-01T15:30:00.000Z' };
    expect(one(old).some((l) => l === 'BEGIN:VEVENT')).toBe(false);
    expect(one(old, { keepCancelledFor: 'P90D' }).some((l) => l === 'BEGIN:VEVENT')).toBe(true);
  });

  it('includes upcoming, due and overdue by default but not done or skipped', () => {
    const statuses = ['upcoming', 'due', 'overdue', 'done', 'skipped'] as const;
    const reminders = statuses.map((status, i) =>
      reminder({ status, key: `acme-pm/step/${i + 1}`, occurrence: i + 1 }),
    );
    const uids = unfoldedLines(toIcs(reminders, { now: NOW })).filter((l) => l.startsWith('UID'));
    expect(uids).toEqual([
      'UID:acme-pm/step/1@runner-up',
      'UID:acme-pm/step/2@runner-up',
      'UID:acme-pm/step/3@runner-up',
    ]);
    const onlyDone = toIcs(reminders, { now: NOW, statuses: ['done'] });
    expect(unfoldedLines(onlyDone).filter((l) => l.startsWith('UID'))).toEqual([
      'UID:acme-pm/step/4@runner-up',
    ]);
  });

  it('gives the same output whatever the host time zone', () => {
    const before = process.env.TZ;
    const render = () => toIcs(dst, { now: NOW }) + toIcs(dst, { now: NOW, allDay: true });
    const outputs = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Lord_Howe'].map(
      (zone) => {
        process.env.TZ = zone; // Node re-reads TZ when it changes
        return render();
      },
    );
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
    expect(new Set(outputs).size).toBe(1);
  });
});

describe('SEQUENCE and LAST-MODIFIED', () => {
  it('are 0 and absent without a state', () => {
    const lines = unfoldedLines(toIcs([reminder()], { now: NOW }));
    expect(lines).toContain('SEQUENCE:0');
    expect(lines.some((l) => l.startsWith('LAST-MODIFIED'))).toBe(false);
  });

  it('stay put while the reminder is unchanged', () => {
    const state = createIcsState();
    toIcs([reminder()], { now: NOW, state });
    const lines = unfoldedLines(toIcs([reminder()], { now: '2026-12-05T08:00:00Z', state }));
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('LAST-MODIFIED:20261130T120000Z');
    expect(lines).toContain('DTSTAMP:20261205T080000Z');
  });

  it('rise when a visible field changes', () => {
    const state = createIcsState();
    toIcs([reminder()], { now: NOW, state });
    const moved = reminder({ due: '2026-11-24T15:30:00.000Z' });
    const lines = unfoldedLines(toIcs([moved], { now: '2026-12-01T10:00:00Z', state }));
    expect(lines).toContain('SEQUENCE:1');
    expect(lines).toContain('LAST-MODIFIED:20261201T100000Z');
    const retitled = reminder({ due: moved.due, title: 'Call Dana' });
    expect(unfoldedLines(toIcs([retitled], { now: NOW, state }))).toContain('SEQUENCE:2');
  });

  it('rise when a reminder is cancelled', () => {
    const state = createIcsState();
    toIcs([reminder()], { now: NOW, state });
    const lines = unfoldedLines(toIcs([reminder({ status: 'cancelled' })], { now: NOW, state }));
    expect(lines).toContain('SEQUENCE:1');
  });

  it('survive a JSON round trip of the state', () => {
    const state = createIcsState();
    toIcs([reminder()], { now: NOW, state });
    const restored = createIcsState(JSON.parse(JSON.stringify(state)));
    const changed = reminder({ title: 'Call Dana' });
    expect(unfoldedLines(toIcs([changed], { now: NOW, state: restored }))).toContain('SEQUENCE:1');
  });

  it('reject a malformed saved state with the field named', () => {
    expect(() =>
      createIcsState({ version: 1, events: { a: { hash: 'x', sequence: -1 } } }),
    ).toThrow(/calendar state `events\.a\.sequence`/);
    expect(() => createIcsState({ version: 1, events: { a: { sequence: 0 } } })).toThrow(
      '[runner-up] [ical] calendar state `events.a.hash`: missing required field, expected string',
    );
  });

  it('says what a state is when given something else, and how to start again (regression: zod text at `(root)`)', () => {
    for (const [saved, got] of [
      [{}, 'an object without `version`'],
      ['abc', 'string "abc"'],
      [null, 'null'],
      [[], 'a list'],
      [{ version: 2, events: {} }, 'version 2'],
      [{ version: 1 }, 'an object without `events`'],
    ] as const) {
      expect(() => createIcsState(saved)).toThrow(
        `[runner-up] [ical] calendar state: expected what toIcs and icalSink save, \`{ "version": 1, "events": { … } }\`, got ${got}. If the file was lost or overwritten, start again with createIcsState(): every event's SEQUENCE then restarts at 0.`,
      );
    }
  });
});

describe('toIcs input errors', () => {
  it('names the option and what it expected', () => {
    expect(() => toIcs([], { alarm: '15 minutes' })).toThrow(
      '[runner-up] [ical] option `alarm`: expected an ISO 8601 duration like PT15M, got "15 minutes"',
    );
  });

  it('refuses a misspelt option rather than ignoring it, in toIcs, the feed handler and the sink', () => {
    expect(() => toIcs([], { alarms: false } as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        path: ['alarms'],
        message: '[runner-up] [ical] Unknown option `alarms`; did you mean `alarm`?',
      }),
    );
    expect(() =>
      createFeedHandler({ token: 'a'.repeat(20), load: () => [], basepath: '/cal' } as never),
    ).toThrow('[runner-up] [ical] Unknown option `basepath`; did you mean `basePath`?');
    expect(() => icalSink({ write() {}, Domain: 'example.com' } as never)).toThrow(
      '[runner-up] [ical] Unknown option `Domain`; did you mean `domain`?',
    );
  });

  it('says what `now` it expected, quoting what it got', () => {
    expect(() => toIcs([], { now: '2026-12-01' })).toThrow(
      '[runner-up] [ical] option `now`: expected a Date, epoch milliseconds or an ISO instant with `Z` or an offset, like 2026-11-30T09:00:00Z, got "2026-12-01"',
    );
  });

  it('takes `now` as epoch milliseconds, as plan() does, and refuses a number no Date can hold', () => {
    const at = Date.parse('2026-11-30T15:00:00Z');
    const one = [reminder()];
    expect(toIcs(one, { now: at })).toBe(toIcs(one, { now: new Date(at) }));
    expect(toIcs(one, { now: at })).toContain('DTSTAMP:20261130T150000Z');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(() => toIcs([], { now: bad })).toThrow(
        expect.objectContaining({ code: 'invalid_options', path: ['now'] }),
      );
    }
    expect(() => toIcs([], { now: 9e15 })).toThrow(
      '[runner-up] [ical] option `now`: expected epoch milliseconds within what a Date can hold (±8.64e15), got 9000000000000000',
    );
  });

  it('names a bad status by its index and lists the statuses (regression: `statuses.0` and zod wording)', () => {
    expect(() => toIcs([], { statuses: ['upcoming', 'bogus' as ReminderStatus] })).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        path: ['statuses', 1],
        message:
          '[runner-up] [ical] option `statuses[1]`: expected a reminder status (upcoming, due, overdue, done, skipped, cancelled), got "bogus"',
      }),
    );
  });

  it('refuses months and years in alarm and refreshInterval: RFC 5545 durations cannot hold them', () => {
    for (const option of ['alarm', 'refreshInterval'] as const) {
      for (const value of ['P1M', 'P1Y', 'P1Y2M', 'P1MT1H']) {
        expect(() => toIcs([], { [option]: value })).toThrow(
          expect.objectContaining({
            code: 'invalid_options',
            path: [option],
            message: `[runner-up] [ical] option \`${option}\`: months and years have no fixed length and an RFC 5545 duration cannot hold them: use weeks, days or hours like P4W, P30D or PT1H, got "${value}"`,
          }),
        );
      }
    }
  });

  it('names the reminder index and field of a bad time zone', () => {
    const bad = {
      ...reminder(),
      local: { date: '2026-11-23', time: '09:30', timezone: 'Mars/Base' },
    };
    expect(() => toIcs([bad], { now: NOW })).toThrow(
      expect.objectContaining({ code: 'invalid_options', path: [0, 'local', 'timezone'] }),
    );
  });

  it('rejects two reminders with one key, since UIDs must be unique', () => {
    expect(() => toIcs([reminder(), reminder()], { now: NOW })).toThrow(
      expect.objectContaining({ code: 'duplicate_id', path: [1, 'key'] }),
    );
  });
});

describe('an event that ends in a later year than it starts (regression: the VTIMEZONE stopped at the start year)', () => {
  const longEvent = (duration: string) =>
    toIcs(
      [
        reminder({
          due: '2028-09-29T14:30:00.000Z',
          local: { date: '2028-09-29', time: '09:30', timezone: 'America/Chicago' },
          duration,
        }),
      ],
      { now: '2026-12-01T00:00:00Z' },
    );

  it("writes the end year's changes, so clients reading only the VTIMEZONE agree with those knowing the zone", () => {
    const ics = longEvent('P6M');
    expect(ics).toContain('DTEND;TZID=America/Chicago:20290329T093000');
    // Central Time goes to daylight time on 2029-03-11: the end is in CDT.
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20290311T020000\r\n');
  });

  it('covers no other year for a short event early on January 1 (regression: it added the year before)', () => {
    const ics = toIcs(
      [
        reminder({
          due: '2027-01-01T09:00:00.000Z',
          local: { date: '2027-01-01', time: '09:00', timezone: 'Europe/London' },
        }),
      ],
      { now: '2026-12-01T00:00:00Z' },
    );
    const onsets = [...ics.matchAll(/^DTSTART:(\d{8})T/gm)].map((m) => m[1]);
    expect(onsets).toEqual(['20261231', '20270328', '20271031']);
  });

  it('writes the local end of an exact number of hours by the rules of its year', () => {
    // 4,400 hours after 2028-09-29T14:30Z is 2029-03-31T22:30Z: 17:30 in CDT (16:30 was CST).
    expect(longEvent('PT4400H')).toContain('DTEND;TZID=America/Chicago:20290331T173000');
  });
});
