import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWall, offsetAt, utcWall, vtimezone, zoneRules } from '../src/timezone';

describe('VTIMEZONE derived from Intl', () => {
  it('finds the 2026 DST changes of New York to the minute', () => {
    const text = vtimezone('America/New_York', 2026, 2026);
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n',
    );
  });

  it('labels southern-hemisphere summer time DAYLIGHT (Sydney, October to April)', () => {
    const text = vtimezone('Australia/Sydney', 2026, 2026);
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20260405T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000\r\n',
    );
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20261004T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100\r\n',
    );
  });

  it('handles half-hour shifts (Lord Howe Island) and zones without DST', () => {
    const lordHowe = vtimezone('Australia/Lord_Howe', 2026, 2026);
    expect(lordHowe).toContain('TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030');
    const tokyo = vtimezone('Asia/Tokyo', 2026, 2027);
    expect(tokyo.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(tokyo).toContain('TZOFFSETTO:+0900');
  });

  it('agrees with Intl at every hour of a year', () => {
    for (const zone of ['Europe/London', 'America/Santiago', 'Asia/Kolkata']) {
      const rules = zoneRules(zone, 2026, 2026);
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        if (rules.offsetAt(t) !== offsetAt(zone, t)) {
          throw new Error(`${zone} at ${new Date(t).toISOString()}`);
        }
      }
    }
  });

  it('resolves a local time in the repeated hour to its first pass, in a gap with the earlier offset', () => {
    const rules = zoneRules('America/New_York', 2026, 2026);
    const wall = { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 };
    expect(rules.isAmbiguous(wall)).toBe(true);
    expect(new Date(rules.instantOf(wall)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    const gap = { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 };
    expect(rules.isAmbiguous(gap)).toBe(false);
    expect(new Date(rules.instantOf(gap)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('UTC wall readings and their format', () => {
  const MAX_DATE_MS = 8.64e15;

  it('reads an instant as the getUTC* methods of a Date do, across the whole Date range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }), (ms) => {
        const d = new Date(ms);
        expect(utcWall(ms)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
        });
      }),
      { numRuns: 5000 },
    );
  });

  it('reads leap days and the instants around midnight and the epoch', () => {
    for (const iso of [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1900-03-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      const w = utcWall(Date.parse(iso));
      const back = new Date(Date.parse(iso)).toISOString().slice(0, 19);
      expect(
        `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`,
      ).toBe(back);
    }
  });

  it('formats four-digit years by table and other years zero-padded to four places', () => {
    const wall = { month: 3, day: 8, hour: 7, minute: 5, second: 9 };
    expect(formatWall({ year: 2026, ...wall })).toBe('20260308T070509');
    expect(formatWall({ year: 1000, ...wall })).toBe('10000308T070509');
    expect(formatWall({ year: 999, ...wall })).toBe('09990308T070509');
    expect(formatWall({ year: 12, ...wall })).toBe('00120308T070509');
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
