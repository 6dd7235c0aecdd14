/**
 * With a revision state, the events of earlier calendars whose reminders left the plan are written
 * again as STATUS:CANCELLED, so a calendar that imported the earlier file is told.
 */
import type { Reminder } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import {
  createFeedHandler,
  createIcsState,
  type IcsState,
  icalSink,
  toCalendar,
  toIcs,
} from '../src/index';
import { checkInReminder, reminder, unfoldedLines } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const LATER = '2026-12-01T09:00:00Z';

/** Two reminders of one opportunity; the check-in is the one that goes away. */
const thankYou = reminder();
const checkIn = checkInReminder();

/** The unfolded lines of the VEVENT whose UID is `<key>@runner-up`, or undefined. */
function eventOf(ics: string, key: string): string[] | undefined {
  const lines = unfoldedLines(ics);
  const uid = lines.indexOf(`UID:${key}@runner-up`);
  if (uid === -1) return undefined;
  return lines.slice(uid, lines.indexOf('END:VEVENT', uid));
}

/** A state that has seen both reminders as live events at NOW. */
function exportedBoth(): IcsState {
  const state = createIcsState();
  toIcs([thankYou, checkIn], { now: NOW, state });
  return state;
}

const json = (state: IcsState) => JSON.stringify(state);

describe('a reminder that left the plan', () => {
  it('is written again as STATUS:CANCELLED with its UID, its times and SEQUENCE raised by one', () => {
    const state = exportedBoth();
    const ics = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(ics, 'acme-pm/check-in/1')).toEqual([
      'UID:acme-pm/check-in/1@runner-up',
      'DTSTAMP:20261201T090000Z',
      'SEQUENCE:1',
      'LAST-MODIFIED:20261201T090000Z',
      'DTSTART;TZID=America/Chicago:20261214T093000',
      'DTEND;TZID=America/Chicago:20261214T100000',
      'SUMMARY:Check in with Dana',
      'DESCRIPTION:This follow-up is no longer planned.',
      'STATUS:CANCELLED',
      'TRANSP:TRANSPARENT',
    ]);
    // The reminder still planned is untouched.
    expect(eventOf(ics, 'acme-pm/thank-you/1')).toContain('SEQUENCE:0');
    expect(eventOf(ics, 'acme-pm/thank-you/1')).toContain('STATUS:CONFIRMED');
  });

  it('is cancelled once: an export with nothing new is byte-identical and leaves the state as it was', () => {
    const state = exportedBoth();
    const first = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(first, checkIn.key)).toContain('SEQUENCE:1');
    const saved = json(state);
    expect(toIcs([thankYou], { now: LATER, state })).toBe(first);
    expect(json(state)).toBe(saved);
    // Later still: the same SEQUENCE and LAST-MODIFIED, only the DTSTAMP moves.
    const later = toIcs([thankYou], { now: '2026-12-05T09:00:00Z', state });
    expect(later.replace(/^DTSTAMP:.*\r\n/gm, '')).toBe(first.replace(/^DTSTAMP:.*\r\n/gm, ''));
    expect(json(state)).toBe(saved);
  });

  it('stays cancelled across a JSON round trip of the state', () => {
    const state = exportedBoth();
    const first = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(first, checkIn.key)).toContain('STATUS:CANCELLED');
    const restored = createIcsState(JSON.parse(json(state)));
    expect(toIcs([thankYou], { now: LATER, state: restored })).toBe(first);
    expect(json(restored)).toBe(json(state));
  });

  it('comes back live with a SEQUENCE above the cancellation when its reminder returns', () => {
    const state = exportedBoth();
    toIcs([thankYou], { now: LATER, state });
    const back = eventOf(
      toIcs([thankYou, checkIn], { now: '2026-12-02T09:00:00Z', state }),
      checkIn.key,
    );
    expect(back).toContain('SEQUENCE:2');
    expect(back).toContain('LAST-MODIFIED:20261202T090000Z');
    expect(back).toContain('STATUS:CONFIRMED');
  });

  it('is not cancelled without a state, which knows no earlier calendar, nor when `statuses` leaves out cancelled', () => {
    toIcs([thankYou, checkIn], { now: NOW });
    expect(eventOf(toIcs([thankYou], { now: LATER }), checkIn.key)).toBeUndefined();
    const statuses = ['upcoming', 'due', 'overdue'] as const;
    const state = exportedBoth();
    const saved = json(state);
    expect(eventOf(toIcs([thankYou], { now: LATER, state, statuses }), checkIn.key)).toBe(
      undefined,
    );
    // Nothing was written, so nothing changed: listed again, cancelled is written.
    expect(json(state)).toBe(saved);
    expect(eventOf(toIcs([thankYou], { now: LATER, state }), checkIn.key)).toContain(
      'STATUS:CANCELLED',
    );
  });

  it('is written in UTC or as a date as its live event was', () => {
    const state = createIcsState();
    toIcs([thankYou, checkIn], { now: NOW, state, allDay: true });
    const ics = toIcs([thankYou], { now: LATER, state, allDay: true });
    expect(eventOf(ics, checkIn.key)).toContain('DTSTART;VALUE=DATE:20261214');
    // The repeated hour when New York goes back: written in UTC, live and cancelled alike.
    const repeated = reminder({
      key: 'acme-pm/late/1',
      due: '2026-11-01T05:30:00.000Z',
      local: { date: '2026-11-01', time: '01:30', timezone: 'America/New_York' },
    });
    const utc = createIcsState();
    toIcs([repeated], { now: '2026-10-30T12:00:00Z', state: utc });
    expect(eventOf(toIcs([], { now: '2026-10-31T12:00:00Z', state: utc }), repeated.key)).toEqual(
      expect.arrayContaining(['DTSTART:20261101T053000Z', 'DTEND:20261101T060000Z']),
    );
  });

  it('carries the VTIMEZONE of its zone when no live event uses it', () => {
    const state = exportedBoth();
    const ics = toIcs([], { now: LATER, state });
    expect(unfoldedLines(ics)).toContain('TZID:America/Chicago');
    expect(unfoldedLines(ics).filter((l) => l === 'STATUS:CANCELLED')).toHaveLength(2);
  });

  it('passed as `cancelled` before it vanished, rises once more as its text changes, then stays', () => {
    const state = exportedBoth();
    toIcs([thankYou, { ...checkIn, status: 'cancelled' }], { now: LATER, state });
    expect(state.events[checkIn.key]?.sequence).toBe(1);
    // The event now says only that the follow-up is no longer planned: a change, so SEQUENCE rises.
    const gone = eventOf(toIcs([thankYou], { now: '2026-12-02T09:00:00Z', state }), checkIn.key);
    expect(gone).toContain('STATUS:CANCELLED');
    expect(gone).toContain('SEQUENCE:2');
    expect(gone).toContain('LAST-MODIFIED:20261202T090000Z');
    const again = eventOf(toIcs([thankYou], { now: '2026-12-03T09:00:00Z', state }), checkIn.key);
    expect(again).toContain('SEQUENCE:2');
    expect(again).toContain('LAST-MODIFIED:20261202T090000Z');
  });

  it('works for any key, `__proto__` included', () => {
    const state = createIcsState();
    toIcs([reminder({ key: '__proto__' })], { now: NOW, state });
    const restored = createIcsState(JSON.parse(json(state)));
    expect(eventOf(toIcs([], { now: NOW, state: restored }), '__proto__')).toContain('SEQUENCE:1');
    expect(Object.keys(restored.events)).toEqual(['__proto__']);
  });
});

describe('keepCancelledFor', () => {
  it('writes the cancellation until that long after its date, then keeps a tombstone', () => {
    const state = exportedBoth();
    // The check-in was on 2026-12-14: within 30 days of 2027-01-10, not of 2027-01-20.
    expect(
      eventOf(toIcs([thankYou], { now: '2027-01-10T12:00:00Z', state }), checkIn.key),
    ).toContain('STATUS:CANCELLED');
    const after = toIcs([thankYou], { now: '2027-01-20T12:00:00Z', state });
    expect(eventOf(after, checkIn.key)).toBeUndefined();
    expect(state.events[checkIn.key]).toEqual({
      hash: expect.any(String),
      sequence: 1,
      lastModified: '2027-01-10T12:00:00.000Z',
    });
    // The tombstone is stable: an unchanged calendar leaves it as it is.
    const saved = json(state);
    expect(toIcs([thankYou], { now: '2027-01-21T12:00:00Z', state })).toBe(
      after.replace(/DTSTAMP:20270120T120000Z/g, 'DTSTAMP:20270121T120000Z'),
    );
    expect(json(state)).toBe(saved);
  });

  it('writes no cancellation for an event already past it when its reminder vanishes', () => {
    const state = exportedBoth();
    // The thank-you was on 2026-11-23, more than a day before NOW; the check-in is to come.
    const ics = toIcs([], { now: NOW, state, keepCancelledFor: 'P1D' });
    expect(eventOf(ics, thankYou.key)).toBeUndefined();
    expect(eventOf(ics, checkIn.key)).toContain('STATUS:CANCELLED');
    expect(state.events[thankYou.key]).toEqual({
      hash: expect.any(String),
      sequence: 0,
      lastModified: '2026-11-30T12:00:00.000Z',
    });
  });

  it('takes longer windows too', () => {
    const state = exportedBoth();
    const ics = toIcs([thankYou], { now: '2027-01-20T12:00:00Z', state, keepCancelledFor: 'P90D' });
    expect(eventOf(ics, checkIn.key)).toContain('STATUS:CANCELLED');
  });

  it('gives a key that returns after its tombstone a SEQUENCE above any it had', () => {
    const state = exportedBoth();
    toIcs([thankYou], { now: LATER, state });
    toIcs([thankYou], { now: '2027-02-01T12:00:00Z', state });
    expect(state.events[checkIn.key]?.event).toBeUndefined();
    const moved = { ...checkIn, due: '2027-03-01T15:30:00.000Z' };
    const back = eventOf(
      toIcs([thankYou, moved], { now: '2027-02-02T12:00:00Z', state }),
      checkIn.key,
    );
    expect(back).toContain('SEQUENCE:2');
    expect(back).toContain('STATUS:CONFIRMED');
  });
});

describe('which reminders are cancelled', () => {
  it('cancels a skipped reminder (they replied first, so the touch will not happen)', () => {
    const state = exportedBoth();
    const ics = toIcs([thankYou, { ...checkIn, status: 'skipped' }], { now: LATER, state });
    const event = eventOf(ics, checkIn.key);
    expect(event).toContain('STATUS:CANCELLED');
    expect(event).toContain('SEQUENCE:1');
    // As the event was, not as the skipped reminder now reads.
    expect(event).toContain('SUMMARY:Check in with Dana');
  });

  it('writes a skipped reminder as it is when `statuses` lists skipped, and remembers it', () => {
    const state = exportedBoth();
    const statuses = ['upcoming', 'skipped', 'cancelled'] as const;
    const skipped: Reminder = { ...checkIn, status: 'skipped', title: 'Skipped check-in' };
    const ics = toIcs([thankYou, skipped], { now: LATER, state, statuses });
    expect(eventOf(ics, checkIn.key)).toContain('STATUS:CONFIRMED');
    expect(eventOf(ics, checkIn.key)).toContain('SEQUENCE:1');
    expect(state.events[checkIn.key]?.event?.title).toBe('Skipped check-in');
  });

  it('does not cancel a done reminder whose event had begun: a touch that happened keeps its event as it was', () => {
    const state = exportedBoth();
    const saved = json(state);
    // The thank-you was at 2026-11-23T15:30Z, before LATER.
    const ics = toIcs([{ ...thankYou, status: 'done' }, checkIn], { now: LATER, state });
    expect(eventOf(ics, thankYou.key)).toBeUndefined();
    expect(json(state)).toBe(saved);
    // If it later leaves the plan altogether, it is cancelled like any other.
    const gone = toIcs([checkIn], { now: LATER, state });
    expect(eventOf(gone, thankYou.key)).toEqual(
      expect.arrayContaining(['STATUS:CANCELLED', 'SEQUENCE:1']),
    );
  });

  it('cancels the event of a reminder done before its time (a touch made early), so its alarm does not ring, and keeps it cancelled', () => {
    const state = exportedBoth();
    // The check-in, planned for 14 December, was done on 1 December.
    const done: Reminder = { ...checkIn, status: 'done' };
    const ics = toIcs([thankYou, done], { now: LATER, state });
    expect(eventOf(ics, checkIn.key)).toEqual([
      'UID:acme-pm/check-in/1@runner-up',
      'DTSTAMP:20261201T090000Z',
      'SEQUENCE:1',
      'LAST-MODIFIED:20261201T090000Z',
      'DTSTART;TZID=America/Chicago:20261214T093000',
      'DTEND;TZID=America/Chicago:20261214T100000',
      'SUMMARY:Check in with Dana',
      'DESCRIPTION:This follow-up is no longer planned.',
      'STATUS:CANCELLED',
      'TRANSP:TRANSPARENT',
    ]);
    // Once its date has passed it stays cancelled, with the same SEQUENCE, until
    // `keepCancelledFor` after it.
    const after = toIcs([thankYou, done], { now: '2026-12-20T09:00:00Z', state });
    expect(eventOf(after, checkIn.key)).toEqual(
      expect.arrayContaining(['STATUS:CANCELLED', 'SEQUENCE:1']),
    );
  });

  it('writes a done reminder without an alarm when `statuses` lists done', () => {
    const ics = toIcs([{ ...checkIn, status: 'done' }, thankYou], {
      now: NOW,
      statuses: ['upcoming', 'done'],
    });
    expect(eventOf(ics, checkIn.key)).toContain('STATUS:CONFIRMED');
    expect(eventOf(ics, checkIn.key)).not.toContain('BEGIN:VALARM');
    expect(eventOf(ics, thankYou.key)).toContain('BEGIN:VALARM');
  });

  it('does not cancel a reminder the `statuses` option leaves out: it is still planned', () => {
    const state = exportedBoth();
    const overdue: Reminder = { ...thankYou, status: 'overdue' };
    // The check-in is gone, so it is cancelled; the thank-you is overdue, a status the list
    // leaves out, but still planned, so its event stays as it was.
    const ics = toIcs([overdue], { now: LATER, state, statuses: ['upcoming', 'cancelled'] });
    expect(eventOf(ics, thankYou.key)).toBeUndefined();
    expect(eventOf(ics, checkIn.key)).toContain('STATUS:CANCELLED');
    expect(state.events[thankYou.key]?.sequence).toBe(0);
  });
});

describe('state files', () => {
  /** A state as the version before cancellations wrote it: no `event` in its entries. */
  function oldState(): unknown {
    const state = exportedBoth();
    return JSON.parse(JSON.stringify(state), (key, value) => (key === 'event' ? undefined : value));
  }

  it('remember what each event showed', () => {
    expect(exportedBoth().events[checkIn.key]).toEqual({
      hash: expect.any(String),
      sequence: 0,
      lastModified: '2026-11-30T12:00:00.000Z',
      event: {
        due: '2026-12-14T15:30:00.000Z',
        timezone: 'America/Chicago',
        duration: 'PT30M',
        title: 'Check in with Dana',
      },
    });
  });

  it('load when written before events were remembered, and learn the events still planned', () => {
    const state = createIcsState(oldState());
    const fresh = toIcs([thankYou, checkIn], { now: LATER, state: exportedBoth() });
    expect(toIcs([thankYou, checkIn], { now: LATER, state })).toBe(fresh);
    expect(state.events[checkIn.key]?.event?.title).toBe('Check in with Dana');
    expect(state.events[checkIn.key]?.sequence).toBe(0);
  });

  it('keep an old entry whose reminder left the plan, without a cancellation: they never knew its event', () => {
    const saved = oldState();
    const state = createIcsState(saved);
    const ics = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(ics, checkIn.key)).toBeUndefined();
    expect(state.events[checkIn.key]).toEqual(
      (saved as { events: Record<string, unknown> }).events[checkIn.key],
    );
    // The reminder still planned is learned, and can be cancelled from now on.
    expect(eventOf(toIcs([], { now: LATER, state }), thankYou.key)).toContain('STATUS:CANCELLED');
  });

  it.each([
    ['due', 'tomorrow', /`events\["acme-pm\/check-in\/1"\]\.event\.due`: expected an ISO instant/],
    [
      'timezone',
      'Mars/Olympus',
      /`events\["acme-pm\/check-in\/1"\]\.event\.timezone`: expected an IANA/,
    ],
    [
      'duration',
      '30 minutes',
      /`events\["acme-pm\/check-in\/1"\]\.event\.duration`: expected an ISO 8601/,
    ],
    ['title', 7, /`events\["acme-pm\/check-in\/1"\]\.event\.title`/],
    ['cancelled', false, /`events\["acme-pm\/check-in\/1"\]\.event\.cancelled`/],
  ])(
    'reject a malformed event.%s with an invalid_options error naming it',
    (field, value, message) => {
      const saved = JSON.parse(json(exportedBoth()));
      saved.events[checkIn.key].event[field] = value;
      expect(() => createIcsState(saved)).toThrow(message);
      expect(() => createIcsState(saved)).toThrow(
        expect.objectContaining({
          code: 'invalid_options',
          path: ['events', checkIn.key, 'event', field],
        }),
      );
    },
  );
});

describe('a state changed by hand', () => {
  it('names a malformed remembered event when it is to be cancelled', () => {
    const state = exportedBoth();
    state.events[checkIn.key]!.event!.timezone = 'Mars/Olympus';
    expect(() => toIcs([thankYou], { now: LATER, state })).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        message:
          '[runner-up] [ical] option `state.events["acme-pm/check-in/1"].event.timezone`: expected an IANA time zone like Europe/Paris',
      }),
    );
  });
});

describe('options between exports', () => {
  it('switching to all-day events raises SEQUENCE, and a cancellation keeps the form its event had', () => {
    const state = exportedBoth();
    const ics = toIcs([thankYou], { now: LATER, state, allDay: true });
    // The thank-you was a timed event: now a date, so clients must be told it changed.
    expect(eventOf(ics, thankYou.key)).toEqual(
      expect.arrayContaining(['SEQUENCE:1', 'DTSTART;VALUE=DATE:20261123']),
    );
    // The check-in was timed when a client took it: its cancellation is timed too.
    expect(eventOf(ics, checkIn.key)).toEqual(
      expect.arrayContaining([
        'SEQUENCE:1',
        'DTSTART;TZID=America/Chicago:20261214T093000',
        'STATUS:CANCELLED',
      ]),
    );
    // Back to the defaults: the fingerprint is the one of before, one SEQUENCE higher.
    const back = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(back, thankYou.key)).toContain('SEQUENCE:2');
    const fresh = createIcsState();
    toIcs([thankYou], { now: NOW, state: fresh });
    expect(state.events[thankYou.key]!.hash).toBe(fresh.events[thankYou.key]!.hash);
  });

  it('a cancelled event is transparent: it takes no time, also where STATUS is ignored', () => {
    const state = exportedBoth();
    const ics = toIcs([thankYou], { now: LATER, state });
    expect(eventOf(ics, checkIn.key)).toContain('TRANSP:TRANSPARENT');
    expect(eventOf(ics, thankYou.key)).not.toContain('TRANSP:TRANSPARENT');
    const calendar = createIcsState();
    toCalendar([thankYou, checkIn], { now: NOW, state: calendar });
    const viaGenerator = unfoldedLines(
      toCalendar([thankYou], { now: LATER, state: calendar }).toString(),
    );
    expect(viaGenerator).toContain('TRANSP:TRANSPARENT');
  });
});

describe('every writer cancels', () => {
  it('toCalendar follows the same state and writes the same cancellation', () => {
    const state = createIcsState();
    toCalendar([thankYou, checkIn], { now: NOW, state });
    const text = toCalendar([thankYou], { now: LATER, state }).toString();
    const lines = unfoldedLines(text);
    expect(lines).toContain('UID:acme-pm/check-in/1@runner-up');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:1');
    expect(json(state)).toBe(
      json(
        (() => {
          const s = exportedBoth();
          toIcs([thankYou], { now: LATER, state: s });
          return s;
        })(),
      ),
    );
  });

  it('the sink counts the cancellation and writes it once', async () => {
    const written: string[] = [];
    const sink = icalSink({ write: (text) => void written.push(text), now: () => new Date(LATER) });
    await sink.sync([thankYou, checkIn]);
    const report = await sink.sync([thankYou]);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1, cancelled: 1 });
    expect(eventOf(written[1]!, checkIn.key)).toContain('STATUS:CANCELLED');
    // Written again as it was: nothing new is cancelled.
    const again = await sink.sync([thankYou]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, cancelled: 0 });
    expect(written[2]).toBe(written[1]);
  });

  it('the feed serves the cancellation with a new ETag', async () => {
    let reminders: Reminder[] = [thankYou, checkIn];
    const handler = createFeedHandler({
      token: 'f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d',
      load: () => reminders,
      now: () => new Date(NOW),
    });
    const url = 'http://calendar.test/feed/f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d.ics';
    const first = await handler(new Request(url));
    reminders = [thankYou];
    const second = await handler(new Request(url));
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(eventOf(await second.text(), checkIn.key)).toEqual(
      expect.arrayContaining(['STATUS:CANCELLED', 'SEQUENCE:1']),
    );
    const third = await handler(new Request(url));
    expect(third.headers.get('etag')).toBe(second.headers.get('etag'));
  });
});

describe('the domain a state was written with', () => {
  const refusal =
    "[runner-up] [ical] option `domain`: the calendar state was written with domain `runner-up` (UIDs `<key>@runner-up`); with `lynne.example` every UID would be new to the clients and the events they hold would never be updated or cancelled. Keep `domain: 'runner-up'`, or start a new state and remove the old events from the calendars that imported them.";

  it('is kept in the state, through JSON', () => {
    const restored = createIcsState(JSON.parse(json(exportedBoth())));
    expect(restored.domain).toBe('runner-up');
  });

  it('refuses an export with another domain, leaving the state as it was', () => {
    const state = exportedBoth();
    const before = json(state);
    expect(() => toIcs([thankYou], { now: LATER, state, domain: 'lynne.example' })).toThrow(
      expect.objectContaining({ code: 'invalid_options', path: ['domain'], message: refusal }),
    );
    expect(() => toCalendar([thankYou], { now: LATER, state, domain: 'lynne.example' })).toThrow(
      refusal,
    );
    expect(json(state)).toBe(before);
    // The same domain goes on as before: the check-in that left is cancelled under its old UID.
    expect(eventOf(toIcs([thankYou], { now: LATER, state }), checkIn.key)).toContain(
      'STATUS:CANCELLED',
    );
  });

  it('is checked when the sink and the feed handler are made, not at their first write', () => {
    const state = exportedBoth();
    expect(() => icalSink({ write() {}, state, domain: 'lynne.example' })).toThrow(refusal);
    expect(() =>
      createFeedHandler({
        token: 'f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d',
        load: () => [],
        state,
        domain: 'lynne.example',
      }),
    ).toThrow(refusal);
  });

  it('is taken from the first export by a state written before domains were kept', () => {
    const state = exportedBoth();
    delete state.domain;
    const restored = createIcsState(JSON.parse(json(state)));
    expect(restored.domain).toBeUndefined();
    toIcs([thankYou, checkIn], { now: LATER, state: restored, domain: 'lynne.example' });
    expect(restored.domain).toBe('lynne.example');
  });

  it('is recorded only by an export that succeeds, and a refused one leaves the state as it was', () => {
    // A reminder no calendar can hold: its zone is unknown. The export used to record its domain
    // all the same, and every later export with the real one was refused.
    const lost = reminder({
      key: 'acme-pm/lost/1',
      stepId: 'lost',
      local: { date: '2026-12-02', time: '09:30', timezone: 'Mars/Olympus' },
    });
    for (const exporter of [toIcs, toCalendar]) {
      const state = exportedBoth();
      delete state.domain;
      const before = json(state);
      expect(() =>
        exporter([thankYou, checkIn, lost], { now: LATER, state, domain: 'lynne.example' }),
      ).toThrow(expect.objectContaining({ code: 'invalid_options' }));
      expect(json(state), exporter.name).toBe(before);
      exporter([thankYou, checkIn], { now: LATER, state, domain: 'runner-up' });
      expect(state.domain, exporter.name).toBe('runner-up');
    }
  });

  it('refuses a state file whose domain is not a domain name, naming the field', () => {
    expect(() => createIcsState({ version: 1, domain: 'a b', events: {} })).toThrow(
      '[runner-up] [ical] calendar state `domain`: expected a domain name like example.com',
    );
  });
});
