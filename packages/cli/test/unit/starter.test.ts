import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterPipeline } from '../../src/starter';

const GOLDEN = join(import.meta.dirname, '../__golden__/starter');
const update = process.env.UPDATE_GOLDEN === '1';
const now = '2026-12-01T15:00:00Z';

/** Compares `text` with the reviewed golden `name`, or rewrites it with UPDATE_GOLDEN=1. */
function expectGolden(name: string, text: string): void {
  const golden = join(GOLDEN, name);
  if (update) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(golden, text);
  }
  expect(existsSync(golden), `${name}: run with UPDATE_GOLDEN=1, then review it`).toBe(true);
  expect(text).toBe(readFileSync(golden, 'utf8'));
}

describe('the starter files, byte for byte', () => {
  it('the job seeker starter, the default', () => {
    expectGolden('job-seeker.yaml', starterPipeline({ now, timezone: 'America/Chicago' }));
  });
});
