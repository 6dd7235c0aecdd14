import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan';
import { parsePipelineYaml } from '../../src/parse';
import { trustParsedPipeline } from '../../src/parse/trust';

const seedStory = readFileSync(
  new URL('../../../../examples/seed-story/runner-up.yaml', import.meta.url),
  'utf8',
);
const NOW = '2026-11-30T15:00:00Z';

describe('trustParsedPipeline', () => {
  it('plans a JSON copy of a parsed pipeline exactly like the parsed pipeline', () => {
    const parsed = parsePipelineYaml(seedStory, { file: 'runner-up.yaml' });
    const copy = JSON.parse(JSON.stringify(parsed));
    // The parsed pipeline is plain data: the copy is equal, so trusting it loses nothing.
    expect(copy).toEqual(parsed);
    const expected = plan(parsed, { now: NOW });
    expect(expected.length).toBeGreaterThan(0);
    expect(plan(trustParsedPipeline(copy), { now: NOW })).toEqual(expected);
  });

  it('makes plan() skip validation, which it otherwise runs on a copy', () => {
    const parsed = parsePipelineYaml(seedStory, { file: 'runner-up.yaml' });
    const tampered = JSON.parse(JSON.stringify(parsed));
    // Harmless to planning, but not what the schema allows.
    tampered.owner.unexpected = true;
    expect(() => plan(tampered, { now: NOW })).toThrow(/unexpected|Unrecognized|unknown/i);
    const copy = JSON.parse(JSON.stringify(tampered));
    expect(() => plan(trustParsedPipeline(copy), { now: NOW })).not.toThrow();
  });

  it('returns the same object, and leaves a non-object to plan() to reject', () => {
    const parsed = parsePipelineYaml(seedStory, { file: 'runner-up.yaml' });
    expect(trustParsedPipeline(parsed)).toBe(parsed);
    const notAPipeline = trustParsedPipeline(null as never);
    expect(() => plan(notAPipeline, { now: NOW })).toThrow(
      expect.objectContaining({ code: 'invalid_pipeline' }),
    );
  });
});
