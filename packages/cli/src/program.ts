import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isRunnerUpError, RunnerUpError } from '@runner-up/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ExportOptions } from './commands/export';
import type { InitOptions } from './commands/init';
import type { LogOptions } from './commands/log';
import type { ServeOptions } from './commands/serve';
import type { NotionSyncCommandOptions } from './commands/sync';
import {
  type CliContext,
  createContext,
  type Environment,
  fileArgument,
  type GlobalOptions,
  shellWord,
} from './context';
import { closestName, didYouMean } from './output/closest-name';
import { ExitCode, exitCodeFor, formatError } from './output/report-error';
import { scrub, scrubbingStream, secretsFrom } from './output/scrub';
import { terminalText } from './output/terminal-text';
import { STARTER_AUDIENCES, type StarterAudience } from './starter-audiences';
import { VERSION } from './version';

/** Where {@link run} reads and writes. Defaults to the process's own. */
export interface RunOptions {
  /** @default process.env */
  env?: Environment;
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
  const secrets = secretsFrom(env);
  // Everything a command writes is scrubbed of the tokens, also when `run()` is embedded in a
  // program whose streams `bin` has not guarded.
  const stdout = scrubbingStream(runOptions.stdout ?? process.stdout, secrets);
  const stderr = scrubbingStream(runOptions.stderr ?? process.stderr, secrets);
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
      try {
        await action(ctx, ...args);
      } catch (error) {
        throw globals.now === undefined ? error : asNowFlagError(error, globals.now);
      }
    };

  program
    .description(
      'Stay visible to the organizations that chose someone else: plan and record follow-ups.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    // Added below (addHelpCommand), to name an unknown command and suggest the closest one.
    .helpCommand(false)
    .addOption(fileOption())
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
      outputError: (text, write) =>
        write(terminalText(`[runner-up] ${text.replace(/^error: /, '')}`)),
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
    // No commander default: the command tells a --days given from the default (its messages differ).
    .option('--days <n>', 'how many days ahead, 1 to 3660 (default: "30")')
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
        .choices(DIRECTIONS)
        // Checked by the command, worded as `--channel` is (the choices stay in the help).
        .argParser((value) => value)
        .default('out'),
    )
    .option(
      '--answered',
      'a touch of yours they answered on the spot (a call they picked up): it counts as their reply too',
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
    .addOption(
      pathOption(
        '-o, --output <file>',
        'write to a file (atomically) instead of stdout',
        'Give the path of the file to write, or leave out -o to write to stdout.',
      ),
    )
    .addOption(
      pathOption(
        '--state <file>',
        "keep the events' revisions (SEQUENCE) here (default: <file name>.export.state.json beside the pipeline file)",
        STATE_PATH_ADVICE,
      ),
    )
    .option('--no-state', 'keep no revisions: every event is SEQUENCE:0')
    .option('--todo', 'write tasks (VTODO), done ones completed, instead of events')
    .option(
      '--domain <name>',
      "the right-hand side of every event's UID, e.g. your own domain (default: runner-up)",
    )
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
    .addOption(
      pathOption(
        '--state <file>',
        "keep the events' revisions (SEQUENCE) here across restarts (default: <file name>.feed.state.json beside the pipeline file)",
        STATE_PATH_ADVICE,
      ),
    )
    .option('--no-state', 'keep revisions in memory only: they restart at 0 with the server')
    .option(
      '--domain <name>',
      "the right-hand side of every event's UID, e.g. your own domain (default: runner-up)",
    )
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

  addHelpCommand(sync);
  addHelpCommand(program);
  refuseRepeatedOptions(program);
  program.on('command:*', (operands: string[]) => unknownCommand(program, operands, argv));
  sync.on('command:*', ([word = '']: string[]) =>
    sync.error(unknownCommandIn(sync, word, argv), {
      code: 'commander.unknownCommand',
      exitCode: ExitCode.usage,
    }),
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
      stderr.write(scrub(terminalText(formatError(error, { debug, validate })), secrets));
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
    const words = withFileOption(argv, argv.lastIndexOf(extra));
    message += `\nThe pipeline file is given with -f (--file): \`runner-up ${words.join(' ')}\`.`;
  }
  command.error(message, { code: 'commander.excessArguments', exitCode: 2 });
}

/** The values of `log --direction`. */
const DIRECTIONS = ['in', 'out'];

/** The options whose values are paths, compared as the files they name. */
const PATH_OPTIONS = new Set(['file', 'output', 'state']);

/**
 * Refuses an option that takes one value given twice with two values (`--days 3 --days 5`), and
 * an option given with its `--no-` form (`--state a.json --no-state`), for `command` and every
 * command under it: commander keeps the last one and says nothing, so the first would be ignored
 * unseen. The same value twice changes nothing and is let through.
 */
function refuseRepeatedOptions(command: Command): void {
  /** What each option's value was given as so far: a value, or its `--no-` flag. */
  const given = new Map<string, { flags: string; value: string | undefined }>();
  const seen = (option: Option, value: string | undefined) => {
    const before = given.get(option.attributeName());
    if (before !== undefined && (before.value === undefined) !== (value === undefined)) {
      const [valued, negated] = value === undefined ? [before, option] : [option, before];
      command.error(
        `options '${valued.flags}' and '${negated.flags}' were both given: give one or the other.`,
        { code: 'commander.conflictingOption', exitCode: ExitCode.usage },
      );
    }
    if (
      before?.value !== undefined &&
      value !== undefined &&
      before.value !== value &&
      // One file written two ways (`-f runner-up.yaml … -f ./runner-up.yaml`) is one value.
      !(PATH_OPTIONS.has(option.attributeName()) && resolve(before.value) === resolve(value))
    ) {
      command.error(
        `option '${option.flags}' was given twice, as ${shellWord(before.value)} and ${shellWord(value)}: give it once.`,
        { code: 'commander.optionRepeated', exitCode: ExitCode.usage },
      );
    }
    given.set(option.attributeName(), { flags: option.flags, value });
  };
  for (const option of command.options) {
    if (option.negate) command.on(`option:${option.name()}`, () => seen(option, undefined));
    else if ((option.required || option.optional) && !option.variadic) {
      command.on(`option:${option.name()}`, (value: string) => seen(option, value));
    }
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
}

/**
 * A `now` that core refuses (a moment outside the days it plans) came from `--now`: say so by the
 * flag's name and the value as given, rather than by core's option name.
 */
function asNowFlagError(error: unknown, given: string): unknown {
  if (!isRunnerUpError(error) || error.code !== 'invalid_options' || error.path[0] !== 'now') {
    return error;
  }
  const reason = /^\[runner-up\] \[\w+\] `now`: (.*)$/s.exec(error.message)?.[1];
  if (reason === undefined) return error;
  return new RunnerUpError('invalid_options', `\`--now ${shellWord(given)}\`: ${reason}`, {
    path: ['now'],
    cause: error,
  });
}

/** The names of `parent`'s commands, as its help lists them. */
function commandNames(parent: Command): string[] {
  return parent.commands.map((command) => command.name());
}

/**
 * The words of `argv`, ready for the shell, with `argv[at]` given as the pipeline file: `-f` before
 * it, and any `-f`/`--file` given before dropped, since the file is given once.
 */
function withFileOption(argv: readonly string[], at: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (i === at) {
      words.push('-f', shellWord(word));
    } else if ((word === '-f' || word === '--file') && i + 1 !== at) {
      i += 1; // and its value
    } else if (!word.startsWith('--file=') && !/^-f./.test(word)) {
      words.push(shellWord(word));
    }
  }
  return words;
}

/**
 * The usage error (exit 2) for an unknown command, with the closest command when one is a typo
 * away. A first word that looks like a file (`runner-up pipeline.yaml agenda`) gets the command
 * line with `-f` before it, as the pipeline file is given with `-f`.
 */
function unknownCommand(program: Command, operands: readonly string[], argv: readonly string[]) {
  const [word = '', next] = operands;
  const names = commandNames(program).filter((name) => name !== 'help');
  let message = `unknown command '${word}'`;
  if (looksLikeFile(word)) {
    const words = withFileOption(argv, argv.indexOf(word));
    if (next === undefined) words.push('agenda');
    message += `. The pipeline file is given with -f (--file): \`runner-up ${words.join(' ')}\`.`;
    if (next !== undefined && !names.includes(next)) {
      const meant = closestName(next, names);
      message += ` \`${next}\` is no command either: ${
        meant === undefined ? `the commands are ${names.join(', ')}.` : `did you mean \`${meant}\`?`
      }`;
    }
  } else {
    message = unknownCommandIn(program, word, argv);
  }
  program.error(message, { code: 'commander.unknownCommand', exitCode: ExitCode.usage });
}

/**
 * `unknown command 'sync notio'. Did you mean `…`?`, with the command line `suggest` makes of the
 * closest of `names`, or the list of `names` when none is close: one wording for an unknown
 * command (`runner-up agnda`, `runner-up sync notio`) and for `runner-up help` of one.
 */
function unknownCommandMessage(
  names: readonly string[],
  where: string,
  word: string,
  suggest: (meant: string) => string,
): string {
  const meant = closestName(word, names);
  const known = where === '' ? 'The commands are' : `The commands of \`${where}\` are`;
  return `unknown command '${[where, word].filter(Boolean).join(' ')}'. ${
    meant === undefined ? `${known} ${names.join(', ')}.` : `Did you mean \`${suggest(meant)}\`?`
  }`;
}

/**
 * The message for `word`, an unknown command under `parent`, suggesting the command line as given
 * with the closest command in its place (`-f` and the options kept, as the other hints keep them).
 */
function unknownCommandIn(parent: Command, word: string, argv: readonly string[]): string {
  const names = commandNames(parent).filter((name) => name !== 'help');
  const where = parent.parent ? parent.name() : '';
  const at = argv.indexOf(word);
  return unknownCommandMessage(names, where, word, (meant) =>
    at < 0
      ? ['runner-up', where, meant].filter(Boolean).join(' ')
      : ['runner-up', ...argv.map((w, i) => (i === at ? meant : shellWord(w)))].join(' '),
  );
}

/**
 * `help [command...]` for `parent`, in place of commander's, which answers a command it does not
 * know with the whole help, as an error and without saying what was wrong: this one names it,
 * suggests the closest command (or lists them), and exits 2.
 */
function addHelpCommand(parent: Command): void {
  parent.helpCommand(false);
  const help = parent
    .command('help')
    .description('show help for a command')
    .argument('[command]', 'the command to show help for')
    .allowExcessArguments()
    .action(() => {
      let target = parent;
      const path: string[] = [];
      for (const name of help.args) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (next === undefined) {
          const names = commandNames(target).filter((n) => n !== 'help');
          const where = [parent.parent ? parent.name() : '', ...path].filter(Boolean).join(' ');
          if (names.length === 0) {
            help.error(
              `\`${where}\` has no commands under it, so there is no \`${where} ${name}\`: \`runner-up help ${where}\` shows its help.`,
              { code: 'commander.unknownCommand', exitCode: ExitCode.usage },
            );
          }
          const prefix = ['runner-up help', where].filter(Boolean).join(' ');
          help.error(
            unknownCommandMessage(names, where, name, (meant) => `${prefix} ${meant}`),
            { code: 'commander.unknownCommand', exitCode: ExitCode.usage },
          );
        }
        path.push(name);
        target = next!;
      }
      target.help();
    });
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
 * `-f, --file <path>`: an empty (or blank) path names no file, and would only fail later with a
 * message about a file called nothing; refused as a usage error where it is given.
 */
function fileOption(): Option {
  return pathOption(
    '-f, --file <path>',
    'the pipeline file',
    'Give the path of the pipeline file, or leave out -f to use ./runner-up.yaml.',
  ).default('./runner-up.yaml');
}

/** What to give instead of a blank `--state`. */
const STATE_PATH_ADVICE =
  'Give the path of the state file, leave out --state for the one beside the pipeline file, or give --no-state to keep none.';

/**
 * An option naming a file: an empty (or blank) path names none, and would write a file called
 * nothing, or one called by its spaces; refused as a usage error where it is given, with `advice`.
 * So is a path ending with a slash, which names a folder.
 */
function pathOption(flags: string, description: string, advice: string): Option {
  return new Option(flags, description).argParser((value: string) => {
    if (value.trim() === '') throw new InvalidArgumentError(advice);
    if (/[\\/]$/.test(value)) {
      throw new InvalidArgumentError(
        `It ends with ${value.at(-1)}, so it names a folder: give the path of a file in it.`,
      );
    }
    return value;
  });
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
        throw new InvalidArgumentError(
          `Allowed choices are ${STARTER_AUDIENCES.join(', ')}.${didYouMean(value, STARTER_AUDIENCES)}`,
        );
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
