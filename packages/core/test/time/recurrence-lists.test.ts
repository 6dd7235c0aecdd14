/**
 * Regression: a value listed twice in an RRULE (`BYHOUR=9,9`, `BYSECOND=0,0`) planned two
 * reminders at one instant, and `BYSECOND=0,` passed because `Number('')` is 0. RFC 5545 lists
 * are sets, so a repeat is surely a slip: it is refused, naming the part, as an empty item is.
 */
import { describe, expect, it } from 'vitest';
import { expandRRule, validateRRule } from '../../src/time/recurrence';

describe('RRULE lists', () => {
  it.each([
    ['FREQ=DAILY;BYHOUR=9,', 'BYHOUR'],
    ['FREQ=DAILY;BYSECOND=0,', 'BYSECOND'],
    ['FREQ=WEEKLY;BYDAY=MO,,WE', 'BYDAY'],
    ['FREQ=MONTHLY;BYMONTHDAY=,1', 'BYMONTHDAY'],
  ])('refuses an empty item in %s', (rule, part) => {
    expect(validateRRule(rule)).toBe(
      `${part} has an empty item in "${rule.split(`${part}=`)[1]!.split(';')[0]}": remove the extra comma`,
    );
  });

  it.each([
    ['FREQ=DAILY;BYHOUR=9,9', 'BYHOUR lists 9 more than once'],
    ['FREQ=DAILY;BYHOUR=9,09', 'BYHOUR lists 09 more than once'],
    ['FREQ=DAILY;BYSECOND=0,0', 'BYSECOND lists 0 more than once'],
    ['FREQ=DAILY;BYMINUTE=0,30,0', 'BYMINUTE lists 0 more than once'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,MO', 'BYDAY lists MO more than once'],
    ['FREQ=MONTHLY;BYDAY=1MO,+1MO', 'BYDAY lists +1MO more than once'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1,1,-1', 'BYMONTHDAY lists -1 more than once'],
    ['FREQ=YEARLY;BYMONTH=1,1', 'BYMONTH lists 1 more than once'],
    ['FREQ=YEARLY;BYWEEKNO=1,+1', 'BYWEEKNO lists +1 more than once'],
    ['FREQ=YEARLY;BYYEARDAY=100,100', 'BYYEARDAY lists 100 more than once'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,1', 'BYSETPOS lists 1 more than once'],
  ])('refuses a value listed twice: %s', (rule, problem) => {
    expect(validateRRule(rule)).toBe(`${problem}: give each value once`);
  });

  it('keeps lists with distinct values, and a day with and without a position', () => {
    expect(validateRRule('FREQ=DAILY;BYHOUR=9,14')).toBeUndefined();
    expect(validateRRule('FREQ=MONTHLY;BYDAY=MO,1MO,-1MO')).toBeUndefined();
    expect(validateRRule('FREQ=MONTHLY;BYMONTHDAY=1,-1')).toBeUndefined();
  });

  it('never expands a rule into two occurrences at one instant', () => {
    expect(() =>
      expandRRule(
        'FREQ=DAILY;BYHOUR=9,9',
        { date: '2026-11-23', time: '09:00' },
        {
          until: '2026-11-25',
        },
      ),
    ).toThrow('BYHOUR lists 9 more than once');
  });
});
