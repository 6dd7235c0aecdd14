import { describe, expect, it } from 'vitest';
import { RunnerUpError } from '../../src/errors';
import { expandRRule, validateRRule } from '../../src/time/recurrence';

const dates = (list: Array<{ date: string; time: string }>) => list.map((o) => o.date);

describe('validateRRule', () => {
  it.each([
    'FREQ=MONTHLY;BYDAY=3MO',
    'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;WKST=SU',
    'freq=monthly;byday=-1fr',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=DAILY;COUNT=5',
    'FREQ=DAILY;UNTIL=20261231',
    'FREQ=DAILY;UNTIL=20261231T170000Z',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    'FREQ=WEEKLY;INTERVAL=2;BYHOUR=9,14;BYMINUTE=0',
  ])('accepts %s', (rule) => {
    expect(validateRRule(rule)).toBeUndefined();
  });

  it.each([
    ['FREQ=MONTHY', 'unknown FREQ "MONTHY"'],
    ['', 'the rule is empty: write one like "FREQ=MONTHLY;BYDAY=3MO"'],
    ['BYDAY=MO', 'FREQ is required, e.g. FREQ=MONTHLY'],
    ['FREQ=DAILY;FOO=1', 'unknown rule part "FOO"'],
    ['FREQ=DAILY;COUNT', 'expected NAME=VALUE, got "COUNT"'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ appears more than once'],
    [
      'DTSTART:20260101T093000\nRRULE:FREQ=DAILY',
      'DTSTART is not allowed in the rule: the cadence supplies the start',
    ],
    [
      'FREQ=DAILY;DTSTART=20260101',
      'DTSTART is not allowed in the rule: the cadence supplies the start',
    ],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=DAILY;COUNT=0', 'COUNT must be at least 1, got "0"'],
    ['FREQ=DAILY;COUNT=two', 'COUNT expects a whole number, got "TWO"'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL expects a whole number of at least 1, got "0"'],
    [
      'FREQ=DAILY;UNTIL=20260231',
      'UNTIL expects a date like 20261231 or a date-time like 20261231T170000Z, got "20260231"',
    ],
    ['FREQ=WEEKLY;BYDAY=MO,XX', 'BYDAY expects days like MO, TU or 3MO, -1FR, got "XX"'],
    [
      'FREQ=WEEKLY;BYDAY=2MO',
      'BYDAY "2MO" has a position, which only FREQ=MONTHLY or FREQ=YEARLY allow',
    ],
    ['FREQ=MONTHLY;BYDAY=6MO', 'BYDAY "6MO" position must be 1 to 5'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value "32" is out of range (1 to 31 or -31 to -1)'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY value "0" is out of range (1 to 31 or -31 to -1)'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH value "13" is out of range (1 to 12)'],
    ['FREQ=MONTHLY;BYWEEKNO=3', 'BYWEEKNO can only be used with FREQ=YEARLY'],
    ['FREQ=MONTHLY;BYYEARDAY=3', 'BYYEARDAY cannot be used with FREQ=MONTHLY'],
    [
      'FREQ=MONTHLY;BYSETPOS=-1',
      'BYSETPOS needs another BYxxx part to pick from, e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    ],
    ['FREQ=WEEKLY;WKST=XX', 'unknown WKST "XX": use one of MO, TU, WE, TH, FR, SA, SU'],
    ['FREQ=SECONDLY', 'FREQ=SECONDLY is not supported: reminders fall on whole minutes'],
    ['FREQ=DAILY;BYSECOND=30', 'BYSECOND is not supported: reminders fall on whole minutes'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR value "24" is out of range (0 to 23)'],
    [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'BYMONTH=2;BYMONTHDAY=30 never occurs: no such day in those months',
    ],
  ])('rejects %j with a message naming the bad part', (rule, message) => {
    expect(validateRRule(rule)).toBe(message);
  });
});

describe('expandRRule', () => {
  it('expands the third Monday of each month, keeping the wall time', () => {
    expect(
      expandRRule(
        'FREQ=MONTHLY;BYDAY=3MO',
        { date: '2026-01-19', time: '09:30' },
        { until: '2026-04-30' },
      ),
    ).toEqual([
      { date: '2026-01-19', time: '09:30' },
      { date: '2026-02-16', time: '09:30' },
      { date: '2026-03-16', time: '09:30' },
      { date: '2026-04-20', time: '09:30' },
    ]);
  });

  it('counts DTSTART as the first occurrence only when it matches the rule', () => {
    // 2026-01-01 is a Thursday, not a third Monday: it is not an occurrence and does not count.
    expect(
      dates(
        expandRRule(
          'FREQ=MONTHLY;BYDAY=3MO;COUNT=2',
          { date: '2026-01-01', time: '09:30' },
          { until: '2027-12-31' },
        ),
      ),
    ).toEqual(['2026-01-19', '2026-02-16']);
  });

  it('stops at range.until inclusive even when the rule is unbounded', () => {
    expect(
      dates(
        expandRRule('FREQ=DAILY', { date: '2026-01-01', time: '23:59' }, { until: '2026-01-03' }),
      ),
    ).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('stops after range.max occurrences', () => {
    expect(
      dates(
        expandRRule(
          'FREQ=WEEKLY',
          { date: '2026-01-05', time: '09:00' },
          { until: '2030-01-01', max: 2 },
        ),
      ),
    ).toEqual(['2026-01-05', '2026-01-12']);
    expect(
      expandRRule(
        'FREQ=WEEKLY',
        { date: '2026-01-05', time: '09:00' },
        { until: '2030-01-01', max: 0 },
      ),
    ).toEqual([]);
  });

  it('stops at the rule’s COUNT before range.until', () => {
    expect(
      expandRRule(
        'FREQ=DAILY;COUNT=2',
        { date: '2026-01-01', time: '08:00' },
        { until: '2026-12-31' },
      ),
    ).toHaveLength(2);
  });

  it('includes the whole day of a date-only UNTIL', () => {
    expect(
      dates(
        expandRRule(
          'FREQ=DAILY;UNTIL=20260103',
          { date: '2026-01-01', time: '17:00' },
          { until: '2026-12-31' },
        ),
      ),
    ).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('expands series of the first thousand years, whose years have fewer than four digits', () => {
    // Weekdays checked against Python's proleptic Gregorian `datetime.date(...).weekday()`.
    const expand = (rule: string, date: string, until: string) =>
      dates(expandRRule(rule, { date, time: '09:30' }, { until }));
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=15,20', '0500-01-15', '0500-03-31')).toEqual([
      '0500-01-15',
      '0500-01-20',
      '0500-02-15',
      '0500-02-20',
      '0500-03-15',
      '0500-03-20',
    ]);
    // Years 0 to 99, which Date.UTC reads as 1900 to 1999; UNTIL in both forms.
    expect(expand('FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=00500131', '0050-01-15', '0050-03-31')).toEqual([
      '0050-01-17',
      '0050-01-21',
      '0050-01-24',
      '0050-01-28',
      '0050-01-31',
    ]);
    expect(
      expand('FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=00500131T093000Z', '0050-01-15', '0050-03-31'),
    ).toEqual(['0050-01-17', '0050-01-21', '0050-01-24', '0050-01-28', '0050-01-31']);
    // Across the year 100, and Feb 29 in the leap years of the first century.
    expect(expand('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '0099-11-01', '0100-06-30')).toEqual([
      '0099-11-27',
      '0099-12-25',
      '0100-01-29',
    ]);
    expect(expand('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '0001-01-01', '0013-12-31')).toEqual([
      '0004-02-29',
      '0008-02-29',
      '0012-02-29',
    ]);
  });

  it('compares a UTC UNTIL as a floating wall time', () => {
    expect(
      dates(
        expandRRule(
          'FREQ=DAILY;UNTIL=20260103T090000Z',
          { date: '2026-01-01', time: '09:00' },
          { until: '2026-12-31' },
        ),
      ),
    ).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(
      dates(
        expandRRule(
          'FREQ=DAILY;UNTIL=20260103T085900Z',
          { date: '2026-01-01', time: '09:00' },
          { until: '2026-12-31' },
        ),
      ),
    ).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('keeps 02:30 as a floating time on a DST change day (the caller applies the zone)', () => {
    expect(
      expandRRule('FREQ=DAILY', { date: '2026-03-07', time: '02:30' }, { until: '2026-03-09' }),
    ).toEqual([
      { date: '2026-03-07', time: '02:30' },
      { date: '2026-03-08', time: '02:30' },
      { date: '2026-03-09', time: '02:30' },
    ]);
  });

  it('gives each caller its own occurrences, so mutating one result leaves the next intact', () => {
    const start = { date: '2026-01-05', time: '09:00' };
    const first = expandRRule('FREQ=WEEKLY;COUNT=2', start, { until: '2026-12-31' });
    first[0]!.time = '23:59';
    first.pop();
    expect(expandRRule('FREQ=WEEKLY;COUNT=2', start, { until: '2026-12-31' })).toEqual([
      { date: '2026-01-05', time: '09:00' },
      { date: '2026-01-12', time: '09:00' },
    ]);
  });

  it('returns nothing when the range ends before the start', () => {
    expect(
      expandRRule('FREQ=DAILY', { date: '2026-03-07', time: '09:00' }, { until: '2026-03-06' }),
    ).toEqual([]);
  });

  it('throws invalid_rrule naming the rule and the bad part', () => {
    const attempt = () =>
      expandRRule('FREQ=MONTHY', { date: '2026-01-01', time: '09:00' }, { until: '2026-12-31' });
    expect(attempt).toThrow(RunnerUpError);
    expect(attempt).toThrow('[runner-up] Invalid rrule "FREQ=MONTHY": unknown FREQ "MONTHY".');
    try {
      attempt();
    } catch (error) {
      expect((error as RunnerUpError).code).toBe('invalid_rrule');
    }
  });

  it('rejects a malformed start or range with invalid_options', () => {
    expect(() =>
      expandRRule('FREQ=DAILY', { date: '2026-02-30', time: '09:00' }, { until: '2026-12-31' }),
    ).toThrow('[runner-up] Invalid start date: expected a date like 2026-11-20, got "2026-02-30".');
    expect(() =>
      expandRRule('FREQ=DAILY', { date: '2026-02-03', time: '9:00' }, { until: '2026-12-31' }),
    ).toThrow(/Invalid start time/);
    expect(() =>
      expandRRule('FREQ=DAILY', { date: '2026-02-03', time: '09:00' }, { until: 'soon' }),
    ).toThrow(/Invalid range end/);
  });
});
