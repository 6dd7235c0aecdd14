import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, RunnerUpError } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/output/report-error';
import { runInProcess } from '../setup/in-process';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

/** A valid pipeline whose 150 opportunities share one list of contacts through an alias. */
function sharedContacts(): string {
  const lines = [
    'version: 1',
    'owner: {name: L, timezone: UTC}',
    'opportunities:',
    '  - id: o0',
    '    organization:   One # spaced as written',
    '    title: T',
    '    dates: {decided: 2026-11-20}',
    '    contacts: &c',
    '      - {name: Dana Lee, role: recruiter}',
  ];
  for (let i = 1; i < 150; i++) {
    lines.push('', `  - id: o${i}`, '    organization:   One', '    title: T');
    lines.push('    dates: {decided: 2026-11-20}', '    contacts: *c');
  }
  return `${lines.join('\n')}\n`;
}

describe('a file using an anchor many times', () => {
  it('prints the file once in an error whose message already names it (regression: `f.yaml: f.yaml: excessive alias count`)', () => {
    // How core reported yaml's alias limit: the message made with formatIssue, the file set too.
    const file = 'pipeline.yaml';
    const error = new RunnerUpError(
      'yaml_syntax',
      formatIssue({
        path: [],
        file,
        message: 'excessive alias count indicates a resource exhaustion attack',
      }),
      { file },
    );
    expect(formatError(error, { debug: false })).toBe(
      `[runner-up] ${file} is not a valid pipeline (1 problem):\n  ${file}: excessive alias count indicates a resource exhaustion attack\nFix it and run \`runner-up validate\` again.\n`,
    );
    const placed = new RunnerUpError('yaml_syntax', `${file}:3:7 \`owner\`: bad`, {
      file,
      line: 3,
      column: 7,
      path: ['owner'],
    });
    expect(formatError(placed, { debug: false })).toContain(`\n  ${file}:3:7 \`owner\`: bad\n`);
  });

  it('is read, and edited in place, keeping every other line as written', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    const text = sharedContacts();
    writeFileSync(file, text);
    const validate = await runInProcess(['-f', file, 'validate']);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const log = await runInProcess(['-f', file, '--now', NOW, 'log', 'o1', '--channel', 'email']);
    expect(log.code, log.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      text.replace(
        '    contacts: *c\n\n  - id: o2',
        '    contacts: *c\n    touchpoints:\n      - { on: 2026-12-01, channel: email, direction: out }\n\n  - id: o2',
      ),
    );
  });
});
