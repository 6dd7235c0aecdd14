/**
 * What the examples' `pnpm try-sync` scripts share: an emulator started for `runner-up sync`, the
 * variables and commands that point the command at it, worded for a person, and a run that keeps
 * the emulator up until Ctrl-C. Each example says only which emulator, flags and variables.
 */

/** Options of an example's `startTrySync()`. */
export interface TrySyncOptions {
  /**
   * The pipeline file the commands name, from the repository root.
   * @default the example's own `runner-up.yaml`
   */
  file?: string;
}

/** Options of {@link trySyncSession}: a running emulator and how `runner-up sync` reaches it. */
export interface TrySyncSessionOptions<Emulator, Env extends Record<string, string>> {
  emulator: Emulator & { url: string; close(): Promise<void> };
  /** The service, as a sentence names it: `Notion`, `Airtable`. */
  service: string;
  /** What the emulator starts with: `one empty database`. */
  holds: string;
  /** The variables that send the command to the emulator, its fake token among them. */
  env: Env;
  /** The pipeline file the commands name, from the repository root. */
  file: string;
  /** `sync`, the sink and the flags that name the database or table: the dry run adds `--dry-run`. */
  sync: string[];
  /** What the emulator keeps, in the plural: `rows`, `records`. */
  items: string;
  /** How many of them it holds now. */
  count(): number;
}

/** A running emulator and how to point `runner-up sync` at it. */
export interface TrySyncSession<Emulator, Env extends Record<string, string>> {
  emulator: Emulator;
  /** The variables that send `runner-up sync` to the emulator. */
  env: Env;
  /** The arguments of `runner-up` to run from the repository root: a dry run, then the sync. */
  commands: string[][];
  /** What to do, as the script prints it. */
  instructions: string;
  /** What the emulator holds now, counted: `14 rows`. */
  held(): string;
  close(): Promise<void>;
}

/** Words the commands and the instructions for a running emulator. */
export function trySyncSession<Emulator, Env extends Record<string, string>>(
  options: TrySyncSessionOptions<Emulator, Env>,
): TrySyncSession<Emulator, Env> {
  const { emulator, service, env, items } = options;
  const sync = ['--file', options.file, ...options.sync];
  const commands = [[...sync, '--dry-run'], sync];
  const article = /^[aeiou]/i.test(service) ? 'An' : 'A';
  const instructions = [
    `${article} ${service} emulator is listening at ${emulator.url}, with ${options.holds}.`,
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
    `does what \`pnpm runner-up\` does. Before syncing with ${service} itself:`,
    '',
    `  unset ${Object.keys(env).join(' ')}`,
    '',
    `Ctrl-C stops the emulator, which forgets its ${items}.`,
    '',
  ].join('\n');
  return {
    emulator,
    env,
    commands,
    instructions,
    held: () => `${options.count()} ${items}`,
    close: () => emulator.close(),
  };
}

/**
 * An example's `main`: prints the instructions, keeps the emulator up until Ctrl-C (or SIGTERM),
 * then stops it and says what it held. Resolves once stopped, so the script exits 0.
 */
export async function runTrySync(
  session: Pick<TrySyncSession<unknown, Record<string, string>>, 'instructions' | 'held' | 'close'>,
): Promise<void> {
  // Listening before saying so: a Ctrl-C pressed as soon as the text shows still finds the handler.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  process.stdout.write(session.instructions);
  const signal = await stopped;
  const held = session.held();
  await session.close();
  process.stdout.write(`\nStopped the emulator (${signal}); it held ${held}.\n`);
}
