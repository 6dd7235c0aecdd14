import { describe, expect, it } from 'vitest';
import { trySyncSession } from '../../src';

describe('trySyncSession', () => {
  const session = (closed: string[] = []) =>
    trySyncSession({
      emulator: { url: 'http://127.0.0.1:41234', close: async () => void closed.push('closed') },
      service: 'Airtable',
      holds: 'one empty table',
      env: { AIRTABLE_ENDPOINT_URL: 'http://127.0.0.1:41234', AIRTABLE_TOKEN: 'patFAKE.token' },
      file: 'examples/x/runner-up.yaml',
      sync: ['sync', 'airtable', '--base', 'appX', '--table', 'T'],
      items: 'records',
      count: () => 3,
    });

  it('prints a dry run, then the same command without --dry-run', () => {
    const sync = ['--file', 'examples/x/runner-up.yaml', 'sync', 'airtable', '--base', 'appX'];
    expect(session().commands).toEqual([
      [...sync, '--table', 'T', '--dry-run'],
      [...sync, '--table', 'T'],
    ]);
  });

  it('exports each variable, and unsets every one it exported before the real service', () => {
    const { instructions } = session();
    expect(instructions).toMatch(
      /^An Airtable emulator is listening at http:\/\/127\.0\.0\.1:41234, with one empty table\.\n/,
    );
    expect(instructions).toContain('  export AIRTABLE_TOKEN=patFAKE.token\n');
    expect(instructions).toContain('\n  unset AIRTABLE_ENDPOINT_URL AIRTABLE_TOKEN\n');
    expect(instructions).toMatch(/Ctrl-C stops the emulator, which forgets its records\.\n$/);
  });

  it('counts what the emulator holds and closes it', async () => {
    const closed: string[] = [];
    const running = session(closed);
    expect(running.held()).toBe('3 records');
    await running.close();
    expect(closed).toEqual(['closed']);
  });
});
