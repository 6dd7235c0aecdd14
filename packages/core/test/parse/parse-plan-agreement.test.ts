import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan';
import { isRunnerUpError } from '../../src/errors';
import type { PipelineInput } from '../../src/model/pipeline';
import { safeParsePipeline } from '../../src/parse';

// parsePipeline checks references so that `runner-up validate` catches, with a position, what
// plan() would otherwise throw on. These properties pin the two together on random pipelines.
const DATE_KEYS = ['decided', 'winnerStarts', 'kickoff', 'renewalReview', 'scopingCall'] as const;
const ANCHORS = ['previous', 'lastTouch', ...DATE_KEYS] as const;
const CADENCES = [
  'runner-up',
  'relocated',
  'proposal-runner-up',
  'silver-medalist',
  'quarterly',
  'custom-a',
  'custom-b',
] as const;

const dateValue = fc.option(
  fc.constantFrom('2026-10-05', '2026-11-20', '2026-12-07', '2027-01-11'),
  { nil: null },
);

const customCadence = fc.record({
  steps: fc.array(
    fc.record({
      id: fc.constantFrom('one', 'two', 'three', 'four'),
      after: fc.constantFrom('P1D', 'P2W', 'P1M', { businessDays: 2 }),
      from: fc.constantFrom(...ANCHORS),
      title: fc.constant('Follow up with {contact.firstName}'),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  rules: fc.option(
    fc.record({
      maxUnanswered: fc.constant(1),
      thenCadence: fc.constantFrom(...CADENCES),
    }),
    { nil: undefined },
  ),
});

const opportunity = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  organization: fc.constant('Prairie Telecom'),
  title: fc.constant('Program Manager'),
  dates: fc.dictionary(fc.constantFrom(...DATE_KEYS), dateValue, { maxKeys: 3 }),
  cadence: fc.constantFrom<string | false>(...CADENCES, 'runer-up', false),
  touchpoints: fc.array(
    fc.record({
      on: fc.constantFrom('2026-10-20', '2026-11-25'),
      channel: fc.constant('email' as const),
      direction: fc.constantFrom('in' as const, 'out' as const),
    }),
    { maxLength: 2 },
  ),
});

const pipeline = fc
  .record({
    a: customCadence,
    b: customCadence,
    opportunities: fc.array(opportunity, { minLength: 1, maxLength: 3 }),
  })
  .map(
    ({ a, b, opportunities }): PipelineInput => ({
      version: 1,
      owner: { name: 'Lynne', timezone: 'America/Chicago' },
      cadences: {
        'custom-a': { ...a, rules: a.rules ?? {} },
        'custom-b': { ...b, rules: b.rules ?? {} },
      },
      opportunities,
    }),
  );

const REFERENCE_CODES = ['unknown_anchor', 'unknown_cadence', 'duplicate_id'];

describe('parsePipeline and plan() agree', () => {
  it('plan() accepts every pipeline parsePipeline accepts', () => {
    fc.assert(
      fc.property(pipeline, (input) => {
        const parsed = safeParsePipeline(input);
        if (!parsed.success) return;
        expect(() => plan(parsed.data, { now: '2026-12-01T15:00:00Z' })).not.toThrow();
      }),
      { numRuns: 250 },
    );
  });

  it('an anchor parsePipeline reports missing is one plan() cannot do without', () => {
    // Hand-over cadences are left out: their anchors are checked before the hand-over happens,
    // while plan() only needs them once it has.
    const withoutHandOver = pipeline.map((input) => ({
      ...input,
      cadences: Object.fromEntries(
        Object.entries(input.cadences ?? {}).map(([id, cadence]) => [
          id,
          { ...cadence, rules: {} },
        ]),
      ),
    }));
    fc.assert(
      fc.property(withoutHandOver, (input) => {
        const parsed = safeParsePipeline(input);
        if (parsed.success) return;
        const codes = new Set(parsed.error.issues.map((issue) => issue.code));
        if (![...codes].every((code) => code === 'unknown_anchor')) return;
        let thrown: unknown;
        try {
          plan(input, { now: '2026-12-01T15:00:00Z' });
        } catch (error) {
          thrown = error;
        }
        expect(isRunnerUpError(thrown) && thrown.code).toBe('unknown_anchor');
      }),
      { numRuns: 250 },
    );
  });

  it('generates both valid pipelines and each kind of reference problem', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(pipeline, (input) => {
        const parsed = safeParsePipeline(input);
        if (parsed.success) seen.add('valid');
        else for (const issue of parsed.error.issues) seen.add(issue.code);
      }),
      { numRuns: 250, seed: 7 },
    );
    expect([...seen].sort()).toEqual(['valid', ...REFERENCE_CODES].sort());
  });
});
