/**
 * Properties of repeats that a move to a workday puts on one day (concepts.md, "Rules"): a daily
 * repeat over a weekend or a string of holidays is shown once on the workday, the latest standing
 * for the ones left out, and its `why` counts them. The generated pipelines are built for it:
 * business days on, repeats every one to three days, holidays and short working weeks.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, type CadenceInput, type PipelineInput, type Reminder } from '../../src';
import { laterHorizonKeepsEarlier, opportunityArbitrary, tryPlan } from './horizon';

const runs = (numRuns: number) => ({ numRuns: Number(process.env.FOLD_RUNS ?? numRuns) });

const cadence: fc.Arbitrary<CadenceInput> = fc
  .record({
    steps: fc.array(
      fc.record({
        from: fc.constantFrom('decided', 'previous'),
        after: fc.oneof(
          fc.constantFrom('P0D', 'P1D', 'P2D'),
          fc.integer({ min: 0, max: 3 }).map((businessDays) => ({ businessDays })),
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    repeat: fc.oneof(
      fc.record({
        every: fc.constantFrom('P1D', 'P2D', 'P3D'),
        count: fc.integer({ min: 1, max: 30 }),
      }),
      fc.record({
        rrule: fc.constantFrom(
          'FREQ=DAILY',
          'FREQ=DAILY;INTERVAL=2',
          'FREQ=WEEKLY;BYDAY=FR,SA,SU,MO',
        ),
        count: fc.integer({ min: 1, max: 30 }),
      }),
    ),
    restartOnTouch: fc.boolean(),
    stopOn: fc.constantFrom(['reply'], []),
  })
  .map(({ steps, repeat, restartOnTouch, stopOn }) => ({
    steps: steps.map((s, i) => ({ ...s, id: `s${i}`, title: 'Hello', action: 'email' as const })),
    repeat,
    rules: { businessDays: true, restartOnTouch, stopOn: [...stopOn] },
  }));

const opportunity = (index: number) =>
  opportunityArbitrary(index, cadence, { from: '2026-11-01', days: 120 }, { max: 5, days: 60 });

const pipeline: fc.Arbitrary<[PipelineInput, string]> = fc
  .record({
    workdays: fc.constantFrom(
      ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
      ['mon', 'wed', 'fri'] as const,
      ['tue', 'wed', 'thu'] as const,
    ),
    holidays: fc.array(
      fc.integer({ min: 0, max: 200 }).map((n) => addDays('2026-11-01', n)),
      { maxLength: 12 },
    ),
    opportunities: fc.tuple(opportunity(0), opportunity(1)),
    nowDays: fc.integer({ min: 0, max: 150 }),
  })
  .map(({ workdays, holidays, opportunities, nowDays }) => [
    {
      version: 1,
      owner: { name: 'Lynne', timezone: 'Europe/Berlin', workdays: [...workdays], holidays },
      opportunities,
    },
    `${addDays('2026-11-01', nowDays)}T12:00:00Z`,
  ]);

const inAYear = (input: PipelineInput, now: string) => tryPlan(input, now, 'P1Y');

/** The reminders of each series (`opportunity/step`), in occurrence order. */
function bySeries(reminders: Reminder[]): Map<string, Reminder[]> {
  const series = new Map<string, Reminder[]>();
  for (const r of reminders) {
    const id = `${r.opportunityId}/${r.stepId}`;
    series.set(id, [...(series.get(id) ?? []), r]);
  }
  for (const list of series.values()) list.sort((a, b) => a.occurrence - b.occurrence);
  return series;
}

/** How many reminders a `why` says were left out before it (0 when it says none). */
function leftOut(why: string): number {
  const many =
    /the (\d+) reminders of this step before it, moved to the same workday, are left out/.exec(why);
  if (many) return Number(many[1]);
  return why.includes('the reminder of this step before it, moved to the same workday, is left out')
    ? 1
    : 0;
}

describe('repeats moved onto one workday', () => {
  test('no two reminders of a step still to do share a day', () => {
    fc.assert(
      fc.property(pipeline, ([input, now]) => {
        const reminders = inAYear(input, now);
        if (!reminders) return;
        const seen = new Set<string>();
        for (const r of reminders) {
          if (r.status === 'done' || r.status === 'skipped') continue;
          const slot = `${r.opportunityId}/${r.stepId}@${r.local.date}`;
          expect(seen.has(slot), slot).toBe(false);
          seen.add(slot);
        }
      }),
      runs(300),
    );
  });

  test('each occurrence missing from a series is one a later reminder says it stands for', () => {
    fc.assert(
      fc.property(pipeline, ([input, now]) => {
        const reminders = inAYear(input, now);
        if (!reminders) return;
        for (const [id, list] of bySeries(reminders)) {
          const last = list.at(-1)!.occurrence;
          const missing = last - list.length;
          const stated = list.reduce((sum, r) => sum + leftOut(r.why), 0);
          expect(stated, id).toBe(missing);
        }
      }),
      runs(300),
    );
  });

  test('a later horizon keeps every reminder of an earlier one and only adds after it', () => {
    fc.assert(laterHorizonKeepsEarlier(pipeline, { maxShort: 120, maxExtra: 200 }), runs(200));
  });

  test('every reminder falls on a workday', () => {
    fc.assert(
      fc.property(pipeline, ([input, now]) => {
        const reminders = inAYear(input, now);
        if (!reminders) return;
        const holidays = new Set(input.owner.holidays);
        const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
        for (const r of reminders) {
          const day = names[new Date(`${r.local.date}T00:00:00Z`).getUTCDay()]!;
          expect(input.owner.workdays).toContain(day);
          expect(holidays.has(r.local.date)).toBe(false);
        }
      }),
      runs(200),
    );
  });
});
