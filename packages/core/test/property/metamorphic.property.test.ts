import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import {
  addDays,
  builtinCadences,
  type CadenceInput,
  isRunnerUpError,
  type OpportunityInput,
  type PipelineInput,
  parsePipeline,
  parsePipelineYaml,
  plan,
  type Reminder,
  RunnerUpError,
  safeParsePipeline,
  safeParsePipelineYaml,
  weekday,
} from '../../src';
import { nowArbitrary, pipelineArbitrary, plainDate } from './arbitraries';

// Metamorphic properties: each compares two runs whose inputs differ in a way the docs say
// should (or should not) change the answer.

const runs = { numRuns: 150 };

function tryPlan(
  pipeline: PipelineInput | ReturnType<typeof parsePipeline>,
  now: string,
  horizon?: string,
): Reminder[] | undefined {
  try {
    return plan(pipeline, horizon === undefined ? { now } : { now, horizon });
  } catch (error) {
    if (isRunnerUpError(error)) return undefined;
    throw error;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Text a YAML 1.1 reader (or a careless writer) would turn into a number, boolean, null or date. */
const trickyText = fc.constantFrom(
  'no',
  'No',
  'on',
  'off',
  'yes',
  'y',
  'n',
  '0930',
  '09:30',
  '12:30:00',
  '1_000',
  '0o17',
  '0x1F',
  '1e3',
  '.5',
  '.inf',
  '2026-11-20',
  '2026-11-20T09:30:00Z',
  '~',
  'null',
  'true',
  'False',
  '-',
  '? what',
  '#not a comment',
  'a: b',
  '- item',
  "it's",
  '"quoted"',
  'line one\nline two',
  '  padded  ',
  'tab\there',
  '*alias',
  '&anchor',
  '!tag',
  '%directive',
  '@at',
  '`tick',
  '{not: flow}',
  '[not, flow]',
  'Zoë Ångström',
);

/** Puts YAML-tricky text into the free-text fields of a pipeline. */
const trickyPipeline = fc
  .tuple(pipelineArbitrary(), fc.array(trickyText, { minLength: 6, maxLength: 6 }))
  .map(([pipeline, words]) => {
    const [title, organization, notes, role, note, owner] = words as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const out = clone(pipeline);
    out.owner.name = owner;
    for (const opportunity of out.opportunities ?? []) {
      opportunity.title = title;
      opportunity.organization = organization;
      opportunity.notes = notes;
      for (const contact of opportunity.contacts ?? []) contact.role = role;
      for (const touch of opportunity.touchpoints ?? []) touch.note = note;
    }
    return out;
  });

/** Ways of writing one value as YAML text; each must read back as the same value. */
const yamlStyles: Record<string, (value: unknown) => string> = {
  block: (value) => stringify(value),
  flow: (value) => stringify(value, { collectionStyle: 'flow' }),
  doubleQuoted: (value) =>
    stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }),
  singleQuoted: (value) => stringify(value, { defaultStringType: 'QUOTE_SINGLE' }),
  json: (value) => JSON.stringify(value, null, 2),
  compact: (value) => stringify(value, { indent: 4, indentSeq: false, lineWidth: 0 }),
  literalBlocks: (value) => stringify(value, { blockQuote: 'literal', lineWidth: 20 }),
  noAliases: (value) => stringify(value, { aliasDuplicateObjects: false }),
};
const styleName = fc.constantFrom(...Object.keys(yamlStyles));

/** Reads a parse outcome as the value, or the code and path of the error. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    if (!(error instanceof RunnerUpError)) throw error;
    return { code: error.code, path: error.path };
  }
}

describe('YAML text and objects parse alike', () => {
  test('parsePipelineYaml(text of x) equals parsePipeline(x), in every writing style', () => {
    let accepted = 0;
    fc.assert(
      fc.property(trickyPipeline, styleName, nowArbitrary, (pipeline, style, now) => {
        const text = yamlStyles[style]!(pipeline);
        const fromObject = outcome(() => parsePipeline(pipeline));
        const fromText = outcome(() => parsePipelineYaml(text));
        expect(fromText).toEqual(fromObject);
        if ('ok' in (fromObject as object)) {
          accepted += 1;
          expect(tryPlan(parsePipelineYaml(text), now)).toEqual(tryPlan(pipeline, now));
        }
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  test('plain dates and times stay text (YAML 1.2 core schema), as the reference promises', () => {
    fc.assert(
      fc.property(
        plainDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (date, h, m) => {
          const at = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          // Written by hand, unquoted, the way the docs show them.
          const text = [
            'version: 1',
            'owner:',
            '  name: Lynne',
            '  timezone: UTC',
            `  at: ${at}`,
            `  holidays: [${date}]`,
            'opportunities:',
            '  - id: a',
            '    organization: Acme',
            '    title: PM',
            '    dates:',
            `      decided: ${date}`,
            `    snoozedUntil: ${date}`,
            '    touchpoints:',
            `      - { on: ${date}, channel: email }`,
          ].join('\n');
          const parsed = parsePipelineYaml(text);
          expect(parsed.owner.at).toBe(at);
          expect(parsed.owner.holidays).toEqual([date]);
          expect(parsed.opportunities[0]!.dates.decided).toBe(date);
          expect(parsed.opportunities[0]!.snoozedUntil).toBe(date);
          expect(parsed.opportunities[0]!.touchpoints[0]!.on).toBe(date);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// One injected fault: rejected, at the right path and, for YAML, at the right line and column.

interface Fault {
  kind: string;
  code: string;
  path: Array<string | number>;
  /** Text that appears exactly once in the YAML output (the `nth` time), at the faulty node. */
  marker: string;
  nth?: number;
  /** plan() must reject the unvalidated object with the same code. */
  planAgrees: boolean;
}

const minimalCadence = (from: string): CadenceInput => ({
  steps: [{ id: 'only', from, after: 'P1D', title: 'Hello' }],
});

function inject(
  pipeline: PipelineInput,
  kind: string,
  pick: number,
): { input: PipelineInput; fault: Fault } | undefined {
  const input = clone(pipeline);
  const opportunities = input.opportunities!;
  const i = pick % opportunities.length;
  const opp = opportunities[i]! as OpportunityInput & Record<string, unknown>;
  const base = ['opportunities', i];
  switch (kind) {
    case 'unknownCadence':
      opp.cadence = 'zz-unknown-cadence';
      return {
        input,
        fault: {
          kind,
          code: 'unknown_cadence',
          path: [...base, 'cadence'],
          marker: 'zz-unknown-cadence',
          planAgrees: true,
        },
      };
    case 'badDecided':
      opp.dates = { ...opp.dates, decided: '2027-02-29' };
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: [...base, 'dates', 'decided'],
          marker: '2027-02-29',
          planAgrees: true,
        },
      };
    case 'badHoliday': {
      const holidays = [...(input.owner.holidays ?? [])];
      const at = pick % (holidays.length + 1);
      holidays.splice(at, 0, '2026-04-31');
      input.owner.holidays = holidays;
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: ['owner', 'holidays', at],
          marker: '2026-04-31',
          planAgrees: true,
        },
      };
    }
    case 'badTouchDate': {
      const touches = opp.touchpoints ?? [];
      if (touches.length === 0) return undefined;
      const t = pick % touches.length;
      touches[t]!.on = '2026-13-01';
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: [...base, 'touchpoints', t, 'on'],
          marker: '2026-13-01',
          planAgrees: true,
        },
      };
    }
    case 'duplicateId': {
      if (opportunities.length < 2) return undefined;
      const j = i === opportunities.length - 1 ? i - 1 : i + 1;
      const [first, second] = i < j ? [i, j] : [j, i];
      opportunities[first]!.id = 'twin-id';
      opportunities[second]!.id = 'twin-id';
      return {
        input,
        fault: {
          kind,
          code: 'duplicate_id',
          path: ['opportunities', second, 'id'],
          marker: 'twin-id',
          nth: 2,
          planAgrees: false,
        },
      };
    }
    case 'unknownAnchor': {
      if (typeof opp.cadence !== 'object' || opp.cadence === null) {
        opp.cadence = minimalCadence('zz-no-anchor');
        return {
          input,
          fault: {
            kind,
            code: 'unknown_anchor',
            path: [...base, 'cadence', 'steps', 0, 'from'],
            marker: 'zz-no-anchor',
            planAgrees: false,
          },
        };
      }
      const steps = opp.cadence.steps!;
      const s = pick % steps.length;
      steps[s]!.from = 'zz-no-anchor';
      return {
        input,
        fault: {
          kind,
          code: 'unknown_anchor',
          path: [...base, 'cadence', 'steps', s, 'from'],
          marker: 'zz-no-anchor',
          planAgrees: false,
        },
      };
    }
    case 'badRRule': {
      if (typeof opp.cadence !== 'object' || opp.cadence === null)
        opp.cadence = minimalCadence('decided');
      opp.cadence.repeat = { rrule: 'FREQ=MONTHY;BYDAY=3MO' };
      return {
        input,
        fault: {
          kind,
          code: 'invalid_rrule',
          path: [...base, 'cadence', 'repeat', 'rrule'],
          marker: 'FREQ=MONTHY;BYDAY=3MO',
          planAgrees: false,
        },
      };
    }
    case 'numberTitle':
      opp.title = 770011 as never;
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: [...base, 'title'],
          marker: '770011',
          planAgrees: true,
        },
      };
    case 'numberStatus':
      opp.status = 770022 as never;
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: [...base, 'status'],
          marker: '770022',
          planAgrees: true,
        },
      };
    case 'unknownField':
      opp.zzTitel = 'x';
      return {
        input,
        fault: {
          kind,
          code: 'invalid_pipeline',
          path: [...base, 'zzTitel'],
          marker: 'zzTitel',
          planAgrees: true,
        },
      };
    default:
      throw new Error(`no fault ${kind}`);
  }
}

const faultKinds = [
  'unknownCadence',
  'badDecided',
  'badHoliday',
  'badTouchDate',
  'duplicateId',
  'unknownAnchor',
  'badRRule',
  'numberTitle',
  'numberStatus',
  'unknownField',
];

/** 1-based line and column of the `nth` occurrence of `marker`, at its opening quote if quoted. */
function positionOfMarker(text: string, marker: string, nth = 1) {
  let index = -1;
  for (let k = 0; k < nth; k++) {
    index = text.indexOf(marker, index + 1);
    if (index < 0) return undefined;
  }
  expect(text.indexOf(marker, index + 1)).toBe(-1);
  if (text[index - 1] === '"' || text[index - 1] === "'") index -= 1;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

// Only the faulty field is wrong: the generator leaves out what could be a second problem.
const validBase = pipelineArbitrary({
  presets: ['runner-up', 'relocated', 'quarterly', 'silver-medalist'],
}).filter((pipeline) => safeParsePipeline(pipeline).success);

describe('one injected fault', () => {
  test('is rejected with its code, at its path, and for YAML at its line and column', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        validBase,
        fc.constantFrom(...faultKinds),
        fc.nat(),
        styleName,
        nowArbitrary,
        (pipeline, kind, pick, style, now) => {
          const injected = inject(pipeline, kind, pick);
          fc.pre(injected !== undefined);
          const { input, fault } = injected!;
          seen.add(kind);

          const fromObject = safeParsePipeline(input);
          expect(fromObject.success).toBe(false);
          if (fromObject.success) return;
          expect(fromObject.error.code).toBe(fault.code);
          expect(fromObject.error.path).toEqual(fault.path);
          expect(fromObject.error.issues.map((issue) => issue.path)).toEqual([fault.path]);
          expect(fromObject.error.line).toBeUndefined();

          const text = yamlStyles[style]!(input);
          const fromText = safeParsePipelineYaml(text, { file: 'runner-up.yaml' });
          expect(fromText.success).toBe(false);
          if (fromText.success) return;
          expect(fromText.error.code).toBe(fault.code);
          expect(fromText.error.path).toEqual(fault.path);
          expect(fromText.error.issues).toHaveLength(1);
          const where = positionOfMarker(text, fault.marker, fault.nth);
          expect(where).toBeDefined();
          expect({ line: fromText.error.line, column: fromText.error.column }).toEqual(where);
          expect(fromText.error.message.startsWith(`runner-up.yaml:${where!.line}:`)).toBe(true);

          if (fault.planAgrees) {
            let thrown: unknown;
            try {
              plan(input, { now });
            } catch (error) {
              thrown = error;
            }
            expect(isRunnerUpError(thrown) && thrown.code).toBe(fault.code);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect([...seen].sort()).toEqual([...faultKinds].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Touchpoints, snoozes, the calendar and the clock.

/** Everything about a reminder except its `why` sentence, which explains and may reword. */
function facts(r: Reminder) {
  const { why: _why, ...rest } = r;
  return rest;
}

/** Every cadence inline (presets copied), all with the same `minGapDays`. */
function withGap(pipeline: PipelineInput, gap: number): PipelineInput {
  const out = clone(pipeline);
  for (const opportunity of out.opportunities ?? []) {
    const cadence = opportunity.cadence;
    const source = typeof cadence === 'string' ? builtinCadences[cadence]! : cadence;
    if (source === false || source === undefined) continue;
    opportunity.cadence = { ...clone(source), rules: { ...source.rules, minGapDays: gap } };
  }
  return out;
}

describe('plan() against its own output', () => {
  test('a touch recorded for a pending reminder on its day marks exactly that one done', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc
          .tuple(
            pipelineArbitrary({
              // lastTouch and hand-overs legitimately depend on every recorded touch.
              anchors: ['decided', 'previous', 'winnerStarts'],
              handover: false,
              presets: ['runner-up', 'relocated', 'quarterly'],
            }),
            fc.integer({ min: 0, max: 21 }),
          )
          // One minGapDays for every cadence: with mixed gaps the property fails (see below).
          .map(([pipeline, gap]) => withGap(pipeline, gap)),
        nowArbitrary,
        fc.nat(),
        (pipeline, now, pick) => {
          const before = tryPlan(pipeline, now);
          // A reminder moved by minGapDays is re-anchored by the touch on its new day: the
          // docs say the chain follows the touch, so only unmoved reminders are picked.
          const pending = (before ?? []).filter(
            (r) =>
              (r.status === 'overdue' || r.status === 'due' || r.status === 'upcoming') &&
              !r.why.includes('pushed from'),
          );
          fc.pre(pending.length > 0);
          const target = pending[pick % pending.length]!;
          const after = clone(pipeline);
          const opportunity = after.opportunities!.find((o) => o.id === target.opportunityId)!;
          opportunity.touchpoints = [
            ...(opportunity.touchpoints ?? []),
            {
              on: target.local.date,
              channel: 'email',
              reminder: target.key,
              // As `runner-up sync` writes it.
              ...(target.contact ? { with: target.contact.name } : {}),
            },
          ];
          const result = plan(after, { now });
          checked += 1;
          const done = result.find((r) => r.key === target.key);
          expect(done?.status).toBe('done');
          expect(done?.local).toEqual(target.local);
          expect(done?.why).toContain(`done on ${target.local.date}`);
          const others = (list: Reminder[]) =>
            list.filter((r) => r.key !== target.key).map((r) => facts(r));
          expect(others(result)).toEqual(others(before!));
        },
      ),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  // Two reminders keep the larger of their two gaps (concepts.md: "A reminder that falls too
  // close to another touch or reminder is pushed past it"). Before this was so, a reminder was kept
  // apart only from those placed before it, so an earlier one with a larger minGapDays stayed too
  // close to a later one with a smaller gap, and ticking that later one done (a touchpoint with
  // `reminder: <key>` on its own day) suddenly pushed the other opportunity's reminder.
  test('two reminders keep the larger of their gaps, and ticking one done on its day moves no other', () => {
    const cadence = (minGapDays: number, after: string): CadenceInput => ({
      steps: [{ id: 'hello', from: 'decided', after, title: 'Hello' }],
      rules: { minGapDays },
    });
    const pipeline: PipelineInput = {
      version: 1,
      owner: { name: 'Lynne', timezone: 'UTC' },
      opportunities: [
        {
          id: 'a',
          organization: 'Acme',
          title: 'PM',
          dates: { decided: '2026-03-02' },
          cadence: cadence(14, 'P0D'),
        },
        {
          id: 'b',
          organization: 'Acme',
          title: 'Analyst',
          dates: { decided: '2026-03-02' },
          cadence: cadence(0, 'P1W'),
        },
      ],
    };
    const now = '2026-02-01T12:00:00Z';
    const before = plan(pipeline, { now });
    // b asks for no gap, but a asks for 14 days: b moves from 2026-03-09 to 2026-03-16.
    expect(before.map((r) => [r.key, r.local.date])).toEqual([
      ['a/hello/1', '2026-03-02'],
      ['b/hello/1', '2026-03-16'],
    ]);
    expect(before[1]!.why).toContain(
      'pushed from 2026-03-09 to 2026-03-16 to keep 14 days between touches to Acme (another falls on 2026-03-02)',
    );
    const after = clone(pipeline);
    after.opportunities![1]!.touchpoints = [
      { on: '2026-03-16', channel: 'email', reminder: 'b/hello/1' },
    ];
    const ticked = plan(after, { now });
    expect(ticked.map((r) => [r.key, r.local.date, r.status])).toEqual([
      ['a/hello/1', '2026-03-02', 'upcoming'],
      // A done reminder shows the day it was planned for; its why gives the day of the touch.
      ['b/hello/1', '2026-03-09', 'done'],
    ]);
  });

  test('a snooze on or before every date an opportunity has changes nothing', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary(),
        nowArbitrary,
        fc.nat(),
        fc.integer({ min: 0, max: 60 }),
        (pipeline, now, pick, daysBefore) => {
          const before = tryPlan(pipeline, now);
          fc.pre(before !== undefined);
          const opportunities = pipeline.opportunities!;
          const target = opportunities[pick % opportunities.length]!;
          // Every reminder counts forward from one of these, so none falls before the earliest.
          fc.pre(target.snoozedUntil === undefined);
          const known = [
            ...Object.values(target.dates ?? {}).filter((d): d is string => typeof d === 'string'),
            ...(target.touchpoints ?? []).map((t) => t.on),
          ].sort();
          fc.pre(known.length > 0);
          const snooze = addDays(known[0]!, -daysBefore);
          const after = clone(pipeline);
          after.opportunities!.find((o) => o.id === target.id)!.snoozedUntil = snooze;
          expect(tryPlan(after, now)).toEqual(before);
        },
      ),
      runs,
    );
  });

  test('after a snooze, nothing pending of that opportunity falls before it', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary({ handover: false }),
        nowArbitrary,
        fc.nat(),
        plainDate,
        (pipeline, now, pick, snooze) => {
          const opportunities = pipeline.opportunities!;
          const target = opportunities[pick % opportunities.length]!;
          target.snoozedUntil = snooze;
          const reminders = tryPlan(pipeline, now) ?? [];
          for (const r of reminders) {
            if (r.opportunityId !== target.id || r.status === 'done' || r.status === 'skipped')
              continue;
            expect(r.local.date >= snooze).toBe(true);
          }
        },
      ),
      runs,
    );
  });

  test('moving now, with the horizon a fixed date, changes only the status of pending reminders', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary(),
        nowArbitrary,
        nowArbitrary,
        plainDate,
        (pipeline, now1, now2, horizonDate) => {
          // Today or later for both: a horizon date before today is refused. (A day past the
          // later UTC date covers the owner's date, which is at most a day ahead of it.)
          const latest = now1 > now2 ? now1 : now2;
          const past = addDays(latest.slice(0, 10), 1);
          const fixed = addDays(horizonDate, 400);
          const horizon = fixed > past ? fixed : past;
          const a = tryPlan(pipeline, now1, horizon);
          fc.pre(a !== undefined);
          const b = tryPlan(pipeline, now2, horizon)!;
          const pendingAsOne = (list: Reminder[]) =>
            list.map((r) => ({
              ...r,
              status: r.status === 'done' || r.status === 'skipped' ? r.status : 'pending',
            }));
          expect(pendingAsOne(b)).toEqual(pendingAsOne(a!));
        },
      ),
      runs,
    );
  });

  test('a later horizon keeps every reminder of an earlier one and only adds after it', () => {
    fc.assert(
      fc.property(
        pipelineArbitrary(),
        nowArbitrary,
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 400 }),
        (pipeline, now, shortDays, extraDays) => {
          const today = now.slice(0, 10);
          const shortEnd = addDays(today, shortDays);
          const longEnd = addDays(shortEnd, extraDays);
          const short = tryPlan(pipeline, now, shortEnd);
          fc.pre(short !== undefined);
          const long = tryPlan(pipeline, now, longEnd)!;
          const within = long.filter((r) => r.local.date <= shortEnd);
          expect(within).toEqual(short);
        },
      ),
      runs,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The owner's calendar.

/** A preset or generated cadence with business days off and calendar offsets only. */
function calendarFree(cadence: CadenceInput): CadenceInput {
  const days = (offset: unknown) =>
    typeof offset === 'object' && offset !== null && 'businessDays' in offset
      ? `P${(offset as { businessDays: number }).businessDays}D`
      : offset;
  return {
    ...clone(cadence),
    estimates: Object.fromEntries(
      Object.entries(cadence.estimates ?? {}).map(([key, e]) => [
        key,
        { ...e, after: days(e.after) as string },
      ]),
    ),
    steps: cadence.steps.map((s) => ({ ...s, after: days(s.after) as string })),
    // No hand-over: the cadence handed over to (`quarterly`) would use business days again.
    rules: {
      ...cadence.rules,
      businessDays: false,
      maxUnanswered: undefined,
      thenCadence: undefined,
    },
  };
}

const noBusinessDays = pipelineArbitrary({ handover: false }).map((pipeline) => {
  const out = clone(pipeline);
  for (const opportunity of out.opportunities ?? []) {
    const cadence = opportunity.cadence;
    const source = typeof cadence === 'string' ? builtinCadences[cadence]! : cadence;
    if (source === false || source === undefined) continue;
    opportunity.cadence = calendarFree(source as CadenceInput);
  }
  return out;
});

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

describe("the owner's calendar", () => {
  test('with business days off and calendar offsets only, holidays and workdays move nothing', () => {
    fc.assert(
      fc.property(
        noBusinessDays,
        nowArbitrary,
        fc.subarray([...weekdays], { minLength: 1 }),
        fc.array(plainDate, { maxLength: 30 }),
        (pipeline, now, workdays, holidays) => {
          const before = tryPlan(pipeline, now);
          fc.pre(before !== undefined);
          const after = clone(pipeline);
          after.owner.workdays = workdays;
          after.owner.holidays = holidays;
          expect(tryPlan(after, now)).toEqual(before);
        },
      ),
      runs,
    );
  });

  test('a holiday on a day that is not a workday anyway changes no date', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, plainDate, (pipeline, now, holiday) => {
        const workdays = pipeline.owner.workdays ?? ['mon', 'tue', 'wed', 'thu', 'fri'];
        fc.pre(!workdays.includes(weekday(holiday)));
        const before = tryPlan(pipeline, now);
        fc.pre(before !== undefined);
        const after = clone(pipeline);
        after.owner.holidays = [...(after.owner.holidays ?? []), holiday];
        // The `why` may now add "(a holiday)" to a day it moved a reminder off.
        expect(tryPlan(after, now)?.map(facts)).toEqual(before!.map(facts));
      }),
      runs,
    );
  });

  test('the order and repetition of holidays do not matter', () => {
    fc.assert(
      fc.property(pipelineArbitrary(), nowArbitrary, (pipeline, now) => {
        const before = tryPlan(pipeline, now);
        fc.pre(before !== undefined);
        const after = clone(pipeline);
        const holidays = after.owner.holidays ?? [];
        after.owner.holidays = [...holidays].reverse().concat(holidays);
        expect(tryPlan(after, now)).toEqual(before);
      }),
      runs,
    );
  });
});
