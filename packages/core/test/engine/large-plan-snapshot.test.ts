import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { type PipelineInput, type PlanOptions, parsePipeline, plan } from '../../src';
import { largePipeline, largePipelinePlugin } from './large-pipeline';

/**
 * plan() on large generated pipelines, pinned by a hash of its JSON output. The hashes were
 * recorded before the engine was optimised; any refactor that changes a single character of
 * any reminder (or the order of reminders or of their fields) fails here.
 */
const scenarios: {
  name: string;
  pipeline: () => PipelineInput;
  parse: boolean;
  options: Omit<PlanOptions, 'plugins'>;
  count: number;
  sha256: string;
}[] = [
  {
    name: 'Chicago at 09:30, parsed first, default horizon',
    pipeline: () =>
      largePipeline({ seed: 1, opportunities: 4_000, timezone: 'America/Chicago', at: '09:30' }),
    parse: true,
    options: { now: '2026-11-30T15:00:00Z' },
    count: 17_197,
    sha256: '9d666e21c55aba6fe8009ce8f14099311eec384f3b0adaa820fb797fe5a0c275',
  },
  {
    name: 'Berlin at 02:30 (a spring-forward gap), six workdays, an 18-month horizon',
    pipeline: () =>
      largePipeline({
        seed: 2,
        opportunities: 3_000,
        timezone: 'Europe/Berlin',
        at: '02:30',
        workdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      }),
    parse: false,
    options: { now: '2027-03-28', horizon: 'P18M' },
    count: 12_751,
    sha256: 'fcfddd1581c2fa586693dd4582135b366c9b79afa4f654d93a813855d389ab20',
  },
  {
    name: 'New York at 01:30 (a fall-back overlap), horizon as a date',
    pipeline: () =>
      largePipeline({ seed: 3, opportunities: 3_000, timezone: 'America/New_York', at: '01:30' }),
    parse: false,
    options: { now: Date.parse('2027-11-07T05:45:00Z'), horizon: '2028-12-31' },
    count: 13_319,
    sha256: '107b0989337f639b04412b0424f712a92988654fff5803480df44c3242455fab',
  },
];

describe('plan() on large generated pipelines', () => {
  test.each(scenarios)('gives the recorded output: $name', (scenario) => {
    const plugins = [largePipelinePlugin];
    const input = scenario.pipeline();
    const pipeline = scenario.parse ? parsePipeline(input, { plugins }) : input;
    const reminders = plan(pipeline, { ...scenario.options, plugins });
    const sha256 = createHash('sha256').update(JSON.stringify(reminders)).digest('hex');
    expect(reminders.length).toBe(scenario.count);
    expect(sha256).toBe(scenario.sha256);
  });
});
