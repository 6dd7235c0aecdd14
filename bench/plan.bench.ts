// plan() on 10,000 generated opportunities over the default 24-month horizon, against a baseline of
// raw rrule expansion of comparable rules (each opportunity's own repeat as an RRULE, with as many
// occurrences as plan() made for it), in the same run.
// plan(), parsePipeline() and the baseline each run in their own child process, so each peak RSS
// is its own. plan() is given the output of parsePipeline (validation is a separate step:
// `runner-up validate`, or parse once and plan many times); the parse time is measured and
// reported on its own row.
// Prints a markdown section on stdout (pasted into docs/benchmarks.md); progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  builtinCadences,
  type OpportunityInput,
  type PipelineInput,
  parsePipeline,
} from '@runner-up/core';
import { seededRandom } from '@runner-up/testkit';

const OPPORTUNITIES = 10_000;
const RUNS = 5;
const NOW = '2026-11-30T15:00:00Z';

function generate(): PipelineInput {
  const next = seededRandom(20261130);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const presets = [
    'runner-up',
    'runner-up',
    'relocated',
    'proposal-runner-up',
    'silver-medalist',
    'quarterly',
  ];
  const opportunities: OpportunityInput[] = [];
  for (let i = 0; i < OPPORTUNITIES; i++) {
    const decided = addDays('2025-12-01', Math.floor(next() * 365));
    const organization = `Org ${Math.floor(next() * 2_000)}`;
    const touchpoints: OpportunityInput['touchpoints'] = [];
    for (let t = Math.floor(next() * 4); t > 0; t--) {
      touchpoints.push({
        on: addDays(decided, 1 + Math.floor(next() * 200)),
        channel: pick(['email', 'call', 'linkedin'] as const),
        direction: next() < 0.1 ? 'in' : 'out',
      });
    }
    opportunities.push({
      id: `opp-${i}`,
      organization,
      title: pick(['Program Manager', 'Data Engineer', 'Network Architect', 'Support Contract']),
      dates: {
        decided,
        winnerStarts: next() < 0.5 ? addDays(decided, 14 + Math.floor(next() * 30)) : null,
      },
      contacts: [
        { name: `Contact ${i}`, role: 'hiring-manager', email: `contact${i}@org.example` },
        ...(next() < 0.3 ? [{ name: `Recruiter ${i}`, role: 'recruiter' }] : []),
      ],
      cadence: pick(presets),
      touchpoints,
      ...(next() < 0.05 ? { snoozedUntil: addDays(decided, 60) } : {}),
    });
  }
  return {
    version: 1,
    owner: {
      name: 'Lynne',
      timezone: 'America/Chicago',
      holidays: ['2026-12-25', '2027-01-01', '2027-07-05', '2027-12-24', '2028-01-03'],
      at: '09:30',
    },
    opportunities,
  };
}

function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(1))
    .join(', ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(label: string, run: () => number): { ms: number; count: number } {
  run(); // warm-up: JIT, Intl formatters, preset parsing
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    count = run();
    samples.push(performance.now() - start);
  }
  const ms = median(samples);
  console.error(`  ${label}: ${ms.toFixed(0)} ms (median of ${RUNS}), ${count} items`);
  return { ms, count };
}

function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

interface Measured {
  ms: number;
  count: number;
  peakMb: number;
}

interface PlanSide {
  plan: Measured;
  /** Peak RSS once the pipeline is generated and parsed, before plan() first runs. */
  beforePlanMb: number;
  /** Heap held by one plan() result after garbage collection. */
  resultMb: number;
  /** Allocating objects of the result's shape and size alone (see PLAN_PROCESS). */
  floorMs: number;
  /** Reminders per opportunity, in pipeline order: the baseline expands as many occurrences. */
  perOpportunity: number[];
  decided: string[];
  /** The preset each opportunity follows, in pipeline order. */
  cadences: string[];
}

/** Child process: generate, then time parsePipeline(). */
function parseSide(): Measured {
  const input = generate();
  console.error(`▶ parsePipeline() on ${OPPORTUNITIES} opportunities`);
  const measured = time('parsePipeline()', () => parsePipeline(input).opportunities.length);
  return { ...measured, peakMb: peakMb() };
}

/**
 * The plan process, in plain JavaScript: Node without the TypeScript loader (which alone adds
 * ~35 MB of RSS) and without the generator. It reads the generated pipeline as JSON on stdin,
 * parses it once, then times plan() exactly as `time()` does. The script is kept here, beside
 * the other roles, and run with `node -e`.
 */
const PLAN_PROCESS = `
const [coreUrl, now, runs] = JSON.parse(process.argv[1]);
const { parsePipeline, plan } = await import(coreUrl);
const peakMb = () => process.resourceUsage().maxRSS / 1024;
let text = '';
for await (const chunk of process.stdin) text += chunk;
const pipeline = parsePipeline(JSON.parse(text));
text = '';
const beforePlanMb = peakMb();
process.stderr.write('▶ plan() on ' + pipeline.opportunities.length + ' opportunities\\n');
plan(pipeline, { now }); // warm-up: JIT, Intl formatters, preset parsing
const samples = [];
let count = 0;
for (let i = 0; i < runs; i++) {
  gc();
  const start = performance.now();
  count = plan(pipeline, { now }).length;
  samples.push(performance.now() - start);
}
const ms = samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
process.stderr.write('  plan(): ' + ms.toFixed(0) + ' ms (median of ' + runs + '), ' + count + ' items\\n');
// Collected first, like before each timed run, so the last result's garbage does not count.
gc();
const heapBefore = process.memoryUsage().heapUsed;
const reminders = plan(pipeline, { now });
gc();
// What the returned array alone keeps alive.
const resultMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
// Taken before the floor runs, so the peak is plan()'s alone.
const planPeakMb = peakMb();
// The floor: only building what plan() returns, with nothing computed. One object per reminder
// with every field, and a new flat key and \`why\` each, joined from pieces as plan() joins them
// (the \`why\` from its text before and after " after "). A lower bound for any plan() that
// returns reminders of this shape.
const pieces = reminders.map((r) => {
  const at = r.why.indexOf(' after ');
  return at < 0 ? [r.why] : [r.why.slice(0, at), ' after ', r.why.slice(at + 7)];
});
const joined = [];
const allocate = () => {
  const out = new Array(reminders.length);
  for (let i = 0; i < reminders.length; i++) {
    const r = reminders[i];
    joined.length = 0;
    for (const piece of pieces[i]) joined.push(piece);
    out[i] = {
      key: [r.opportunityId, r.stepId, r.occurrence].join('/'), opportunityId: r.opportunityId,
      stepId: r.stepId, occurrence: r.occurrence, organization: r.organization, title: r.title,
      action: r.action, contact: r.contact, due: r.due, local: r.local, duration: r.duration,
      status: r.status, why: joined.join(''), talkingPoints: r.talkingPoints, draft: r.draft,
    };
  }
  return out;
};
allocate();
const floorSamples = [];
for (let i = 0; i < runs; i++) {
  gc();
  const start = performance.now();
  allocate();
  floorSamples.push(performance.now() - start);
}
const floorMs = floorSamples.sort((a, b) => a - b)[Math.floor(runs / 2)];
process.stderr.write('  floor (allocating the result only): ' + floorMs.toFixed(0) + ' ms\\n');
const counts = new Map();
for (const r of reminders) counts.set(r.opportunityId, (counts.get(r.opportunityId) ?? 0) + 1);
process.stdout.write(JSON.stringify({
  plan: { ms, count, peakMb: planPeakMb },
  floorMs,
  beforePlanMb,
  resultMb,
  perOpportunity: pipeline.opportunities.map((o) => counts.get(o.id) ?? 0),
  decided: pipeline.opportunities.map((o) => o.dates.decided),
  cadences: pipeline.opportunities.map((o) => o.cadence),
}));
`;

/** Runs {@link PLAN_PROCESS} on the generated pipeline. */
function planSide(): PlanSide {
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--input-type=module',
      '-e',
      PLAN_PROCESS,
      JSON.stringify([import.meta.resolve('@runner-up/core'), NOW, RUNS]),
    ],
    {
      input: JSON.stringify(generate()),
      stdio: ['pipe', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`bench plan process exited ${result.status}`);
  return JSON.parse(result.stdout) as PlanSide;
}

interface Baseline {
  /** The comparable rules: each opportunity's own repeat as an RRULE. */
  comparable: Measured;
  /** The baseline of earlier runs: every Monday of every third month. */
  mondays: Measured;
  /** The comparable rules, by preset, as RRULE text. */
  rules: Record<string, string>;
}

/** Months between repeats of a preset: its `repeat.every`, which is `P<n>M` for all five. */
function repeatMonths(id: string): number {
  const every = builtinCadences[id]?.repeat?.every;
  const months = every === undefined ? undefined : /^P(\d+)M$/.exec(every)?.[1];
  if (months === undefined)
    throw new Error(`bench: preset \`${id}\` does not repeat every n months`);
  return Number(months);
}

/**
 * Child process: one rule per opportunity with as many occurrences as plan() made for it. The
 * comparable rule is the opportunity's own repeat written as an RRULE: every 3, 4 or 6 months
 * (FREQ=MONTHLY;INTERVAL=n) from its decision date, so rrule walks the same span of months that
 * plan() walks. The rule of earlier runs (every Monday of every third month) packs four or five
 * occurrences into each month it visits and is timed too, for comparison.
 */
function baselineSide(counts: number[], decided: string[], cadences: string[]): Baseline {
  // The rrule build @runner-up/core itself depends on. Its CommonJS build has no named ESM
  // exports in plain Node, hence require().
  const requireFromCore = createRequire(import.meta.resolve('@runner-up/core'));
  const { RRule } = requireFromCore('rrule') as typeof import('rrule');
  const series = counts.map((count, i) => ({
    dtstart: new Date(`${decided[i]}T09:30:00Z`),
    count,
    interval: repeatMonths(cadences[i]!),
  }));
  const expand =
    (rule: (dtstart: Date, count: number, interval: number) => InstanceType<typeof RRule>) =>
    () => {
      let occurrences = 0;
      for (const { dtstart, count, interval } of series) {
        if (count === 0) continue;
        occurrences += rule(dtstart, count, interval).all().length;
      }
      return occurrences;
    };
  console.error(`▶ rrule on ${series.filter((s) => s.count > 0).length} series`);
  const comparable = time(
    'rrule, comparable rules',
    expand(
      (dtstart, count, interval) => new RRule({ freq: RRule.MONTHLY, interval, dtstart, count }),
    ),
  );
  const mondays = time(
    'rrule, every Monday of every third month',
    expand(
      (dtstart, count) =>
        new RRule({ freq: RRule.MONTHLY, interval: 3, byweekday: [RRule.MO], dtstart, count }),
    ),
  );
  const rules: Record<string, string> = {};
  for (const id of new Set(cadences)) rules[id] = `FREQ=MONTHLY;INTERVAL=${repeatMonths(id)}`;
  return {
    comparable: { ...comparable, peakMb: peakMb() },
    mondays: { ...mondays, peakMb: peakMb() },
    rules,
  };
}

function child<T>(role: string, input?: unknown): T {
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), role],
    {
      input: input === undefined ? '' : JSON.stringify(input),
      stdio: ['pipe', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`bench child \`${role}\` exited ${result.status}`);
  return JSON.parse(result.stdout) as T;
}

const role = process.argv[2];
if (role === 'parse') {
  process.stdout.write(JSON.stringify(parseSide()));
} else if (role === 'baseline') {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const { perOpportunity, decided, cadences } = JSON.parse(
    Buffer.concat(chunks).toString('utf8'),
  ) as PlanSide;
  process.stdout.write(JSON.stringify(baselineSide(perOpportunity, decided, cadences)));
} else {
  const parse = child<Measured>('parse');
  const side = planSide();
  const baselines = child<Baseline>('baseline', {
    perOpportunity: side.perOpportunity,
    decided: side.decided,
    cadences: side.cadences,
  });
  const baseline = baselines.comparable;
  const planned = side.plan;
  const ratio = planned.ms / baseline.ms;
  const withParse = (planned.ms + parse.ms) / baseline.ms;
  const series = side.perOpportunity.filter((count) => count > 0).length;
  const timeMet = ratio <= 1;
  const memoryMet = planned.peakMb < 200;
  const missed = [timeMet ? '' : 'time', memoryMet ? '' : 'memory'].filter(Boolean).join(' and ');

  console.log(`Measured with \`pnpm bench plan\` on Node ${process.version}: ${OPPORTUNITIES.toLocaleString('en-US')} generated opportunities (all five presets, touchpoints, snoozes, unknown start dates) planned over the default 24-month horizon, median of ${RUNS} runs after a warm-up. \`plan()\` and the baseline each run in their own child process, so each peak RSS is that process's own. The \`plan()\` process is plain Node running the built package, without the TypeScript loader (about 35 MB of RSS) the other processes use; it reads the generated pipeline as JSON on stdin. \`plan()\` is given the output of \`parsePipeline()\`, which it does not validate again; parsing is timed on its own row, in a third process.

| | time | items |
| --- | ---: | ---: |
| \`parsePipeline()\` (schema, defaults, cross-references; once per file) | ${parse.ms.toFixed(0)} ms | ${parse.count.toLocaleString('en-US')} opportunities |
| \`plan()\` on the parsed pipeline (schedule, gaps, instants, talking points, drafts) | ${planned.ms.toFixed(0)} ms | ${planned.count.toLocaleString('en-US')} reminders |
| baseline: \`rrule\` \`all()\` on ${series.toLocaleString('en-US')} comparable series, each opportunity's repeat as an RRULE (${Object.entries(
    baselines.rules,
  )
    .map(([id, rule]) => `\`${id}\` ${rule.replace('FREQ=MONTHLY;', '')}`)
    .join(
      ', ',
    )}) | ${baseline.ms.toFixed(0)} ms | ${baseline.count.toLocaleString('en-US')} occurrences |
| **ratio** (plan / baseline, target ≤ 1.0) | **${ratio.toFixed(2)}** | |
| for comparison, the baseline of earlier runs: \`FREQ=MONTHLY;INTERVAL=3;BYDAY=MO\` (every Monday of every third month, four or five occurrences per month visited) | ${baselines.mondays.ms.toFixed(0)} ms | ratio ${(planned.ms / baselines.mondays.ms).toFixed(2)} |
| ratio with parsing included ((parse + plan) / baseline) | ${withParse.toFixed(2)} | |
| floor: allocating ${planned.count.toLocaleString('en-US')} objects of the result's shape alone (every field, and a new flat key and \`why\` each, joined from pieces), nothing computed | ${side.floorMs.toFixed(0)} ms | ${(side.floorMs / baseline.ms).toFixed(2)} × baseline |
| peak RSS of the plan process: read the pipeline as JSON, parse once, plan ${RUNS + 2} times (target < 200 MB) | ${planned.peakMb.toFixed(0)} MB | |
| … of which before \`plan()\` first runs (Node, the JSON text, the input and the parsed pipeline) | ${side.beforePlanMb.toFixed(0)} MB | |
| heap held by one \`plan()\` result, after garbage collection | ${side.resultMb.toFixed(0)} MB | |
| peak RSS of the \`parsePipeline()\` process (generate, parse 6 times) | ${parse.peakMb.toFixed(0)} MB | |
| peak RSS of the baseline process | ${baseline.peakMb.toFixed(0)} MB | |

${timeMet && memoryMet ? 'Both targets are met.' : `Not yet on target (${missed}).`}${timeMet ? '' : " The baseline only computes dates; for each reminder `plan()` also builds a stable key, an explained `why`, an instant in the owner's zone and a status, and for each series rendered talking points and a draft with a `mailto:` link, all kept until it returns, so a large share of its time is garbage collection of objects that survive."}${timeMet ? '' : side.floorMs >= baseline.ms ? ` Merely allocating objects of the result's shape and size, with nothing computed, takes ${(side.floorMs / baseline.ms).toFixed(2)}× the baseline on this machine: no \`plan()\` that returns these reminders can meet a ratio of 1.0 here.` : ` Merely allocating objects of the result's shape and size takes ${(side.floorMs / baseline.ms).toFixed(2)}× the baseline.`}${memoryMet ? '' : ` The plan process peaks ${(planned.peakMb - side.beforePlanMb).toFixed(0)} MB above where it stood before \`plan()\` ran; the result alone holds ${side.resultMb.toFixed(0)} MB, most of it in drafts and \`why\` sentences.`} Timings move with machine load; load average during this run: ${loadAverage()}.`);
}
