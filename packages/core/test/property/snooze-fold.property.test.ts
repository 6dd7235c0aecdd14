/**
 * Properties of the snooze rules of concepts.md: a snooze moves what is still to do onto its date,
 * repeats of one step it moves onto one day are shown once ("only the latest is kept"), a touch
 * completes one of those left out only in its own period, which ones are left out is decided
 * before touches complete them, and a reply while the snooze holds plans as if there were none.
 * The generated pipelines are built for it: every opportunity is snoozed, its cadence repeats,
 * and its touches and `now` fall around the snooze.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  type CadenceInput,
  createWorkCalendar,
  isRunnerUpError,
  nextWorkday,
  type OpportunityInput,
  type PipelineInput,
  PipelineSchema,
  plan,
  type Reminder,
} from '../../src';
import { toLocal } from '../../src/time/zoned';
import { isOwnersWorkday } from './workday';

type TouchpointInput = NonNullable<OpportunityInput['touchpoints']>[number];

const runs = (numRuns: number) => ({ numRuns: Number(process.env.SNOOZE_RUNS ?? numRuns) });

interface SnoozeShape {
  /** Allow `maxUnanswered` with a hand-over to `quarterly`. */
  handover?: boolean;
  /** Allow `minGapDays` above 0. */
  gaps?: boolean;
  /** Repeats one per day or more often than weekly may pile up on a Monday without a snooze. */
  dense?: boolean;
  /** Force `stopOn: ['reply']`. */
  stopOnReply?: boolean;
  /** `fixed`: no `lastTouch` anchors. */
  anchors?: 'fixed';
  /**
   * Make folds likely: one opportunity, a first touch soon after the decision (repeats then count
   * from before the snooze), and `now` around the end of the snooze.
   */
  folds?: boolean;
}

const everies = ['P1W', 'P2W', 'P1M', 'P3M'];
const rrules = [
  'FREQ=WEEKLY',
  'FREQ=WEEKLY;INTERVAL=2',
  'FREQ=MONTHLY',
  'FREQ=MONTHLY;BYDAY=3MO',
  'FREQ=MONTHLY;BYMONTHDAY=1,15',
];

function cadenceArbitrary(shape: SnoozeShape): fc.Arbitrary<CadenceInput> {
  const step = fc.record({
    from: fc.constantFrom(
      'decided',
      'previous',
      ...(shape.anchors === 'fixed' ? [] : ['lastTouch']),
    ),
    after: fc.oneof(
      fc.constantFrom('P0D', 'P1D', 'P1W', 'P3W', 'P1M'),
      fc.integer({ min: 0, max: 4 }).map((businessDays) => ({ businessDays })),
    ),
  });
  const bounds = {
    until: fc.oneof(
      fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n)),
      fc.constantFrom('P2M', 'P6M', 'P18M'),
    ),
    count: fc.integer({ min: 1, max: 12 }),
  };
  const repeat = fc.oneof(
    fc.record(
      {
        every: fc.constantFrom(...everies, ...(shape.dense ? ['P1D', 'P3D'] : [])),
        ...bounds,
      },
      { requiredKeys: ['every'] },
    ),
    fc.record(
      {
        rrule: fc.constantFrom(
          ...rrules,
          ...(shape.dense ? ['FREQ=DAILY', 'FREQ=DAILY;INTERVAL=3'] : []),
        ),
        ...bounds,
      },
      { requiredKeys: ['rrule'] },
    ),
  );
  const rules = fc.record({
    businessDays: fc.boolean(),
    stopOn: shape.stopOnReply
      ? fc.constant(['reply'] as const)
      : fc.constantFrom(['reply'] as const, [] as const, ['reply', 'won'] as const),
    restartOnTouch: fc.boolean(),
    minGapDays: shape.gaps ? fc.integer({ min: 0, max: 20 }) : fc.constant(0),
    ...(shape.handover
      ? {
          maxUnanswered: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        }
      : {}),
  });
  return fc
    .record({ steps: fc.array(step, { minLength: 1, maxLength: 2 }), repeat, rules })
    .map(({ steps, repeat: r, rules: ru }) => ({
      steps: steps.map((s, i) => ({
        ...s,
        id: i === steps.length - 1 ? 'hello' : `step-${i}`,
        title: 'Hello',
      })),
      repeat: r,
      rules: {
        ...ru,
        stopOn: [...ru.stopOn],
        ...('maxUnanswered' in ru && ru.maxUnanswered !== undefined
          ? { thenCadence: 'quarterly' }
          : {}),
      },
    }));
}

function touchArbitrary(decided: string): fc.Arbitrary<TouchpointInput> {
  return fc
    .record({
      days: fc.integer({ min: 0, max: 500 }),
      direction: fc.constantFrom('out', 'out', 'out', 'in'),
    })
    .map(({ days, direction }) => ({
      on: addDays(decided, days),
      channel: 'email' as const,
      ...(direction === 'in' ? { direction: 'in' as const } : {}),
    }));
}

function opportunityArbitrary(shape: SnoozeShape, index: number): fc.Arbitrary<OpportunityInput> {
  return fc
    .record({
      decided: fc.integer({ min: 0, max: 300 }).map((n) => addDays('2026-01-01', n)),
      snoozeDays: fc.integer({ min: shape.folds ? 60 : 0, max: 450 }),
      early: fc.integer({ min: 0, max: 10 }),
    })
    .chain(({ decided, snoozeDays, early }) =>
      fc
        .record({
          cadence: cadenceArbitrary(shape),
          touchpoints: fc.array(touchArbitrary(decided), { maxLength: shape.folds ? 3 : 6 }),
          organization: fc.constantFrom('Acme', 'Globex'),
        })
        .map(({ cadence, touchpoints: drawn, organization }) => {
          const touchpoints = shape.folds
            ? [{ on: addDays(decided, early), channel: 'email' as const }, ...drawn]
            : drawn;
          return {
            id: `o${index}`,
            organization,
            title: 'PM',
            dates: { decided },
            snoozedUntil: addDays(decided, snoozeDays),
            cadence,
            touchpoints,
          };
        }),
    );
}

const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Europe/Berlin'];

/** One or two snoozed opportunities with repeating cadences, and a `now` around them. */
function snoozedPipeline(shape: SnoozeShape = {}, count = { min: 1, max: 2 }) {
  return fc
    .record({
      timezone: fc.constantFrom(...zones),
      workdays: fc.constantFrom(
        ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
        ['mon', 'tue', 'wed', 'thu'] as const,
        ['sun', 'mon', 'tue', 'wed', 'thu'] as const,
      ),
      holidays: fc.array(
        fc.integer({ min: 0, max: 900 }).map((n) => addDays('2026-01-01', n)),
        { maxLength: 8 },
      ),
      at: fc.constantFrom('00:30', '09:30', '23:30'),
      n: shape.folds ? fc.constant(1) : fc.integer(count),
      nowDays: fc.integer({ min: 0, max: 900 }),
    })
    .chain(({ n, nowDays, ...owner }) =>
      fc
        .tuple(...Array.from({ length: n }, (_, i) => opportunityArbitrary(shape, i)))
        .map((opportunities): [PipelineInput, string] => {
          const from = shape.folds ? opportunities[0]!.snoozedUntil! : '2026-01-01';
          return [
            {
              version: 1,
              owner: { name: 'Lynne', ...owner, workdays: [...owner.workdays] },
              opportunities,
            },
            `${addDays(from, shape.folds ? (nowDays % 180) - 60 : nowDays)}T12:00:00Z`,
          ];
        }),
    );
}

function tryPlan(pipeline: PipelineInput, now: string, horizon?: string): Reminder[] | undefined {
  try {
    return plan(pipeline, horizon === undefined ? { now } : { now, horizon });
  } catch (error) {
    if (isRunnerUpError(error)) return undefined;
    throw error;
  }
}

const pending = (r: Reminder) => r.status !== 'done' && r.status !== 'skipped';

/** The day a snooze lands on: its date, or the next workday when business days are on. */
function landing(pipeline: PipelineInput, opportunity: OpportunityInput): string {
  const owner = PipelineSchema.parse(pipeline).owner;
  const cadence = opportunity.cadence as CadenceInput;
  const snooze = opportunity.snoozedUntil!;
  return cadence.rules?.businessDays === false
    ? snooze
    : nextWorkday(snooze, createWorkCalendar(owner.workdays, owner.holidays));
}

/** Pending reminders of one step of one opportunity that share a day, by `opp/step@date`. */
function pilesOn(reminders: Reminder[], day: (opportunityId: string) => string) {
  const seen = new Map<string, string[]>();
  for (const r of reminders) {
    if (!pending(r) || r.local.date !== day(r.opportunityId)) continue;
    const slot = `${r.opportunityId}/${r.stepId}@${r.local.date}`;
    seen.set(slot, [...(seen.get(slot) ?? []), r.key]);
  }
  return [...seen.entries()].filter(([, keys]) => keys.length > 1);
}

describe('snoozed repeats: structure', () => {
  test('keys are unique and the output is sorted by due, then key', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          snoozedPipeline({ handover: true, gaps: true, dense: true }),
          snoozedPipeline({ handover: true, gaps: true, folds: true }),
        ),
        ([pipeline, now]) => {
          const reminders = tryPlan(pipeline, now);
          if (!reminders) return;
          const keys = reminders.map((r) => r.key);
          expect(new Set(keys).size).toBe(keys.length);
          for (let i = 1; i < reminders.length; i++) {
            const [a, b] = [reminders[i - 1]!, reminders[i]!];
            expect(a.due < b.due || (a.due === b.due && a.key < b.key)).toBe(true);
          }
        },
      ),
      runs(200),
    );
  });

  test('a later horizon keeps every reminder of an earlier one and only adds after it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          snoozedPipeline({ handover: true, gaps: true, dense: true }),
          snoozedPipeline({ handover: true, gaps: true, folds: true }),
        ),
        fc.boolean(),
        fc.integer({ min: -60, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        ([pipeline, now], nearSnooze, shortDays, extraDays) => {
          // Some horizons end around the snooze, where what it folds must not depend on them.
          const shortEnd = nearSnooze
            ? addDays(pipeline.opportunities![0]!.snoozedUntil!, shortDays % 60)
            : addDays(now.slice(0, 10), Math.abs(shortDays));
          const short = tryPlan(pipeline, now, shortEnd);
          if (!short) return;
          const long = tryPlan(pipeline, now, addDays(shortEnd, extraDays))!;
          expect(long.filter((r) => r.local.date <= shortEnd)).toEqual(short);
        },
      ),
      runs(200),
    );
  });

  test('nothing pending falls before the snooze, and repeats stay within count', () => {
    fc.assert(
      fc.property(snoozedPipeline({ handover: false, dense: true }), ([pipeline, now]) => {
        const reminders = tryPlan(pipeline, now);
        if (!reminders) return;
        for (const opportunity of pipeline.opportunities!) {
          const mine = reminders.filter((r) => r.opportunityId === opportunity.id);
          for (const r of mine)
            if (pending(r)) expect(r.local.date >= opportunity.snoozedUntil!).toBe(true);
          const count = (opportunity.cadence as CadenceInput).repeat?.count;
          if (count === undefined) continue;
          for (const r of mine)
            if (r.stepId === 'hello') expect(r.occurrence).toBeLessThanOrEqual(count + 1);
        }
      }),
      runs(200),
    );
  });
});

describe('snoozed repeats: one reminder of a step on the snooze day', () => {
  // At most one of the reminders the snooze moved is still to do on its day. (Business days can
  // also shift several repeats of a daily step onto one workday, snooze or not: those are left
  // out of this rule.)
  test('the snooze moves at most one pending reminder of a step onto the day it ends', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          snoozedPipeline({ handover: true, dense: true }),
          snoozedPipeline({ folds: true }),
        ),
        ([pipeline, now]) => {
          const reminders = tryPlan(pipeline, now);
          if (!reminders) return;
          const day = (id: string) =>
            landing(pipeline, pipeline.opportunities!.find((o) => o.id === id)!);
          const moved = reminders.filter((r) => r.why.includes('snoozed from'));
          expect(pilesOn(moved, day)).toEqual([]);
        },
      ),
      runs(300),
    );
  });
});

/** The opportunity a reminder belongs to. */
const owning = (pipeline: PipelineInput, r: Reminder) =>
  pipeline.opportunities!.find((o) => o.id === r.opportunityId)!;

/** The keys of `r`'s opportunity in `after`, dated by `r`'s day, that `before` did not have. */
function newBy(before: Reminder[], after: Reminder[], r: Reminder): string[] {
  const keys = new Set(before.map((b) => b.key));
  return after
    .filter(
      (a) =>
        a.opportunityId === r.opportunityId && a.local.date <= r.local.date && !keys.has(a.key),
    )
    .map((a) => a.key);
}

/** A copy of `pipeline` with `touch` added to the opportunity of `r`. */
function withTouch(pipeline: PipelineInput, r: Reminder, touch: TouchpointInput): PipelineInput {
  const after = structuredClone(pipeline);
  const opportunity = owning(after, r);
  opportunity.touchpoints = [...(opportunity.touchpoints ?? []), touch];
  return after;
}

/** The reminders the snooze moved onto its day and still shows there, pending, for a repeat. */
function shownOnSnoozeDay(pipeline: PipelineInput, reminders: Reminder[]): Reminder[] {
  return reminders.filter(
    (r) =>
      pending(r) &&
      r.stepId === 'hello' &&
      r.why.includes('snoozed from') &&
      r.local.date === landing(pipeline, owning(pipeline, r)),
  );
}

/**
 * No two pending reminders of one step on the day the snooze moves reminders to: business days
 * can shift several repeats of a daily step there, snooze or not.
 */
function noPile(pipeline: PipelineInput, reminders: Reminder[]): boolean {
  return (
    pilesOn(reminders, (id) => landing(pipeline, pipeline.opportunities!.find((o) => o.id === id)!))
      .length === 0
  );
}

const today = (pipeline: PipelineInput, now: string) =>
  toLocal(Date.parse(now), pipeline.owner!.timezone!).date;

// lastTouch anchors follow every new touch by design, and a touch may start a hand-over: these
// properties leave both out.
const quiet = { handover: false, anchors: 'fixed', folds: true } as const;

describe('touches on snoozed repeats', () => {
  test('ticking the reminder shown on the snooze day brings nothing new before it and leaves nothing of its step there', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        snoozedPipeline(quiet),
        fc.nat(),
        fc.integer({ min: 0, max: 400 }),
        ([pipeline, now], pick, back) => {
          const before = tryPlan(pipeline, now);
          if (!before || !noPile(pipeline, before)) return;
          // A repeat: ticking the last step itself moves where its repeats count from.
          const shown = shownOnSnoozeDay(pipeline, before).filter((r) => r.occurrence > 1);
          if (shown.length === 0) return;
          const target = shown[pick % shown.length]!;
          const on = addDays(today(pipeline, now), -back);
          const after = withTouch(pipeline, target, { on, channel: 'email', reminder: target.key });
          const ticked = plan(after, { now });
          checked += 1;
          expect(ticked.find((r) => r.key === target.key)?.status).toBe('done');
          expect(newBy(before, ticked, target)).toEqual([]);
          const mine = ticked.filter((r) => r.opportunityId === target.opportunityId);
          expect(
            mine
              .filter(
                (r) => pending(r) && r.stepId === 'hello' && r.local.date === target.local.date,
              )
              .map((r) => r.key),
          ).toEqual([]);
        },
      ),
      runs(400),
    );
    expect(checked).toBeGreaterThan(20);
  });

  test('a plain touch on the snooze day completes the reminder shown there', () => {
    let checked = 0;
    fc.assert(
      fc.property(snoozedPipeline(quiet), ([pipeline, now]) => {
        const before = tryPlan(pipeline, now);
        if (!before || !noPile(pipeline, before)) return;
        const shown = shownOnSnoozeDay(pipeline, before).filter(
          (r) => r.occurrence > 1 && r.local.date <= today(pipeline, now),
        );
        if (shown.length === 0) return;
        const target = shown[0]!;
        // Nothing else of the opportunity is still to do by then: the touch is that one's.
        const others = before.filter(
          (r) =>
            r.opportunityId === target.opportunityId &&
            r.key !== target.key &&
            pending(r) &&
            r.local.date <= target.local.date,
        );
        if (others.length > 0) return;
        const after = withTouch(pipeline, target, { on: target.local.date, channel: 'email' });
        const touched = plan(after, { now });
        checked += 1;
        const done = touched.find((r) => r.key === target.key);
        expect(done?.status).toBe('done');
        expect(done?.local.date).toBe(target.local.date);
        expect(newBy(before, touched, target)).toEqual([]);
        const mine = touched.filter((r) => r.opportunityId === target.opportunityId);
        expect(
          mine.filter((r) => pending(r) && r.local.date <= target.local.date).map((r) => r.key),
        ).toEqual([]);
      }),
      runs(400),
    );
    expect(checked).toBeGreaterThan(20);
  });

  test('a plain touch on or after the snooze day brings back none of the repeats left out', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        snoozedPipeline(quiet),
        fc.nat(),
        fc.integer({ min: 0, max: 60 }),
        ([pipeline, now], pick, later) => {
          const before = tryPlan(pipeline, now);
          if (!before) return;
          const folding = before.filter((r) => r.why.includes('snoozed to the same day'));
          if (folding.length === 0) return;
          const kept = folding[pick % folding.length]!;
          const opportunity = owning(pipeline, kept);
          const on = addDays(opportunity.snoozedUntil!, later);
          const touched = tryPlan(withTouch(pipeline, kept, { on, channel: 'email' }), now)!;
          checked += 1;
          // The repeats before the one kept that were left out stay out.
          const shownBefore = new Set(before.map((r) => r.key));
          const back = touched.filter(
            (r) =>
              r.opportunityId === kept.opportunityId &&
              r.stepId === kept.stepId &&
              r.occurrence < kept.occurrence &&
              !shownBefore.has(r.key),
          );
          expect(back.map((r) => r.key)).toEqual([]);
        },
      ),
      runs(400),
    );
    expect(checked).toBeGreaterThan(20);
  });
});

describe('replies and snoozes', () => {
  test('a reply while the snooze holds plans as if there were no snooze', () => {
    fc.assert(
      fc.property(
        snoozedPipeline({ stopOnReply: true, gaps: true, dense: true }),
        fc.nat(),
        // A reply comes after the decision: an inbound touch on that day is not one.
        fc.integer({ min: 1, max: 450 }),
        ([input, now], pick, days) => {
          const pipeline = structuredClone(input);
          const target = pipeline.opportunities![pick % pipeline.opportunities!.length]!;
          const decided = target.dates!.decided as string;
          const reply = addDays(decided, days);
          if (reply >= target.snoozedUntil!) return;
          target.touchpoints = [
            ...(target.touchpoints ?? []).filter((t) => t.direction !== 'in'),
            { on: reply, channel: 'email', direction: 'in' },
          ];
          // A hand-over before the reply ends the cadence first (not this rule).
          const rules = (target.cadence as CadenceInput).rules!;
          delete rules.maxUnanswered;
          delete rules.thenCadence;
          const snoozed = tryPlan(pipeline, now);
          if (!snoozed) return;
          const unsnoozed = structuredClone(pipeline);
          delete unsnoozed.opportunities!.find((o) => o.id === target.id)!.snoozedUntil;
          expect(snoozed).toEqual(tryPlan(unsnoozed, now));
        },
      ),
      runs(300),
    );
  });

  test('a reply after the snooze ends only skips or drops what was planned', () => {
    fc.assert(
      fc.property(
        snoozedPipeline({ stopOnReply: true }),
        fc.nat(),
        fc.integer({ min: 0, max: 300 }),
        ([input, now], pick, days) => {
          const pipeline = structuredClone(input);
          const target = pipeline.opportunities![pick % pipeline.opportunities!.length]!;
          target.touchpoints = (target.touchpoints ?? []).filter((t) => t.direction !== 'in');
          const without = tryPlan(pipeline, now);
          if (!without) return;
          const reply = addDays(target.snoozedUntil!, days);
          // An inbound touch on the decision day is not a reply.
          if (reply <= (target.dates!.decided as string)) return;
          const after = structuredClone(pipeline);
          const opportunity = after.opportunities!.find((o) => o.id === target.id)!;
          opportunity.touchpoints!.push({ on: reply, channel: 'email', direction: 'in' });
          const replied = plan(after, { now }).filter((r) => r.opportunityId === target.id);
          const planned = new Map(
            without.filter((r) => r.opportunityId === target.id).map((r) => [r.key, r]),
          );
          for (const r of replied) {
            const was = planned.get(r.key);
            expect(was, r.key).toBeDefined();
            expect(r.local).toEqual(was!.local);
            if (r.status === 'skipped') expect(r.local.date <= reply).toBe(true);
            else expect(r.status === 'done' || r.local.date <= reply).toBe(true);
          }
        },
      ),
      runs(300),
    );
  });
});

describe('RRULE and every', () => {
  const asRule: Record<string, string> = {
    P1D: 'FREQ=DAILY',
    P3D: 'FREQ=DAILY;INTERVAL=3',
    P1W: 'FREQ=WEEKLY',
    P2W: 'FREQ=WEEKLY;INTERVAL=2',
  };
  test('a weekly or daily RRULE plans what the same `every` plans, whatever the horizon', () => {
    fc.assert(
      fc.property(
        snoozedPipeline({ handover: true, gaps: true, dense: true }),
        fc.integer({ min: 0, max: 700 }),
        ([pipeline, now], horizonDays) => {
          const rules = structuredClone(pipeline);
          let changed = false;
          for (const o of rules.opportunities!) {
            const repeat = (o.cadence as CadenceInput).repeat!;
            const rule = repeat.every === undefined ? undefined : asRule[repeat.every];
            if (rule === undefined) continue;
            delete repeat.every;
            repeat.rrule = rule;
            changed = true;
          }
          if (!changed) return;
          const horizon = addDays(now.slice(0, 10), horizonDays);
          const facts = (list: Reminder[] | undefined) =>
            list?.map((r) => [
              r.key,
              r.local,
              r.status,
              r.why.replace(/ of (every|the rule) [^(]*\(/, ' of ('),
            ]);
          expect(facts(tryPlan(rules, now, horizon))).toEqual(
            facts(tryPlan(pipeline, now, horizon)),
          );
        },
      ),
      runs(300),
    );
  });
});

describe('host time zone', () => {
  /** Plans `samples` in a child process whose host time zone is `zone`. */
  const planIn = (zone: string, samples: unknown) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./plan-in-child.ts', import.meta.url))],
        { env: { ...process.env, TZ: zone } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(JSON.stringify(samples));
    });

  test('snoozed plans are the same whatever the host time zone', async () => {
    const samples = fc.sample(snoozedPipeline({ handover: true, gaps: true, dense: true }), {
      numRuns: Number(process.env.SNOOZE_RUNS ?? 40),
      seed: 20261130,
    });
    const here = JSON.parse(
      JSON.stringify(samples.map(([pipeline, now]) => tryPlan(pipeline, now) ?? null)),
    );
    const zones = ['Pacific/Kiritimati', 'America/Los_Angeles'];
    // The two children run at once: most of their time is starting up.
    const results = await Promise.all(zones.map((zone) => planIn(zone, samples)));
    results.forEach((result, i) => {
      expect(result.status, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout) as { zone: string; results: unknown[] };
      expect(parsed.zone).toBe(zones[i]);
      expect(parsed.results).toEqual(here);
    });
  });
});

describe("snoozed repeats and the owner's calendar", () => {
  /** Every cadence with business days forced on or off. */
  const withBusinessDays = (pipeline: PipelineInput, on: boolean): PipelineInput => {
    const out = structuredClone(pipeline);
    for (const o of out.opportunities!) {
      const cadence = o.cadence as CadenceInput;
      cadence.rules = { ...cadence.rules, businessDays: on };
      // Business-day offsets count workdays whatever the rule: calendar days only.
      cadence.steps = cadence.steps.map((s) =>
        typeof s.after === 'object' ? { ...s, after: `P${s.after.businessDays}D` } : s,
      );
    }
    return out;
  };

  test('with business days on, every reminder of a snoozed repeat falls on a workday', () => {
    fc.assert(
      fc.property(snoozedPipeline({ handover: true, dense: true }), ([pipeline, now]) => {
        const on = withBusinessDays(pipeline, true);
        const reminders = tryPlan(on, now);
        if (!reminders) return;
        const owner = PipelineSchema.parse(on).owner;
        for (const r of reminders) expect(isOwnersWorkday(r.local.date, owner), r.key).toBe(true);
      }),
      runs(300),
    );
  });

  test('with business days off, workdays and holidays change nothing', () => {
    fc.assert(
      fc.property(
        snoozedPipeline({ dense: true, gaps: true }),
        fc.array(
          fc.integer({ min: 0, max: 900 }).map((n) => addDays('2026-01-01', n)),
          {
            maxLength: 10,
          },
        ),
        ([pipeline, now], holidays) => {
          const off = withBusinessDays(pipeline, false);
          const before = tryPlan(off, now);
          if (!before) return;
          const other = structuredClone(off);
          other.owner = { ...other.owner!, workdays: ['wed'], holidays };
          expect(tryPlan(other, now)).toEqual(before);
        },
      ),
      runs(300),
    );
  });
});
