import { describe, expect, it } from 'vitest';
import { offsetAt, vtimezone, zoneRules } from '../src/timezone';

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
