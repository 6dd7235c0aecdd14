/** What the property tests of the horizon share. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { addDays, isRunnerUpError, type PipelineInput, plan, type Reminder } from '../../src';

/** `plan()` with a horizon; undefined when it refuses the input with a `RunnerUpError`. */
export function tryPlan(
  input: PipelineInput,
  now: string,
  horizon: string,
): Reminder[] | undefined {
  try {
    return plan(input, { now, horizon });
  } catch (error) {
    if (isRunnerUpError(error)) return undefined;
    throw error;
  }
}

/**
 * The property "a later horizon keeps every reminder of an earlier one and only adds after it",
 * over generated pipelines and `now`: a horizon ending 0 to `maxShort` days after `now`, and one
 * 1 to `maxExtra` days later.
 */
export function laterHorizonKeepsEarlier(
  pipeline: fc.Arbitrary<[PipelineInput, string]>,
  { maxShort, maxExtra }: { maxShort: number; maxExtra: number },
) {
  return fc.property(
    pipeline,
    fc.integer({ min: 0, max: maxShort }),
    fc.integer({ min: 1, max: maxExtra }),
    ([input, now], shortDays, extraDays) => {
      const shortEnd = addDays(now.slice(0, 10), shortDays);
      const short = tryPlan(input, now, shortEnd);
      if (!short) return;
      const long = tryPlan(input, now, addDays(shortEnd, extraDays))!;
      expect(long.filter((r) => r.local.date <= shortEnd)).toEqual(short);
    },
  );
}
