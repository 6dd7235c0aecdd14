/**
 * Regression: `plan()` hung on a huge `businessDays` offset, because addBusinessDays counted one
 * day at a time and went on past the last date runner-up plans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src';
import { addBusinessDays, createWorkCalendar, nextWorkday } from '../../src/time/business-days';
import { addDays, PAST_LAST_DATE, type WeekdayName } from '../../src/time/plain-date';
import { withCadence } from '../engine/fixtures';

/** The definition, one day at a time. */
function naive(date: string, count: number, calendar: ReturnType<typeof createWorkCalendar>) {
  if (count <= 0) return nextWorkday(date, calendar);
  let current = date;
  for (let i = 0; i < count; i++) current = nextWorkday(addDays(current, 1), calendar);
  return current;
}

const WEEKDAYS: WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('addBusinessDays on large counts', () => {
  it('agrees with counting one day at a time, whatever the week and holidays', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((days) => addDays('2025-06-01', days));
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 800 }),
        fc.subarray(WEEKDAYS, { minLength: 1 }),
        fc.array(date, { maxLength: 60 }),
        (start, count, workdays, holidays) => {
          const calendar = createWorkCalendar(workdays, holidays);
          expect(addBusinessDays(start, count, calendar)).toBe(naive(start, count, calendar));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts across many holidays in a row', () => {
    const holidays = Array.from({ length: 40 }, (_, i) => addDays('2026-12-01', i));
    const calendar = createWorkCalendar(undefined, holidays);
    expect(addBusinessDays('2026-11-27', 30, calendar)).toBe(naive('2026-11-27', 30, calendar));
  });

  it('gives the day past the last date at once for a count that reaches past 9999', () => {
    const calendar = createWorkCalendar(undefined, ['2026-12-25']);
    const started = performance.now();
    expect(addBusinessDays('2026-11-20', Number.MAX_SAFE_INTEGER, calendar)).toBe(PAST_LAST_DATE);
    expect(addBusinessDays('2026-11-20', 100_000_000, calendar)).toBe(PAST_LAST_DATE);
    expect(addBusinessDays('9999-12-30', 5, calendar)).toBe(PAST_LAST_DATE);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('plans a step and an estimate of the most business days the schema allows at once', () => {
    const far = { businessDays: 999_999 };
    const step = withCadence({
      steps: [{ id: 's', from: 'decided', after: far, title: 'x' }],
    });
    const estimate = withCadence({
      estimates: { kickoff: { from: 'decided', after: far } },
      steps: [{ id: 's', from: 'kickoff', after: 'P1D', title: 'x' }],
    });
    const started = performance.now();
    for (const pipeline of [step, estimate]) {
      expect(plan(pipeline, { now: '2026-11-20' })).toEqual([]);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
