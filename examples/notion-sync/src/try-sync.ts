/**
 * Try `runner-up sync notion` offline, with no Notion account: starts the testkit's Notion
 * emulator, prints the environment variables and the commands that sync this example's
 * `runner-up.yaml` with it, and keeps it running until Ctrl-C.
 *
 *   pnpm --filter @runner-up/example-notion-sync try-sync
 *
 * The emulator keeps its rows in memory only: stopping it forgets them.
 */
import { fileURLToPath } from 'node:url';
import {
  type NotionEmulator,
  runTrySync,
  startNotionEmulator,
  type TrySyncOptions,
  type TrySyncSession,
  trySyncSession,
} from '@runner-up/testkit';

/**
 * The token the emulator accepts. Obviously fake, so printing it gives nothing away; a real token
 * is never read or printed here.
 */
export const FAKE_NOTION_TOKEN = 'secret_FAKE_emulator_token_not_a_real_one';

/** The pipeline the printed commands sync, as a path from the repository root: the default file. */
export const EXAMPLE_FILE = 'examples/notion-sync/runner-up.yaml';

/** A running emulator and how to point `runner-up sync notion` at it. */
export type TrySync = TrySyncSession<
  NotionEmulator,
  { NOTION_BASE_URL: string; NOTION_TOKEN: string }
>;

/** Starts the emulator and words the instructions for it. */
export async function startTrySync(options: TrySyncOptions = {}): Promise<TrySync> {
  const emulator = await startNotionEmulator({ token: FAKE_NOTION_TOKEN });
  return trySyncSession({
    emulator,
    service: 'Notion',
    holds: 'one empty database',
    env: { NOTION_BASE_URL: emulator.url, NOTION_TOKEN: FAKE_NOTION_TOKEN },
    file: options.file ?? EXAMPLE_FILE,
    sync: ['sync', 'notion', '--database', emulator.databaseId],
    items: 'rows',
    count: () => emulator.pages().length,
  });
}

// Ctrl-C (or SIGTERM) stops the emulator and exits 0.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runTrySync(await startTrySync());
