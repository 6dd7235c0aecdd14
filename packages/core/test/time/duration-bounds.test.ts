/**
 * Regression: durations with numbers too large for a float gave garbage dates (`0NaN-NaN-NaN`),
 * a horizon of `P` and 400 nines planned a few reminders, and a step that far away planned nothing.
 */
import { describe, expect, it } from 'vitest';
import { isRunnerUpError, plan } from '../../src';
import { parseDuration } from '../../src/model/values';
import { parsePipelineYaml } from '../../src/parse';
import {
  addDuration,
  formatPlainDate,
  fromDayNumber,
  PAST_LAST_DATE,
} from '../../src/time/plain-date';
import { step, withCadence } from '../engine/fixtures';

const nines = (n: number) => '9'.repeat(n);

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error('expected a RunnerUpError');
}

describe('durations too large to be meant', () => {
  it('parseDuration refuses a number of more than six digits', () => {
    expect(parseDuration('P999999D')).toMatchObject({ days: 999_999 });
    expect(parseDuration('PT999999S')).toMatchObject({ seconds: 999_999 });
    expect(parseDuration('P1000000D')).toBeUndefined();
    expect(parseDuration('P0000001D')).toMatchObject({ days: 1 });
    expect(parseDuration(`P${nines(400)}Y`)).toBeUndefined();
  });

  it('addDuration never writes NaN: a date that far is the day past the last date', () => {
    expect(addDuration('2026-01-01', `P${nines(400)}Y`)).toBe(PAST_LAST_DATE);
    expect(addDuration('2026-01-01', `P${nines(400)}D`)).toBe(PAST_LAST_DATE);
    expect(addDuration('2026-01-01', `PT${nines(400)}H`)).toBe(PAST_LAST_DATE);
    expect(addDuration('2026-01-01', `P${nines(20)}M`, 3)).toBe(PAST_LAST_DATE);
    expect(addDuration('2026-01-01', 'P1000000D')).toBe('4763-11-29');
    expect(addDuration('2026-01-01', `P${nines(400)}Y`, 0)).toBe('2026-01-01');
    expect(fromDayNumber(Number.NaN)).toBe(PAST_LAST_DATE);
    expect(fromDayNumber(Number.POSITIVE_INFINITY)).toBe(PAST_LAST_DATE);
  });

  it('fromDayNumber reads days on both sides of those it keeps by index (1970 to 2149)', () => {
    // Twice each: the second answer comes from what the first kept.
    for (let round = 0; round < 2; round++) {
      expect(fromDayNumber(-1)).toBe('1969-12-31');
      expect(fromDayNumber(0)).toBe('1970-01-01');
      expect(fromDayNumber(65_535)).toBe('2149-06-06');
      expect(fromDayNumber(65_536)).toBe('2149-06-07');
      expect(fromDayNumber(-719_468)).toBe('0000-03-01');
    }
  });

  it('formatPlainDate refuses fields that are not whole numbers', () => {
    expect(errorOf(() => formatPlainDate(Number.NaN, 1, 1)).code).toBe('invalid_options');
    expect(errorOf(() => formatPlainDate(2026, 1.5, 1)).code).toBe('invalid_options');
    expect(formatPlainDate(2026, 1, 1)).toBe('2026-01-01');
  });

  it('plan() refuses a horizon of P and 400 nines, as it refuses P9999Y', () => {
    const pipeline = withCadence({ steps: [step('a', 'decided', 'P3D')] });
    const error = errorOf(() => plan(pipeline, { now: '2026-12-01', horizon: `P${nines(400)}Y` }));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['horizon']);
  });

  it('plan() says what the limit is for a horizon with too large a number', () => {
    const pipeline = withCadence({ steps: [step('a', 'decided', 'P3D')] });
    const error = errorOf(() => plan(pipeline, { now: '2026-12-01', horizon: 'P1000000D' }));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['horizon']);
    expect(error.message).toBe(
      '[runner-up] [plan] `horizon`: a number in a duration can be at most 999999, got "P1000000D"; give a shorter duration like P24M or a last date like 2028-12-31.',
    );
    // One digit fewer is a horizon like any other.
    expect(() => plan(pipeline, { now: '2026-12-01', horizon: 'P999999D' })).not.toThrow();
  });

  it('a step after P and 300 nines Y is an error at its `after`, not a step that never falls', () => {
    const text = `version: 1
owner: { name: Lynne, timezone: America/Chicago }
opportunities:
  - id: a
    organization: A
    title: T
    dates: { decided: 2026-11-20 }
    cadence:
      steps: [{ id: s, after: P${nines(300)}Y, title: x }]
`;
    const error = errorOf(() => parsePipelineYaml(text, { file: 'f.yaml' }));
    expect(error.code).toBe('invalid_pipeline');
    expect(error.message).toMatch(
      /^f\.yaml:9:31 `opportunities\[0\]\.cadence\.steps\[0\]\.after`: /,
    );
    expect(error.message).toContain(
      `got "P${nines(56)}..." (a number in a duration can be at most 999999)`,
    );
  });
});
