import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ExportOptions } from './commands/export';
import type { InitOptions } from './commands/init';
import type { LogOptions } from './commands/log';
import type { ServeOptions } from './commands/serve';
import type { NotionSyncCommandOptions } from './commands/sync';
import {
  type CliContext,
  createContext,
  fileArgument,
  type GlobalOptions,
  shellWord,
} from './context';
import { ExitCode, exitCodeFor, formatError } from './output/report-error';
import { scrub, secretsFrom } from './output/scrub';
import { STARTER_AUDIENCES, type StarterAudience } from './starter-audiences';
import { VERSION } from './version';

/** Where {@link run} reads and writes. Defaults to the process's own. */
export interface RunOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default process.stdout */
  stdout?: CliContext['stdout'];
  /** @default process.stderr */
  stderr?: CliContext['stderr'];
  /** Stops a running `serve`. */
  signal?: AbortSignal;
}

/**
 * Runs the `runner-up` command with `argv` (without the node and script entries) and resolves
 * to the exit code: 0 ok, 1 failure, 2 bad usage or invalid input. Never calls `process.exit`,
 * so it can be embedded and tested in-process.
 */
export async function run(argv: readonly string[], runOptions: RunOptions = {}): Promise<number> {
  const env = runOptions.env ?? process.env;
  const stdout = runOptions.stdout ?? process.stdout;
  const stderr = runOptions.stderr ?? process.stderr;
  const secrets = secretsFrom(env);
  let debug = argv.includes('--debug');
  let exitCode: number = ExitCode.ok;

  const program = new Command('runner-up');
  /** ` -f FILE` when the user named the file, for hints to run another command on it. */
  const fileArgs = () =>
    fileArgument(String(program.opts().file ?? ''), program.getOptionValueSource('file') === 'cli');
  // Each command's module is imported when that command runs, so start-up pays only for the one
  // in use: `agenda` loads neither the YAML editor nor the plugins (see docs/benchmarks.md).
  const withContext =
    <A extends unknown[]>(action: (ctx: CliContext, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      debug = Boolean(globals.debug);
      refuseExcessArguments(command, argv);
      const ctx = createContext(globals, {
        env,
        stdout,
        stderr,
        fileGiven: program.getOptionValueSource('file') === 'cli',
      });
      await action(ctx, ...args);
    };

  program
    .description(
      'Stay visible to the organizations that chose someone else: plan and record follow-ups.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .option('-f, --file <path>', 'the pipeline file', './runner-up.yaml')
    .option(
      '--now <iso>',
      'fix "now" for reproducible output: an ISO instant (2026-12-01T15:00:00Z), or a date (2026-12-01) for the start of that day in the owner\'s zone',
    )
    .option('--json', 'print JSON on stdout')
    .option('--no-color', 'never colour output (NO_COLOR is honoured too)')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    // Checked by each command (refuseExcessArguments), to suggest -f for a file given as one.
    .allowExcessArguments()
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(scrub(text, secrets)),
      writeErr: (text) => stderr.write(scrub(text, secrets)),
      // Usage errors read like every other error: `[runner-up] unknown option '--dayz'`.
      outputError: (text, write) => write(`[runner-up] ${text.replace(/^error: /, '')}`),
    });

  const init = program
    .command('init')
    .description('write a commented starter runner-up.yaml')
    .addOption(audienceOption())
    .option('--force', 'overwrite an existing file')
    .action(
      withContext(async (ctx, options: InitOptions) =>
        (await import('./commands/init')).initCommand(ctx, options),
      ),
    );
  // `init --recruiter` is what many would type first: refused as any unknown option, with the
  // command line that works. One spelling, `--for`, leaves nothing to choose between.
  for (const audience of STARTER_AUDIENCES) {
    init.addOption(new Option(`--${audience}`).hideHelp());
    init.on(`option:${audience}`, () =>
      init.error(
        `unknown option '--${audience}'. Say who the starter is for with --for: \`${audienceCommandLine(argv, `--${audience}`)}\`.`,
        { code: 'commander.unknownOption', exitCode: ExitCode.usage },
      ),
    );
  }

  program
    .command('validate')
    .description('check the file; problems name file:line:col and the field path')
    .action(withContext(async (ctx) => (await import('./commands/validate')).validateCommand(ctx)));

  program
    .command('agenda')
    .description('what is overdue, due and coming up, grouped by week, with why')
    .option('--days <n>', 'how many days ahead, 1 to 3660', '30')
    .action(
      withContext(async (ctx, options: { days?: string }) =>
        (await import('./commands/agenda')).agendaCommand(ctx, options),
      ),
    );

  program
    .command('log')
    .description('record a contact (a touchpoint) in the file')
    .argument('<opportunity>', 'the opportunity id')
    // Not `requiredOption`: commander would report a missing `--channel` before a missing
    // `<opportunity>`; the command checks it (exit 2 all the same).
    .option('--channel <channel>', 'required: email, call, linkedin, meeting, note or other')
    .option('--with <name>', 'the contact you spoke with')
    .addOption(
      new Option('--direction <direction>', 'out: you reached out; in: they did')
        .choices(['in', 'out'])
        .default('out'),
    )
    .option('--note <text>', 'what was said')
    .option('--at <date>', "the date (YYYY-MM-DD); default today in the owner's zone")
    .action(
      withContext(async (ctx, id: string, options: LogOptions) =>
        (await import('./commands/log')).logCommand(ctx, id, options),
      ),
    );

  program
    .command('snooze')
    .description('plan nothing for an opportunity before a date')
    .argument('<opportunity>', 'the opportunity id')
    .option('--until <date>', 'required: the date (YYYY-MM-DD)')
    .action(
      withContext(async (ctx, id: string, options: { until?: string }) =>
        (await import('./commands/snooze')).snoozeCommand(ctx, id, options),
      ),
    );

  program
    .command('export')
    .description('write the calendar')
    .argument('<format>', 'ics')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .option(
      '--state <file>',
      "keep the events' revisions (SEQUENCE) here (default: <file name>.export.state.json beside the pipeline file)",
    )
    .option('--no-state', 'keep no revisions: every event is SEQUENCE:0')
    .action(
      withContext(async (ctx, format: string, options: ExportOptions) =>
        (await import('./commands/export')).exportCommand(ctx, format, options),
      ),
    );

  program
    .command('serve')
    .description('serve the calendar feed at /feed/<token>.ics (token from RUNNER_UP_FEED_TOKEN)')
    .option('-p, --port <port>', 'port (0 picks a free one)', '8787')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--state <file>',
      "keep the events' revisions (SEQUENCE) here across restarts (default: <file name>.feed.state.json beside the pipeline file)",
    )
    .option('--no-state', 'keep revisions in memory only: they restart at 0 with the server')
    .action(
      withContext(async (ctx, options: ServeOptions) =>
        (await import('./commands/serve')).serveCommand(ctx, options, runOptions.signal),
      ),
    );

  const sync = program
    .command('sync')
    .description('push reminders to Notion or Airtable and read back Done ticks');
  sync
    .command('notion')
    .description(
      'sync with a Notion database or one of its data sources (NOTION_TOKEN; NOTION_BASE_URL for a proxy)',
    )
    .option('--database <id>', 'the database id (the 32 hex characters in its URL)')
    .option(
      '--data-source <id>',
      'which of its data sources, when it has several (Manage data sources → ••• → Copy data source ID)',
    )
    .option('--dry-run', 'report what would change and write nothing')
    .option('--create-properties', 'add the properties the database lacks (never changes one)')
    .action(
      withContext(async (ctx, options: NotionSyncCommandOptions) =>
        (await import('./commands/sync')).syncNotionCommand(ctx, options),
      ),
    )
    .addHelpText(
      'after',
      "\nGive --database, --data-source or both. A database with several data sources\nneeds --data-source; with both, the data source must be one of the database's.",
    );
  sync
    .command('airtable')
    .description('sync with an Airtable table (AIRTABLE_TOKEN; AIRTABLE_ENDPOINT_URL for a proxy)')
    .usage('--base <id> --table <name> [options]')
    .requiredOption('--base <id>', 'required: the base id (app and 14 letters or digits)')
    .requiredOption('--table <name>', 'required: the table name or id')
    .option('--dry-run', 'report what would change and write nothing')
    .action(
      withContext(async (ctx, options: { base: string; table: string; dryRun?: boolean }) =>
        (await import('./commands/sync')).syncAirtableCommand(ctx, options),
      ),
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are successes; every other commander error is bad usage.
      exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    } else {
      exitCode = exitCodeFor(error);
      const validate = `runner-up validate${fileArgs()}`;
      stderr.write(scrub(formatError(error, { debug, validate }), secrets));
    }
  }
  return exitCode;
}

/**
 * Commander's "too many arguments" usage error (exit 2), with a hint when the one argument too
 * many looks like a file: the pipeline file is given with `-f` (`runner-up validate -f mine.yaml`).
 */
function refuseExcessArguments(command: Command, argv: readonly string[]): void {
  const expected = command.registeredArguments.length;
  const received = command.args;
  if (received.length <= expected) return;
  const name = command.name();
  let message = `too many arguments for '${name}'. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${received.length}.`;
  const extra = received[expected]!;
  if (name === 'init' && received.length === 1 && isStarterAudience(extra)) {
    message += `\nSay who the starter is for with --for: \`${audienceCommandLine(argv, extra)}\`.`;
  } else if (received.length === expected + 1 && looksLikeFile(extra)) {
    // The command line as typed, with `-f` before that argument.
    const at = argv.lastIndexOf(extra);
    const words = argv.map(shellWord);
    words.splice(at, 1, '-f', shellWord(extra));
    message += `\nThe pipeline file is given with -f (--file): \`runner-up ${words.join(' ')}\`.`;
  }
  command.error(message, { code: 'commander.excessArguments', exitCode: 2 });
}

/** True for an argument that names a file: with a YAML or JSON extension, or there. */
function looksLikeFile(value: string): boolean {
  return /\.(ya?ml|json)$/i.test(value) || existsSync(value);
}

function isStarterAudience(value: string): value is StarterAudience {
  return (STARTER_AUDIENCES as readonly string[]).includes(value);
}

/**
 * The command line as typed, with `word` (`--recruiter`, or `recruiter` given as an argument)
 * written `--for recruiter`.
 */
function audienceCommandLine(argv: readonly string[], word: string): string {
  const audience = word.replace(/^--/, '');
  const at = argv.lastIndexOf(word);
  if (at < 0) return `runner-up init --for ${audience}`;
  const words = argv.map(shellWord);
  words.splice(at, 1, '--for', audience);
  return `runner-up ${words.join(' ')}`;
}

/**
 * `init --for <audience>`: one of {@link STARTER_AUDIENCES}, given once. Commander keeps the last
 * of two values; two different ones are refused instead, as the file would be one starter or the
 * other with nothing said.
 */
function audienceOption(): Option {
  let given: string | undefined;
  return new Option(
    '--for <audience>',
    'job-seeker: opportunities you came second for; recruiter: candidates who came second for your clients',
  )
    .choices(STARTER_AUDIENCES)
    .default('job-seeker')
    .argParser((value: string) => {
      if (!isStarterAudience(value)) {
        throw new InvalidArgumentError(`Allowed choices are ${STARTER_AUDIENCES.join(', ')}.`);
      }
      if (given !== undefined && given !== value) {
        throw new InvalidArgumentError(
          `It was given as ${given} before: give \`--for\` once, ${given} or ${value}.`,
        );
      }
      given = value;
      return value;
    });
}
