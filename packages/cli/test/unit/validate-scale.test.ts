import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { scratchDir } from '../setup/run-cli';

/** How often the YAML text is parsed into a Document. */
const parses = vi.hoisted(() => ({ count: 0 }));

vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      parses.count += 1;
      return actual.parseDocument(...args);
    },
  };
});

/** A valid file of `n` opportunities, each with a touchpoint after today: one warning each. */
function fileWithWarnings(n: number): string {
  const opportunities = Array.from(
    { length: n },
    (_, i) => `  - id: opp-${i}
    organization: Org ${i}
    title: Program Manager
    dates: { decided: 2026-11-20 }
    touchpoints: [{ on: 2027-03-01, channel: email }]
`,
  ).join('');
  const file = join(scratchDir(), `warnings-${n}.yaml`);
  writeFileSync(
    file,
    `version: 1\nowner: { name: Lynne, timezone: UTC }\nopportunities:\n${opportunities}`,
  );
  return file;
}

describe('validate on a file with many warnings (regression: parsed the file again per warning)', () => {
  it('parses the file as often for 40 warnings as for 1', async () => {
    const counts: number[] = [];
    for (const n of [1, 40]) {
      parses.count = 0;
      const result = await runInProcess(
        ['-f', fileWithWarnings(n), '--now', '2026-12-01T15:00:00Z', 'validate'],
        { env: { RUNNER_UP_CACHE: '0' } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`with ${n} warning${n === 1 ? '' : 's'}:`);
      counts.push(parses.count);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});
