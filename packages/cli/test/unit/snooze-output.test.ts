import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

describe('runner-up snooze --until a past date', () => {
  it('prints the result, then the warning, in the order docs/cli.md shows', async () => {
    const file = commentedFile();
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      '2026-12-01T15:00:00Z',
      'snooze',
      'acme-telecom-pm',
      '--until',
      '2020-01-01',
    ]);
    expect(result.code).toBe(0);
    expect(result.both).toBe(
      [
        '✓ Snoozed acme-telecom-pm until 2020-01-01.',
        '[runner-up] Warning: `--until` 2020-01-01 is before today, 2026-12-01 in America/Chicago, so this snooze holds nothing back; did you mean a later date?',
        '',
      ].join('\n'),
    );
  });
});
