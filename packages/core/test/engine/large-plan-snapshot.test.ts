import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { type PipelineInput, type PlanOptions, parsePipeline, plan } from '../../src';
import { largePipeline, largePipelinePlugin } from './large-pipeline';

/**
 * plan() on large generated pipelines, pinned by a hash of its JSON output. The hashes were
 * recorded before the engine was optimised; any refactor that changes a single character of
 * any reminder (or the order of reminders or of their fields) fails here. Re-recorded once, on
 * purpose, when a minimum-gap group became named after its earliest touch rather than the first
 * one listed: only those names in `why` changed (280, 121 and 149 reminders).
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
    sha256: '8115ddf83829af25737563e1aeabcd78632ed5cac5465de85b4adfd78e5b117c',
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
    sha256: '660dd731e15ab52e7edbd6eb9e8910433c13492e8d8ffb388b5e1d7f66aee843',
  },
  {
    name: 'New York at 01:30 (a fall-back overlap), horizon as a date',
    pipeline: () =>
      largePipeline({ seed: 3, opportunities: 3_000, timezone: 'America/New_York', at: '01:30' }),
    parse: false,
    options: { now: Date.parse('2027-11-07T05:45:00Z'), horizon: '2028-12-31' },
    count: 13_319,
    sha256: '181aec748f660252e3e793e44a1e9df5a363c119ffc337a38e17b4bac9a078d5',
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
