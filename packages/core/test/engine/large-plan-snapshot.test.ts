import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { type PipelineInput, type PlanOptions, parsePipeline, plan } from '../../src';
import { largePipeline, largePipelinePlugin } from './large-pipeline';

/**
 * plan() on large generated pipelines, pinned by a hash of its JSON output. The hashes were
 * recorded before the engine was optimised; any refactor that changes a single character of
 * any reminder (or the order of reminders or of their fields) fails here. Re-recorded on purpose
 * twice, each time after comparing old and new output reminder by reminder:
 * - a minimum-gap group became named after its earliest touch rather than the first one listed:
 *   only those names in `why` changed (280, 121 and 149 reminders);
 * - two reminders came to keep the larger of their two `minGapDays` (these pipelines mix gaps of
 *   0 to 10 days with the presets' 14 to 30), and a reminder pushed past the horizon to keep its
 *   room: only pending reminders changed (3,723, 2,587 and 2,828 moved; 1,082, 684 and 653
 *   pushed past the horizon; 13, 5 and 1 no longer pushed out of it; 7, 2 and 7 re-explained),
 *   and keys, texts and every other field are unchanged.
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
    count: 16_128,
    sha256: 'ee59977d977ee65668fe0883417c82171c5bfd4b3b717f8d8ab8c637a2db6d15',
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
    count: 12_072,
    sha256: '64a2acab09a69d36a68259a35b262e794c895c39902fa30c19d6d8c89bd58087',
  },
  {
    name: 'New York at 01:30 (a fall-back overlap), horizon as a date',
    pipeline: () =>
      largePipeline({ seed: 3, opportunities: 3_000, timezone: 'America/New_York', at: '01:30' }),
    parse: false,
    options: { now: Date.parse('2027-11-07T05:45:00Z'), horizon: '2028-12-31' },
    count: 12_667,
    sha256: '3ecfa667977902ab9a20f1b4da7d735615745662cdd11195a04a61cffa1961bc',
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
