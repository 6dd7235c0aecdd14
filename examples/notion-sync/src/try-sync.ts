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
import { type NotionEmulator, startNotionEmulator } from '@runner-up/testkit';

/**
 * The token the emulator accepts. Obviously fake, so printing it gives nothing away; a real token
 * is never read or printed here.
 */
export const FAKE_NOTION_TOKEN = 'secret_FAKE_emulator_token_not_a_real_one';

/** The pipeline the printed commands sync, as a path from the repository root. */
export const EXAMPLE_FILE = 'examples/notion-sync/runner-up.yaml';

/** Options of {@link startTrySync}. */
export interface TrySyncOptions {
  /**
   * The pipeline file the commands name, from the repository root.
   * @default EXAMPLE_FILE
   */
  file?: string;
}

/** A running emulator and how to point `runner-up sync notion` at it. */
export interface TrySync {
  emulator: NotionEmulator;
  /** The variables that send `runner-up sync notion` to the emulator. */
  env: { NOTION_BASE_URL: string; NOTION_TOKEN: string };
  /** The arguments of `runner-up` to run from the repository root: a dry run, then the sync. */
  commands: string[][];
  /** What to do, as the script prints it. */
  instructions: string;
  close(): Promise<void>;
}

/** Starts the emulator and words the instructions for it. */
export async function startTrySync(options: TrySyncOptions = {}): Promise<TrySync> {
  const emulator = await startNotionEmulator({ token: FAKE_NOTION_TOKEN });
  const env = { NOTION_BASE_URL: emulator.url, NOTION_TOKEN: FAKE_NOTION_TOKEN };
  const sync = ['--file', options.file ?? EXAMPLE_FILE, 'sync', 'notion'];
  const commands = [
    [...sync, '--database', emulator.databaseId, '--dry-run'],
    [...sync, '--database', emulator.databaseId],
  ];
  const instructions = [
    `A Notion emulator is listening at ${emulator.url}, with one empty database.`,
    '',
    'In another terminal, point runner-up at it (the token is a fake one the emulator accepts):',
    '',
    ...Object.entries(env).map(([name, value]) => `  export ${name}=${value}`),
    '',
    'then, from the repository root, see what a sync would do, and do it:',
    '',
    ...commands.map((args) => `  pnpm runner-up ${args.join(' ')}`),
    '',
    'Run the last command again and it writes nothing. With runner-up installed, `runner-up`',
    'does what `pnpm runner-up` does. Before syncing with Notion itself:',
    '',
    '  unset NOTION_BASE_URL NOTION_TOKEN',
    '',
    'Ctrl-C stops the emulator, which forgets its rows.',
    '',
  ].join('\n');
  return { emulator, env, commands, instructions, close: () => emulator.close() };
}

async function main(): Promise<void> {
  const session = await startTrySync();
  // Ctrl-C (or SIGTERM) stops the emulator and exits 0. Listening before saying so: a Ctrl-C
  // pressed as soon as the text shows still finds the handler.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  process.stdout.write(session.instructions);
  const signal = await stopped;
  const rows = session.emulator.pages().length;
  await session.close();
  process.stdout.write(`\nStopped the emulator (${signal}); it held ${rows} rows.\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
