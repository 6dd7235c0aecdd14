// minGapDays on dense pipelines: a few opportunities at one organization, decided on one day, with
// short repeats and small gaps, so that pushes meet. The general arbitraries spread dates too
// widely for that.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type OpportunityInput, type PipelineInput, plan } from '../../src';

// The seed comes from vitest.setup.ts (fixed in CI, FC_SEED to replay).
const runs = { numRuns: 300 };

const opportunity = (index: number): fc.Arbitrary<OpportunityInput> =>
  fc
    .record({
      after: fc.constantFrom('P0D', 'P1D', 'P2D', 'P3D'),
      every: fc.constantFrom('P1W', 'P10D', 'P2W'),
      count: fc.integer({ min: 1, max: 6 }),
      minGapDays: fc.integer({ min: 0, max: 6 }),
      businessDays: fc.boolean(),
      contact: fc.constantFrom(undefined, 'Dana Lee', 'Sam Ortiz'),
      // News that no gap moves, and that the others keep their gap from.
      urgent: fc.boolean(),
    })
    .map(({ after, every, count, minGapDays, businessDays, contact, urgent }) => ({
      id: `o${index}`,
      organization: 'Globex',
      title: 'Role',
      dates: { decided: '2026-03-02' },
      contacts: contact
        ? [{ name: contact, email: `${contact.split(' ')[0]}@globex.example` }]
        : [],
      cadence: {
        steps: [{ id: 'hello', from: 'decided', after, title: 'Hello', urgent }],
        repeat: { every, count },
        rules: { minGapDays, businessDays },
      },
    }));

const dense: fc.Arbitrary<PipelineInput> = fc
  .integer({ min: 2, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => opportunity(i))))
  .map((opportunities) => ({
    version: 1,
    owner: { name: 'Lynne', timezone: 'UTC', holidays: ['2026-03-20', '2026-04-03'] },
    opportunities,
  }));

/** The same pipelines with one `minGapDays` for every cadence. */
const denseUniform: fc.Arbitrary<PipelineInput> = fc
  .tuple(dense, fc.integer({ min: 1, max: 6 }))
  .map(([pipeline, gap]) => {
    for (const o of pipeline.opportunities ?? []) {
      const cadence = o.cadence as { rules: { minGapDays: number } };
      cadence.rules.minGapDays = gap;
    }
    return pipeline;
  });

describe('minGapDays on dense pipelines', () => {
  test('a touch recorded for a reminder on its day, as sync writes it, moves no other', () => {
    const now = '2026-02-01T12:00:00Z';
    fc.assert(
      fc.property(denseUniform, fc.nat(), (pipeline, pick) => {
        const before = plan(pipeline, { now });
        const unmoved = before.filter(
          (r) => r.status !== 'done' && r.status !== 'skipped' && !r.why.includes('pushed from'),
        );
        fc.pre(unmoved.length > 0);
        const target = unmoved[pick % unmoved.length]!;
        const after = structuredClone(pipeline);
        const opportunity = after.opportunities!.find((o) => o.id === target.opportunityId)!;
        opportunity.touchpoints = [
          {
            on: target.local.date,
            channel: 'email',
            reminder: target.key,
            ...(target.contact ? { with: target.contact.name } : {}),
          },
        ];
        const others = (list: typeof before) =>
          list.filter((r) => r.key !== target.key).map(({ why: _why, ...rest }) => rest);
        const result = plan(after, { now });
        expect(result.find((r) => r.key === target.key)?.status).toBe('done');
        expect(others(result)).toEqual(others(before));
      }),
      runs,
    );
  });

  test('a longer horizon changes nothing within a shorter one, urgent steps and all', () => {
    const now = '2026-02-01T12:00:00Z';
    fc.assert(
      fc.property(dense, fc.integer({ min: 0, max: 40 }), (pipeline, days) => {
        const end = new Date(Date.UTC(2026, 2, 2 + days)).toISOString().slice(0, 10);
        const within = (horizon: string) =>
          plan(pipeline, { now, horizon }).filter((r) => r.local.date <= end);
        expect(within('2026-12-31')).toEqual(within(end));
      }),
      runs,
    );
  });

  test('no two reminders still to do of one step share a day', () => {
    fc.assert(
      fc.property(dense, (pipeline) => {
        const seen = new Set<string>();
        for (const r of plan(pipeline, { now: '2026-02-01T12:00:00Z' })) {
          if (r.status === 'done' || r.status === 'skipped') continue;
          const slot = `${r.opportunityId}/${r.stepId} ${r.local.date}`;
          expect(seen.has(slot), slot).toBe(false);
          seen.add(slot);
        }
      }),
      runs,
    );
  });
});
