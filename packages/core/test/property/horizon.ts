/** What the property tests of the horizon and of repeats moved onto one day share. */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  addDays,
  type CadenceInput,
  isRunnerUpError,
  type OpportunityInput,
  type PipelineInput,
  plan,
  type Reminder,
} from '../../src';

/**
 * Opportunity `o<index>` following `cadence`, decided `decided.from` plus 0 to `decided.days`
 * days, with up to `touches.max` email touchpoints 0 to `touches.days` days after the decision,
 * about one in six of them from the contact (a reply).
 */
export function opportunityArbitrary(
  index: number,
  cadence: fc.Arbitrary<CadenceInput>,
  decided: { from: string; days: number },
  touches: { max: number; days: number },
): fc.Arbitrary<OpportunityInput> {
  return fc
    .record({
      on: fc.integer({ min: 0, max: decided.days }).map((n) => addDays(decided.from, n)),
      cadence,
      touches: fc.array(
        fc.record({
          days: fc.integer({ min: 0, max: touches.days }),
          inbound: fc.integer({ min: 0, max: 5 }),
        }),
        { maxLength: touches.max },
      ),
    })
    .map(({ on, cadence: c, touches: drawn }) => ({
      id: `o${index}`,
      organization: 'Acme',
      title: 'PM',
      dates: { decided: on },
      contacts: [{ name: 'Dana' }],
      cadence: c,
      touchpoints: drawn.map((t) => ({
        on: addDays(on, t.days),
        channel: 'email' as const,
        ...(t.inbound === 0 ? { direction: 'in' as const } : {}),
      })),
    }));
}

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
