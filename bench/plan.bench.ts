// plan() on 10,000 generated opportunities over the default 24-month horizon, against a baseline of
// raw rrule expansion of the same number of series and occurrences, in the same process.
// Prints a markdown section on stdout (pasted into docs/benchmarks.md); progress goes to stderr.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { addDays, type OpportunityInput, type PipelineInput, plan } from '@runner-up/core';

// The rrule build @runner-up/core itself depends on. Its CommonJS build has no named ESM exports
// in plain Node, hence require().
const requireFromCore = createRequire(import.meta.resolve('@runner-up/core'));
const { RRule } = requireFromCore('rrule') as typeof import('rrule');

const OPPORTUNITIES = 10_000;
const RUNS = 5;
const NOW = '2026-11-30T15:00:00Z';

/** Small deterministic PRNG (mulberry32), so every run plans the same pipeline. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generate(): PipelineInput {
  const next = random(20261130);
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

const pipeline = generate();
console.error(`▶ plan() on ${OPPORTUNITIES} opportunities`);
const planned = time('plan()', () => plan(pipeline, { now: NOW }).length);

// The baseline expands one rule per opportunity, with as many occurrences as plan() made for it.
const perOpportunity = new Map<string, number>();
for (const reminder of plan(pipeline, { now: NOW })) {
  perOpportunity.set(reminder.opportunityId, (perOpportunity.get(reminder.opportunityId) ?? 0) + 1);
}
const series = pipeline.opportunities!.map((opportunity) => {
  const decided = opportunity.dates!.decided!;
  return {
    dtstart: new Date(`${decided}T09:30:00Z`),
    count: perOpportunity.get(opportunity.id) ?? 0,
  };
});
const baseline = time('rrule', () => {
  let occurrences = 0;
  for (const { dtstart, count } of series) {
    if (count === 0) continue;
    const rule = new RRule({
      freq: RRule.MONTHLY,
      interval: 3,
      byweekday: [RRule.MO],
      dtstart,
      count,
    });
    occurrences += rule.all().length;
  }
  return occurrences;
});

const ratio = planned.ms / baseline.ms;
const peakMb = process.resourceUsage().maxRSS / 1024;
const nodeVersion = process.version;

console.log(`Measured with \`pnpm bench plan\` on Node ${nodeVersion}: ${OPPORTUNITIES.toLocaleString('en-US')} generated opportunities (all five presets, touchpoints, snoozes, unknown start dates) planned over the default 24-month horizon, median of ${RUNS} runs after a warm-up.

| | time | reminders / occurrences |
| --- | ---: | ---: |
| \`plan()\` (parse, schedule, gaps, instants, talking points, drafts) | ${planned.ms.toFixed(0)} ms | ${planned.count.toLocaleString('en-US')} |
| baseline: \`rrule\` \`all()\` on ${series.filter((s) => s.count > 0).length.toLocaleString('en-US')} comparable series | ${baseline.ms.toFixed(0)} ms | ${baseline.count.toLocaleString('en-US')} |
| **ratio** (plan / baseline, target ≤ 1.0) | **${ratio.toFixed(2)}** | |
| peak RSS of the process (target < 200 MB) | ${peakMb.toFixed(0)} MB | |

${ratio <= 1 && peakMb < 200 ? 'Both targets are met.' : `Not yet on target (${[ratio > 1 ? 'time' : '', peakMb >= 200 ? 'memory' : ''].filter(Boolean).join(' and ')}). plan() keeps every reminder it builds (with its \`why\`, talking points and draft) until it returns, so it spends much of its time in the garbage collector, where rrule's short-lived dates cost little; the ratio therefore also moves with machine load. Load average during this run: ${loadAverage()}.`}`);
