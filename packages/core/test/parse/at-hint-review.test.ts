/**
 * The hint for a time YAML read as a number (`at: 930` → write it as "09:30") used to read a
 * number of one or two digits as minutes (`at: 9` suggested "00:09"), and to say "put it in
 * quotes" for numbers that no quoting makes a time (`1260`, `9.30`).
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

  test('at: 9 suggests "09:00", an hour', () => {
    expect(messageFor('9')).toContain('(YAML reads 9 as a number: write it as "09:00")');
  });

  test('a number no quoting makes a time gets no quoting hint', () => {
    for (const at of ['1260', '2400', '9.30']) {
      const message = messageFor(at);
      expect(message).toContain('expected a time like "09:30"');
      expect(message).not.toContain('quotes');
      expect(message).not.toContain('write it as');
    }
  });
});
