import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createIcsState, toCalendar } from '../src/index';
import { addCoffee, loadReminders, reminder, unfoldedLines } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const dst = loadReminders('dst-reminders.json');

function starts(ics: string): string[] {
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

describe('toCalendar', () => {
  it('returns an ical-generator calendar the user can add events to', () => {
    const calendar = toCalendar([reminder()], { now: NOW });
    addCoffee(calendar);
    const lines = unfoldedLines(calendar.toString());
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([
      'UID:acme-pm/thank-you/1@runner-up',
      'UID:coffee@lynne.example',
    ]);
  });

  it('writes CALSCALE and no METHOD, as toIcs does (a PUBLISH would need an ORGANIZER on every event)', () => {
    const lines = unfoldedLines(toCalendar([reminder()], { now: NOW }).toString());
    expect(lines.filter((l) => /^(METHOD|ORGANIZER)[:;]/.test(l))).toEqual([]);
    expect(lines).toContain('CALSCALE:GREGORIAN');
  });

  it('pins UID and DTSTAMP (in UTC) instead of ical-generator defaults', () => {
    const lines = unfoldedLines(toCalendar([reminder()], { now: NOW }).toString());
    expect(lines).toContain('UID:acme-pm/thank-you/1@runner-up');
    expect(lines).toContain('DTSTAMP:20261130T120000Z');
  });

  it('puts events at the due instants with a VTIMEZONE per zone, whatever the host zone', () => {
    const before = process.env.TZ;
    const outputs = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'].map((zone) => {
      process.env.TZ = zone;
      return toCalendar(dst, { now: NOW }).toString();
    });
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
    expect(new Set(outputs).size).toBe(1);
    expect(starts(outputs[0]!)).toEqual(dst.map((r) => r.due));
    const tzids = unfoldedLines(outputs[0]!).filter((l) => l.startsWith('TZID:'));
    expect(tzids.sort()).toEqual([
      'TZID:America/New_York',
      'TZID:Australia/Sydney',
      'TZID:Europe/London',
    ]);
  });

  it('writes the alarm before the start, not after (ical-generator trigger sign trap)', () => {
    const lines = unfoldedLines(toCalendar([reminder()], { now: NOW, alarm: 'PT10M' }).toString());
    expect(lines).toContain('TRIGGER;RELATED=START:-PT10M');
  });

  it('writes durations in the RFC 5545 form, with a minute between hours and seconds', () => {
    const text = toCalendar([reminder()], {
      now: NOW,
      alarm: 'PT1H30S',
      refreshInterval: 'PT2H5S',
    }).toString();
    const lines = unfoldedLines(text);
    expect(lines).toContain('TRIGGER;RELATED=START:-PT1H0M30S');
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT2H0M5S');
    expect(lines).toContain('X-PUBLISHED-TTL:PT2H0M5S');
    // ical.js reads the trigger back as one hour and 30 seconds before the start.
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const trigger = vevent.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger');
    expect((trigger as ICAL.Duration).toSeconds()).toBe(-3630);
  });

  it('writes all-day events as dates', () => {
    const lines = unfoldedLines(toCalendar([reminder()], { now: NOW, allDay: true }).toString());
    expect(lines).toContain('DTSTART;VALUE=DATE:20261123');
    expect(lines).toContain('DTEND;VALUE=DATE:20261124');
  });

  it('follows the same revision state as toIcs', () => {
    const state = createIcsState();
    toCalendar([reminder()], { now: NOW, state });
    const changed = reminder({ title: 'Call Dana' });
    const lines = unfoldedLines(
      toCalendar([changed], { now: '2026-12-01T09:00:00Z', state }).toString(),
    );
    expect(lines).toContain('SEQUENCE:1');
    expect(lines).toContain('LAST-MODIFIED:20261201T090000Z');
  });
});
