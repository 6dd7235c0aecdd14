/**
 * The hint for a time YAML read as a number (`at: 930` → write it as "09:30") reads a number of
 * one or two digits as minutes: `at: 9` suggests "00:09", `at: 5` "00:05", where nine or five
 * o'clock is meant. The `test.fails` passes once the bug is fixed.
 */
import { describe, expect, test } from 'vitest';
import { parsePipelineYaml } from '../../src';

const file = (at: string) =>
  `version: 1\nowner:\n  name: Lynne\n  timezone: UTC\n  at: ${at}\nopportunities: []\n`;

function messageFor(at: string): string {
  try {
    parsePipelineYaml(file(at));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('the hint for at: written as a number', () => {
  test('at: 930 suggests "09:30" (holds)', () => {
    expect(messageFor('930')).toContain('write it as "09:30"');
  });

  test.fails('at: 9 does not suggest 00:09', () => {
    expect(messageFor('9')).not.toContain('"00:09"');
  });
});
