import { describe, expect, test } from 'vitest';
import { addBusinessDays, createWorkCalendar, isWorkday, nextWorkday } from '../../src';

const calendar = createWorkCalendar(
  ['mon', 'tue', 'wed', 'thu', 'fri'],
  ['2026-12-25', '2027-01-01'],
);

describe('business days', () => {
  test('a weekend day and a holiday are not workdays', () => {
    expect(isWorkday('2026-11-23', calendar)).toBe(true);
    expect(isWorkday('2026-11-21', calendar)).toBe(false);
    expect(isWorkday('2026-12-25', calendar)).toBe(false);
  });

  test('moves a Saturday to Monday and Christmas to the Monday after', () => {
    expect(nextWorkday('2026-11-21', calendar)).toBe('2026-11-23');
    expect(nextWorkday('2026-12-25', calendar)).toBe('2026-12-28');
    expect(nextWorkday('2026-11-23', calendar)).toBe('2026-11-23');
  });

  test('one business day after a Friday is the Monday', () => {
    expect(addBusinessDays('2026-11-20', 1, calendar)).toBe('2026-11-23');
  });

  test('ignores a holiday that is not a date, and keeps the others (regression: an empty one threw or hid them)', () => {
    for (const holidays of [
      ['2026-12-25', '', '2026-01-01'],
      ['2026-07-03', '', '2026-01-01', '2026-12-25'],
    ]) {
      const withBlank = createWorkCalendar(['mon', 'tue', 'wed', 'thu', 'fri'], holidays);
      expect(isWorkday('2026-01-01', withBlank)).toBe(false);
      expect(isWorkday('2026-12-25', withBlank)).toBe(false);
    }
    const withBlank = createWorkCalendar(
      ['mon', 'tue', 'wed', 'thu', 'fri'],
      ['2026-07-03', '', '2026-01-01', '2026-12-25'],
    );
    // 250 business days from Fri 2 Jan 2026, three holidays on weekdays on the way.
    expect(addBusinessDays('2026-01-02', 250, withBlank)).toBe('2026-12-21');
  });

  test('skips holidays while counting business days', () => {
    // Thu 24 Dec + 2: Fri 25 is Christmas, so Mon 28 then Tue 29.
    expect(addBusinessDays('2026-12-24', 2, calendar)).toBe('2026-12-29');
    expect(addBusinessDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
  });

  test('zero business days is the day itself, or the next workday', () => {
    expect(addBusinessDays('2026-11-20', 0, calendar)).toBe('2026-11-20');
    expect(addBusinessDays('2026-11-21', 0, calendar)).toBe('2026-11-23');
  });

  test('honours a custom working week', () => {
    const sundayToThursday = createWorkCalendar(['sun', 'mon', 'tue', 'wed', 'thu']);
    expect(nextWorkday('2026-11-20', sundayToThursday)).toBe('2026-11-22');
  });
});
