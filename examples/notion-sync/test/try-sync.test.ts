import { fileURLToPath } from 'node:url';
import { checkTrySyncCommands, checkTrySyncScript } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILE, FAKE_NOTION_TOKEN, startTrySync } from '../src/try-sync';

const example = fileURLToPath(new URL('..', import.meta.url));

describe('pnpm try-sync: runner-up sync notion against the emulator', () => {
  it('prints commands that sync the example, and the sync writes its rows', async () => {
    const session = await startTrySync();
    try {
      const { emulator, env, commands } = session;
      expect(env).toEqual({ NOTION_BASE_URL: emulator.url, NOTION_TOKEN: FAKE_NOTION_TOKEN });
      const sync = ['--file', EXAMPLE_FILE, 'sync', 'notion', '--database', emulator.databaseId];
      expect(commands).toEqual([[...sync, '--dry-run'], sync]);

      const planned = await checkTrySyncCommands(session, { sink: 'notion', file: EXAMPLE_FILE });
      const rows = emulator.pages() as Array<{
        properties: { Key: { rich_text: Array<{ plain_text: string }> } };
      }>;
      const keys = rows.map((row) => row.properties.Key.rich_text[0]!.plain_text);
      expect(keys).toHaveLength(planned);
      expect(new Set(keys).size).toBe(planned);
      expect(new Set(keys.map((key) => key.split('/')[0]))).toEqual(
        new Set(['northwind-data-platform', 'riverbank-clinic-it-lead']),
      );
    } finally {
      await session.close();
    }
  }, 60_000);

  it('runs as a script that prints no real token and stops cleanly on Ctrl-C', async () => {
    const realLooking = 'secret_THE0USERS0OWN0TOKEN0must0not0show';
    const run = await checkTrySyncScript(example, { NOTION_TOKEN: realLooking });
    expect(run.stdout).toContain(`export NOTION_TOKEN=${FAKE_NOTION_TOKEN}\n`);
    expect(run.stdout).not.toContain(realLooking);
    expect(run.stdout).toMatch(/it held 0 rows\.\n$/);
  }, 60_000);
});
