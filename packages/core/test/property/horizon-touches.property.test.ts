/**
 * The horizon decides how far ahead reminders are shown, and nothing else: with touches recorded
 * after its end (logged ahead, or a horizon given as an early date), a longer horizon still shows
 * exactly what a shorter one shows within it. The generated pipelines are built for it: repeating
 * cadences that hand over after unanswered touches, and touches well past the short horizon.
 */
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { addDays, type CadenceInput, type PipelineInput } from '../../src';
import { laterHorizonKeepsEarlier, opportunityArbitrary } from './horizon';

const runs = { numRuns: Number(process.env.HORIZON_RUNS ?? 300) };

const cadence: fc.Arbitrary<CadenceInput> = fc
  .record({
    steps: fc.array(
      fc.record({
        from: fc.constantFrom('decided', 'previous', 'lastTouch'),
        after: fc.constantFrom('P0D', 'P1D', 'P1W', 'P3W'),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    repeat: fc.oneof(
      fc.record(
        {
          every: fc.constantFrom('P1D', 'P1W', 'P2W', 'P1M'),
          count: fc.integer({ min: 1, max: 40 }),
        },
        { requiredKeys: ['every'] },
      ),
      fc.record(
        {
          rrule: fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY', 'FREQ=MONTHLY;BYMONTHDAY=1,15'),
          count: fc.integer({ min: 1, max: 40 }),
        },
        { requiredKeys: ['rrule'] },
      ),
    ),
    businessDays: fc.boolean(),
    restartOnTouch: fc.boolean(),
    stopOn: fc.constantFrom(['reply'], []),
    maxUnanswered: fc.integer({ min: 1, max: 3 }),
    thenCadence: fc.constantFrom('quarterly', 'silver-medalist', 'again'),
  })
  .map(({ steps, repeat, stopOn, ...rules }) => ({
    steps: steps.map((s, i) => ({ ...s, id: `s${i}`, title: 'Hello', action: 'email' as const })),
    repeat,
    rules: { ...rules, stopOn: [...stopOn] },
  }));

const opportunity = (index: number) =>
  opportunityArbitrary(index, cadence, { from: '2026-01-01', days: 60 }, { max: 6, days: 400 });

const pipeline: fc.Arbitrary<[PipelineInput, string]> = fc
  .record({
    opportunities: fc.tuple(opportunity(0), opportunity(1)),
    nowDays: fc.integer({ min: 0, max: 90 }),
  })
  .map(({ opportunities, nowDays }) => [
    {
      version: 1,
      owner: { name: 'Lynne', timezone: 'UTC' },
      cadences: {
        // A cadence handed over to that repeats weekly and hands over again.
        again: {
          steps: [{ id: 'hi', from: 'previous', after: 'P1W', title: 'Hi' }],
          repeat: { every: 'P1W' },
          rules: { maxUnanswered: 2, thenCadence: 'quarterly' },
        },
      },
      opportunities,
    },
    `${addDays('2026-01-01', nowDays)}T12:00:00Z`,
  ]);

describe('touches after the horizon', () => {
  test('a later horizon keeps every reminder of an earlier one and only adds after it', () => {
    fc.assert(laterHorizonKeepsEarlier(pipeline, { maxShort: 150, maxExtra: 400 }), runs);
  });
});
