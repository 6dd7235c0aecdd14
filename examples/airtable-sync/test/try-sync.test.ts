import { fileURLToPath } from 'node:url';
import { checkTrySyncCommands, checkTrySyncScript } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILE, FAKE_AIRTABLE_TOKEN, startTrySync } from '../src/try-sync';

const example = fileURLToPath(new URL('..', import.meta.url));

describe('pnpm try-sync: runner-up sync airtable against the emulator', () => {
  it('prints commands that sync the example, and the sync writes its records', async () => {
    const session = await startTrySync();
    try {
      const { emulator, env, commands } = session;
      expect(env).toEqual({
        AIRTABLE_ENDPOINT_URL: emulator.url,
        AIRTABLE_TOKEN: FAKE_AIRTABLE_TOKEN,
      });
      const table = ['--base', emulator.baseId, '--table', 'Reminders'];
      const sync = ['--file', EXAMPLE_FILE, 'sync', 'airtable', ...table];
      expect(commands).toEqual([[...sync, '--dry-run'], sync]);

      const planned = await checkTrySyncCommands(session, { sink: 'airtable', file: EXAMPLE_FILE });
      // One record a planned reminder, each with its own key.
      const keys = emulator.state.records('Reminders').map((record) => String(record.fields.Key));
      expect(keys).toHaveLength(planned);
      expect(new Set(keys).size).toBe(planned);
      expect(new Set(keys.map((key) => key.split('/')[0]))).toEqual(
        new Set(['harbor-logistics-analyst', 'city-library-website']),
      );
    } finally {
      await session.close();
    }
  }, 60_000);

  it('runs as a script that prints no real token and stops cleanly on Ctrl-C', async () => {
    // Shaped like a personal access token: `pat`, 14 characters, a dot, 64 hex digits.
    const realLooking = `patTHE0USERS0OWN0.${'0123456789abcdef'.repeat(4)}`;
    const run = await checkTrySyncScript(example, { AIRTABLE_TOKEN: realLooking });
    expect(run.stdout).toContain(`export AIRTABLE_TOKEN=${FAKE_AIRTABLE_TOKEN}\n`);
    expect(run.stdout).not.toContain(realLooking);
    expect(run.stdout).toMatch(/it held 0 records\.\n$/);
  }, 60_000);
});
