import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDuration,
  builtinCadences,
  CadenceSchema,
  isRunnerUpError,
  type PipelineInput,
  PipelineSchema,
  plan,
  type Reminder,
} from '../../src';
import { toLocal } from '../../src/time/zoned';
import { nowArbitrary, pipelineArbitrary } from './arbitraries';
import { isOwnersWorkday } from './workday';

/** Plans, or returns undefined when the generated pipeline is rejected with a RunnerUpError. */
function tryPlan(pipeline: PipelineInput, now: string): Reminder[] | undefined {
  try {
    return plan(pipeline, { now });
  } catch (error) {
    if (isRunnerUpError(error)) return undefined;
    throw error;
  }
}

const runs = { numRuns: 150 };

describe('plan() properties', () => {
  test('never throws anything but a RunnerUpError', () => {
    let rejected = 0;
    fc.assert(
      fc.property(pipelineArbitrary({ wild: true }), nowArbitrary, (pipeline, now) => {
        if (tryPlan(pipeline, now) === undefined) rejected += 1;
      }),
      { numRuns: 300 },
    );
    // The wild inputs do reach the error paths.
    expect(rejected).toBeGreaterThan(0);
  });

  test('keys are unique and built from opportunity, step and occurrence', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const reminders = tryPlan(pipeline, now);
        if (!reminders) return;
        const keys = reminders.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const r of reminders)
          expect(r.key).toBe(`${r.opportunityId}/${r.stepId}/${r.occurrence}`);
      }),
      runs,
    );
  });

  test('output is sorted by due, then key', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const reminders = tryPlan(pipeline, now) ?? [];
        for (let i = 1; i < reminders.length; i++) {
          const [a, b] = [reminders[i - 1]!, reminders[i]!];
          expect(a.due < b.due || (a.due === b.due && a.key < b.key)).toBe(true);
        }
      }),
      runs,
    );
  });

  test("every reminder stays within the horizon, in the owner's zone, and explains itself", () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const reminders = tryPlan(pipeline, now) ?? [];
        const zone = pipeline.owner.timezone;
        const horizonEnd = addDuration(toLocal(Date.parse(now), zone).date, 'P24M');
        for (const r of reminders) {
          expect(r.local.date <= horizonEnd).toBe(true);
          expect(r.local.timezone).toBe(zone);
          expect(r.why).toMatch(/^Planned .+\.$/);
          expect(new Date(r.due).toISOString()).toBe(r.due);
        }
      }),
      runs,
    );
  });

  test('with business days on, nothing falls on a non-workday or a holiday', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary({ businessDays: true, presets: ['runner-up', 'relocated', 'quarterly'] }),
        nowArbitrary,
        (pipeline, now) => {
          const reminders = tryPlan(pipeline, now) ?? [];
          const owner = PipelineSchema.parse(pipeline).owner;
          for (const r of reminders) expect(isOwnersWorkday(r.local.date, owner), r.key).toBe(true);
        },
      ),
      runs,
    );
  });

  test('nothing is planned after a reply or for a won, closed or withdrawn opportunity', () => {
    const shape = { presets: ['runner-up', 'relocated', 'quarterly', 'silver-medalist'] };
    fc.assert(
      fc.property(
        pipelineArbitrary(shape),
        nowArbitrary,
        // At least a day later: an inbound touch on the decision day is not a reply.
        fc.integer({ min: 1, max: 200 }),
        // A touch from them, or a call of yours they picked up (`answered`).
        fc.boolean(),
        (pipeline, now, daysAfter, answeredCall) => {
          // A reply from the first opportunity's contact after everything else recorded there.
          const first = pipeline.opportunities![0]!;
          const known = [
            ...Object.values(first.dates ?? {}).filter((d): d is string => typeof d === 'string'),
            ...(first.touchpoints ?? []).map((t) => t.on),
          ].sort();
          const latest = known.at(-1)!;
          const reply = new Date(Date.parse(`${latest}T00:00:00Z`) + daysAfter * 86_400_000)
            .toISOString()
            .slice(0, 10);
          first.touchpoints = [
            ...(first.touchpoints ?? []),
            answeredCall
              ? { on: reply, channel: 'call', answered: true }
              : { on: reply, channel: 'email', direction: 'in' },
          ];
          const reminders = tryPlan(pipeline, now) ?? [];
          const parsed = PipelineSchema.parse(pipeline);
          parsed.opportunities.forEach((opportunity, index) => {
            const cadence = opportunity.cadence;
            // A preset stops on what its own rules say (`silver-medalist` not on a reply).
            const stopOn =
              typeof cadence === 'object'
                ? cadence.rules.stopOn
                : CadenceSchema.parse(builtinCadences[cadence as string]).rules.stopOn;
            const mine = reminders.filter((r) => r.opportunityId === opportunity.id);
            if (stopOn.includes(opportunity.status as never)) {
              expect(mine.every((r) => r.status === 'done')).toBe(true);
            }
            const handsOver =
              typeof cadence === 'object' && cadence.rules.maxUnanswered !== undefined;
            if (index === 0 && stopOn.includes('reply') && !handsOver) {
              for (const r of mine) {
                if (r.status !== 'done') expect(r.local.date <= reply).toBe(true);
              }
            }
          });
        },
      ),
      runs,
    );
  });

  // The reminder's date may move (a done reminder is no longer pushed by minGapDays); its key never does.
  test('a touch recorded for a reminder completes it under the same key', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary({
          anchors: ['decided', 'previous', 'winnerStarts'],
          handover: false,
          presets: ['runner-up', 'relocated', 'quarterly'],
        }),
        nowArbitrary,
        fc.nat(),
        fc.integer({ min: 0, max: 30 }),
        (pipeline, now, pick, late) => {
          const before = tryPlan(pipeline, now);
          const pending = (before ?? []).filter(
            (r) => r.status !== 'done' && r.status !== 'skipped',
          );
          if (pending.length === 0) return;
          const target = pending[pick % pending.length]!;
          const opportunity = pipeline.opportunities!.find((o) => o.id === target.opportunityId)!;
          const on = new Date(Date.parse(`${target.local.date}T00:00:00Z`) + late * 86_400_000)
            .toISOString()
            .slice(0, 10);
          opportunity.touchpoints = [
            ...(opportunity.touchpoints ?? []),
            { on, channel: 'email', reminder: target.key },
          ];
          const after = plan(pipeline, { now });
          const completed = after.find((r) => r.key === target.key);
          expect(completed).toBeDefined();
          expect(completed!.status).toBe('done');
          expect(completed!.stepId).toBe(target.stepId);
          expect(completed!.occurrence).toBe(target.occurrence);
        },
      ),
      runs,
    );
  });

  test('the order touchpoints are listed in does not matter when no two share a date', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const distinct = (pipeline.opportunities ?? []).every((o) => {
          const days = (o.touchpoints ?? []).map((t) => t.on);
          return new Set(days).size === days.length;
        });
        fc.pre(distinct);
        const reversed = {
          ...pipeline,
          opportunities: (pipeline.opportunities ?? []).map((o) => ({
            ...o,
            touchpoints: [...(o.touchpoints ?? [])].reverse(),
          })),
        };
        expect(tryPlan(reversed, now)).toEqual(tryPlan(pipeline, now));
      }),
      runs,
    );
  });

  test('the order opportunities are listed in does not matter', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const reversed = {
          ...pipeline,
          opportunities: [...(pipeline.opportunities ?? [])].reverse(),
        };
        const forward = tryPlan(pipeline, now);
        // Error paths name the opportunity by its index, which reversing changes.
        fc.pre(forward !== undefined);
        expect(tryPlan(reversed, now)).toEqual(forward);
      }),
      runs,
    );
  });

  test('an opportunity at another organization, with other people, changes nothing else', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const before = tryPlan(pipeline, now);
        fc.pre(before !== undefined);
        const opportunities = pipeline.opportunities ?? [];
        const unrelated = {
          id: 'unrelated',
          organization: 'Nobody Else Inc',
          title: 'Analyst',
          dates: { decided: opportunities[0]?.dates?.decided ?? '2026-01-05' },
          contacts: [{ name: 'Quinn Other', email: 'quinn@nobody.example' }],
          cadence: 'runner-up',
          touchpoints: [{ on: '2026-02-02', channel: 'email' as const, with: 'Quinn Other' }],
        };
        const after = tryPlan({ ...pipeline, opportunities: [...opportunities, unrelated] }, now);
        expect(after?.filter((r) => r.opportunityId !== 'unrelated')).toEqual(before);
      }),
      runs,
    );
  });

  test('gives the same answer whatever the host time zone', () => {
    const samples = fc.sample(fc.tuple(pipelineArbitrary(), nowArbitrary), {
      numRuns: 40,
      seed: 20261120,
    });
    const here = samples.map(([pipeline, now]) => tryPlan(pipeline, now) ?? null);
    const child = fileURLToPath(new URL('./plan-in-child.ts', import.meta.url));
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', child], {
        input: JSON.stringify(samples),
        encoding: 'utf8',
        env: { ...process.env, TZ: zone },
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(result.status, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout) as { zone: string; results: unknown[] };
      expect(parsed.zone).toBe(zone);
      expect(parsed.results).toEqual(here);
    }
  });
});
