import { describe, expect, it } from 'vitest';
import { RunnerUpError } from '../../src/errors';
import { offsetMinutes, toInstant, toLocal } from '../../src/time/zoned';

const iso = (ms: number) => new Date(ms).toISOString();

describe('toInstant', () => {
  it('converts an ordinary wall time with the zone offset of that date', () => {
    expect(iso(toInstant('2026-01-15', '09:30', 'America/New_York'))).toBe(
      '2026-01-15T14:30:00.000Z',
    );
    expect(iso(toInstant('2026-07-15', '09:30', 'America/New_York'))).toBe(
      '2026-07-15T13:30:00.000Z',
    );
    expect(iso(toInstant('2026-07-15', '09:30', 'Europe/London'))).toBe('2026-07-15T08:30:00.000Z');
    expect(iso(toInstant('2026-01-15', '00:00', 'UTC'))).toBe('2026-01-15T00:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap length (02:30 → 03:30 EDT)', () => {
    const at = toInstant('2026-03-08', '02:30', 'America/New_York');
    expect(iso(at)).toBe('2026-03-08T07:30:00.000Z');
    expect(toLocal(at, 'America/New_York')).toEqual({ date: '2026-03-08', time: '03:30' });
  });

  it('moves the first minute of a gap to the first minute after it', () => {
    expect(iso(toInstant('2026-03-29', '01:00', 'Europe/London'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(toInstant('2026-03-29', '01:59', 'Europe/London'))).toBe('2026-03-29T01:59:00.000Z');
    expect(toLocal(toInstant('2026-03-29', '01:30', 'Europe/London'), 'Europe/London')).toEqual({
      date: '2026-03-29',
      time: '02:30',
    });
  });

  it('keeps the wall times on either side of a gap exact', () => {
    expect(iso(toInstant('2026-03-08', '01:59', 'America/New_York'))).toBe(
      '2026-03-08T06:59:00.000Z',
    );
    expect(iso(toInstant('2026-03-08', '03:00', 'America/New_York'))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('takes the earlier instant for a time repeated by the fall-back change', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); the first one wins.
    expect(iso(toInstant('2026-11-01', '01:30', 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // 01:30 BST (00:30Z) before 01:30 GMT (01:30Z).
    expect(iso(toInstant('2026-10-25', '01:30', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    // Just outside the overlap, each side is exact.
    expect(iso(toInstant('2026-11-01', '00:59', 'America/New_York'))).toBe(
      '2026-11-01T04:59:00.000Z',
    );
    expect(iso(toInstant('2026-11-01', '02:00', 'America/New_York'))).toBe(
      '2026-11-01T07:00:00.000Z',
    );
  });

  it('handles Lord Howe’s half-hour DST shift in both directions', () => {
    // Standard +10:30, daylight +11:00; clocks go 02:00 → 02:30 on 2026-10-04.
    const gap = toInstant('2026-10-04', '02:15', 'Australia/Lord_Howe');
    expect(iso(gap)).toBe('2026-10-03T15:45:00.000Z');
    expect(toLocal(gap, 'Australia/Lord_Howe')).toEqual({ date: '2026-10-04', time: '02:45' });
    expect(offsetMinutes(gap, 'Australia/Lord_Howe')).toBe(660);
    // Clocks go 02:00 → 01:30 on 2026-04-05: 01:45 happens twice, the first at +11:00.
    expect(iso(toInstant('2026-04-05', '01:45', 'Australia/Lord_Howe'))).toBe(
      '2026-04-04T14:45:00.000Z',
    );
    expect(iso(toInstant('2026-04-05', '02:00', 'Australia/Lord_Howe'))).toBe(
      '2026-04-04T15:30:00.000Z',
    );
  });

  it('handles a half-hour zone without DST (Asia/Kolkata)', () => {
    expect(iso(toInstant('2026-03-08', '09:30', 'Asia/Kolkata'))).toBe('2026-03-08T04:00:00.000Z');
    expect(iso(toInstant('2026-01-01', '00:15', 'Asia/Kolkata'))).toBe('2025-12-31T18:45:00.000Z');
  });

  it('handles a day a zone skipped entirely (Samoa, 2011-12-30)', () => {
    const at = toInstant('2011-12-30', '09:00', 'Pacific/Apia');
    expect(toLocal(at, 'Pacific/Apia')).toEqual({ date: '2011-12-31', time: '09:00' });
  });

  it('rejects malformed dates and times and unknown zones with a RunnerUpError', () => {
    expect(() => toInstant('2026-02-29', '09:30', 'UTC')).toThrow(
      /Invalid date: expected a date like 2026-11-20, got "2026-02-29"/,
    );
    expect(() => toInstant('2026-4-1', '09:30', 'UTC')).toThrow(RunnerUpError);
    expect(() => toInstant('2026-04-31', '09:30', 'UTC')).toThrow(RunnerUpError);
    expect(() => toInstant('2026-04-01', '24:00', 'UTC')).toThrow(/Invalid time/);
    expect(() => toInstant('2026-04-01', '9:30', 'UTC')).toThrow(/Invalid time/);
    expect(() => toInstant('2026-04-01', '09:30', 'Mars/Olympus')).toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
    expect(() => toInstant('2026-04-01', '09:30', '')).toThrow(RunnerUpError);
    expect(toInstant('2028-02-29', '09:30', 'UTC')).toBe(Date.UTC(2028, 1, 29, 9, 30));
  });
});

describe('toLocal', () => {
  it('reads the wall clock of an instant in the zone', () => {
    expect(toLocal(Date.UTC(2026, 0, 15, 14, 30), 'America/New_York')).toEqual({
      date: '2026-01-15',
      time: '09:30',
    });
    expect(toLocal(Date.UTC(2025, 11, 31, 18, 45), 'Asia/Kolkata')).toEqual({
      date: '2026-01-01',
      time: '00:15',
    });
    expect(toLocal(Date.UTC(2026, 9, 3, 15, 29), 'Australia/Lord_Howe')).toEqual({
      date: '2026-10-04',
      time: '01:59',
    });
    expect(toLocal(Date.UTC(2026, 9, 3, 15, 30), 'Australia/Lord_Howe')).toEqual({
      date: '2026-10-04',
      time: '02:30',
    });
  });

  it('shows both readings of a fall-back overlap', () => {
    expect(toLocal(Date.UTC(2026, 10, 1, 5, 30), 'America/New_York').time).toBe('01:30');
    expect(toLocal(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York').time).toBe('01:30');
  });

  it('drops seconds instead of rounding them', () => {
    expect(toLocal(Date.UTC(2026, 0, 1, 0, 0, 59, 999), 'UTC')).toEqual({
      date: '2026-01-01',
      time: '00:00',
    });
  });

  it('round-trips every hour of a year of wall times through toInstant, outside gaps', () => {
    for (const zone of [
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    ]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 60_000 * 7) {
        const local = toLocal(t, zone);
        const back = toInstant(local.date, local.time, zone);
        // In an overlap the earlier reading comes back; otherwise the same instant.
        const truncated = t - (t % 60_000);
        if (back !== truncated) {
          expect(back).toBeLessThan(truncated);
          expect(toLocal(back, zone)).toEqual(local);
        } else {
          expect(back).toBe(truncated);
        }
      }
    }
  });
});

describe('offsetMinutes', () => {
  it('gives minutes east of UTC, following DST', () => {
    expect(offsetMinutes(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(Date.UTC(2026, 6, 15), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(Date.UTC(2026, 6, 15), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(Date.UTC(2026, 0, 15), 'Australia/Lord_Howe')).toBe(660);
    expect(offsetMinutes(Date.UTC(2026, 0, 15), 'UTC')).toBe(0);
  });

  it('switches at the exact minute of a change, even mid-day in UTC', () => {
    // New York springs forward at 07:00Z on 2026-03-08.
    expect(offsetMinutes(Date.UTC(2026, 2, 8, 6, 59, 59), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(Date.UTC(2026, 2, 8, 7, 0), 'America/New_York')).toBe(-240);
    // Lord Howe: 02:00 +10:30 = 15:30Z on 2026-10-03.
    expect(offsetMinutes(Date.UTC(2026, 9, 3, 15, 29), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(Date.UTC(2026, 9, 3, 15, 30), 'Australia/Lord_Howe')).toBe(660);
  });

  it('does not depend on the host time zone', () => {
    // The suite runs under several TZ values; this pins that the answers above are absolute.
    const probe = new Date(Date.UTC(2026, 6, 15, 12));
    expect(offsetMinutes(probe.getTime(), 'UTC')).toBe(0);
    expect(toLocal(probe.getTime(), 'UTC')).toEqual({ date: '2026-07-15', time: '12:00' });
  });
});
