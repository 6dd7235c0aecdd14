/**
 * Regression: `now` past the year 9999 threw a RangeError from Intl (`8.64e15`, or a Date of it)
 * or silently planned nothing (`Date.UTC(20000, 0, 1)`), where a string that late was an
 * `invalid_options` error. Every form of `now` is now held to the days runner-up plans.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isRunnerUpError,
  LAST_DATE,
  LAST_PLANNED_DATE,
  lintPipeline,
  plan,
  type RunnerUpError,
} from '../../src';
import { parsePipeline } from '../../src/parse';
import { addDuration, toDayNumber } from '../../src/time/plain-date';
import { step, withCadence } from '../engine/fixtures';

const pipeline = withCadence({ steps: [step('a', 'decided', 'P3D')] });

function nowError(now: Date | string | number, zone = 'America/Chicago'): RunnerUpError {
  const input = withCadence({ steps: [step('a', 'decided', 'P3D')] }, {}, { timezone: zone });
  try {
    plan(input, { now, horizon: '9999-12-30' });
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error(`now ${String(now)} was accepted`);
}

describe('now outside the years runner-up plans', () => {
  it.each([
    ['8.64e15 ms', 8.64e15],
    ['a Date of 8.64e15 ms', new Date(8.64e15)],
    ['-8.64e15 ms', -8.64e15],
    ['a number past the range of Date', 1e20],
    ['the year 20000', Date.UTC(20000, 0, 1)],
    ['the year -5', Date.UTC(-5, 0, 1)],
    ['the year 0', '0000-06-01'],
    ['the year 0 as an instant', '0000-06-01T00:00:00Z'],
    ['the last day, 9999-12-31', '9999-12-31'],
    ['the last day as an instant', '9999-12-31T23:59:59Z'],
  ])('refuses %s as invalid_options naming `now`', (_, now) => {
    const error = nowError(now);
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['now']);
    expect(error.message).toMatch(
      /^\[runner-up\] \[plan\] `now`: expected a moment from 0001-01-01 to 9999-12-30 in America\/Chicago, the days runner-up plans, got /,
    );
  });

  it('names the moment it got', () => {
    expect(nowError(Date.UTC(20000, 0, 1)).message).toContain('got +020000-01-01T00:00:00.000Z.');
    expect(nowError(1e20).message).toContain('got 100000000000000000000 ms.');
    expect(nowError('9999-12-31').message).toContain('got "9999-12-31".');
  });

  it("judges the day in the owner's zone", () => {
    // 9999-12-31 in UTC is still 9999-12-30 in Chicago, and already 9999-12-31 in Tokyo.
    const late = Date.UTC(9999, 11, 31, 3);
    expect(plan(pipeline, { now: late, horizon: '9999-12-30' })).toMatchObject([
      { status: 'overdue' },
    ]);
    expect(nowError(late, 'Asia/Tokyo').path).toEqual(['now']);
    // 0001-01-01 in UTC is still year 0 in Chicago.
    const early = Date.parse('0001-01-01T03:00:00Z');
    expect(nowError(new Date(early)).path).toEqual(['now']);
    expect(() => plan(pipeline, { now: early + 86_400_000, horizon: '2026-11-30' })).not.toThrow();
    expect(() => plan(pipeline, { now: '0001-01-01', horizon: 'P1D' })).not.toThrow();
  });

  it('is checked by lintPipeline too', () => {
    let caught: unknown;
    try {
      lintPipeline(parsePipeline(pipeline), { now: 8.64e15 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid_options', path: ['now'] });
  });
});

describe('date arithmetic on a year of five digits', () => {
  it('reads the whole year, not its first four digits', () => {
    expect(toDayNumber('10000-01-01')).toBe(toDayNumber('9999-12-31') + 1);
    expect(addDuration('10000-01-01', 'P1D')).toBe('9999-12-32');
  });
});

describe('LAST_PLANNED_DATE', () => {
  it('is the day before LAST_DATE, and the last horizon plan() takes', () => {
    expect(LAST_PLANNED_DATE).toBe(addDays(LAST_DATE, -1));
    expect(() => plan(pipeline, { now: '9999-12-01', horizon: LAST_PLANNED_DATE })).not.toThrow();
    expect(() => plan(pipeline, { now: '9999-12-01', horizon: LAST_DATE })).toThrow(
      `reaches past ${LAST_PLANNED_DATE}, the last day runner-up plans`,
    );
  });
});
