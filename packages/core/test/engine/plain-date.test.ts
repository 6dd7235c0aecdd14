import { describe, expect, test } from 'vitest';
import { addDays, addDuration, compare, diffDays, weekday } from '../../src';
// Internal: not exported from the package.
import { fromDayNumber, toDayNumber } from '../../src/time/plain-date';

describe('plain-date arithmetic', () => {
  test('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  test('round-trips day numbers with 1970-01-01 as day zero', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11_017);
    for (const date of ['1600-02-29', '1969-12-31', '2026-11-20', '2400-12-31']) {
      expect(fromDayNumber(toDayNumber(date))).toBe(date);
    }
  });

  test('clamps month arithmetic to the end of a short month', () => {
    expect(addDuration('2027-01-31', 'P1M')).toBe('2027-02-28');
    expect(addDuration('2028-01-31', 'P1M')).toBe('2028-02-29');
    expect(addDuration('2028-02-29', 'P1Y')).toBe('2029-02-28');
  });

  test('multiplies before clamping, so a series stays anchored to the 31st', () => {
    expect([1, 2, 3].map((k) => addDuration('2027-01-31', 'P3M', k))).toEqual([
      '2027-04-30',
      '2027-07-31',
      '2027-10-31',
    ]);
  });

  test('adds years and months before weeks and days', () => {
    expect(addDuration('2027-01-31', 'P1M1D')).toBe('2027-03-01');
    expect(addDuration('2026-11-20', 'P3W')).toBe('2026-12-11');
    expect(addDuration('2026-11-20', 'P1Y2M10D')).toBe('2028-01-30');
  });

  test('counts only whole days from the clock part of a duration', () => {
    expect(addDuration('2026-11-20', 'PT48H')).toBe('2026-11-22');
    expect(addDuration('2026-11-20', 'PT30M')).toBe('2026-11-20');
  });

  test('names weekdays, compares and measures distances', () => {
    expect(weekday('2026-11-20')).toBe('fri');
    expect(weekday('1970-01-01')).toBe('thu');
    expect(weekday('1969-12-29')).toBe('mon');
    expect(compare('2026-11-20', '2026-11-21')).toBeLessThan(0);
    expect(compare('2026-11-20', '2026-11-20')).toBe(0);
    expect(diffDays('2026-11-20', '2027-11-20')).toBe(365);
    expect(diffDays('2028-03-01', '2028-02-28')).toBe(-2);
  });
});
