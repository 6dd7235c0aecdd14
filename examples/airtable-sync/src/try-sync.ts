/**
 * Try `runner-up sync airtable` offline, with no Airtable account: starts the testkit's Airtable
 * emulator, prints the environment variables and the commands that sync this example's
 * `runner-up.yaml` with it, and keeps it running until Ctrl-C.
 *
 *   pnpm --filter @runner-up/example-airtable-sync try-sync
 *
 * The emulator keeps its records in memory only: stopping it forgets them.
 */
import { fileURLToPath } from 'node:url';
import {
  type AirtableEmulator,
  DEFAULT_AIRTABLE_TABLE,
  runTrySync,
  startAirtableEmulator,
  type TrySyncOptions,
  type TrySyncSession,
  trySyncSession,
} from '@runner-up/testkit';

/**
 * The token the emulator accepts. Obviously fake, so printing it gives nothing away; a real token
 * is never read or printed here.
 */
export const FAKE_AIRTABLE_TOKEN = 'patFAKE_emulator_token.not_a_real_one';

/** The pipeline the printed commands sync, as a path from the repository root: the default file. */
export const EXAMPLE_FILE = 'examples/airtable-sync/runner-up.yaml';

/** A running emulator and how to point `runner-up sync airtable` at it. */
export type TrySync = TrySyncSession<
  AirtableEmulator,
  { AIRTABLE_ENDPOINT_URL: string; AIRTABLE_TOKEN: string }
>;

/**
 * Starts the emulator, with Airtable's limit of 5 requests a second a base (the command paces
 * itself to it), and words the instructions for it.
 */
export async function startTrySync(options: TrySyncOptions = {}): Promise<TrySync> {
  const emulator = await startAirtableEmulator({ token: FAKE_AIRTABLE_TOKEN });
  const table = DEFAULT_AIRTABLE_TABLE;
  return trySyncSession({
    emulator,
    service: 'Airtable',
    holds: `one empty table, ${table}, in the base ${emulator.baseId}`,
    env: { AIRTABLE_ENDPOINT_URL: emulator.url, AIRTABLE_TOKEN: FAKE_AIRTABLE_TOKEN },
    file: options.file ?? EXAMPLE_FILE,
    sync: ['sync', 'airtable', '--base', emulator.baseId, '--table', table],
    items: 'records',
    count: () => emulator.state.records(table).length,
  });
}

// Ctrl-C (or SIGTERM) stops the emulator and exits 0.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runTrySync(await startTrySync());
