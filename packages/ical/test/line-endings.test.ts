import { describe, expect, it } from 'vitest';
import { createFeedHandler, icalSink, toCalendar, toIcs } from '../src/index';
import { addCoffee, loadReminders, reminder } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const TOKEN = 'f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d';
const dst = loadReminders('dst-reminders.json');

/** RFC 5545 §3.1: every content line, the last one included, ends with CRLF; no bare CR or LF. */
function expectCrlfLines(text: string): void {
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
}

describe('every calendar the package writes ends each line with CRLF, the last one too', () => {
  it('toCalendar().toString(), which ical-generator ends without one', () => {
    expectCrlfLines(toCalendar([], { now: NOW }).toString());
    expectCrlfLines(toCalendar(dst, { now: NOW }).toString());
    const calendar = toCalendar([reminder()], { now: NOW });
    addCoffee(calendar);
    expectCrlfLines(calendar.toString());
    expectCrlfLines(String(calendar));
  });

  it('toIcs', () => {
    expectCrlfLines(toIcs([], { now: NOW }));
    expectCrlfLines(toIcs(dst, { now: NOW }));
  });

  it('the feed handler', async () => {
    const handler = createFeedHandler({
      load: () => dst,
      token: TOKEN,
      now: () => new Date(NOW),
    });
    const response = await handler(new Request(`http://calendar.test/feed/${TOKEN}.ics`));
    expectCrlfLines(await response.text());
  });

  it('the sink', async () => {
    const written: string[] = [];
    const sink = icalSink({ write: (text) => void written.push(text), now: () => new Date(NOW) });
    await sink.sync(dst);
    expectCrlfLines(written[0]!);
  });
});
