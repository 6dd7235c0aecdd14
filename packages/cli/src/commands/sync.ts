import {
  type Completion,
  isRunnerUpError,
  type Pipeline,
  parsePipelineYaml,
  type Reminder,
  RunnerUpError,
  type RunnerUpErrorCode,
  type SyncOptions,
  type SyncReport,
  serviceUrlProblem,
} from '@runner-up/core';
import { type CliContext, dateIn } from '../context';
import { loadPipeline, readPipelineText } from '../file/load-pipeline';
import { editPipelineFile, findOpportunity } from '../file/pipeline-file';
import { YamlEditor } from '../file/yaml-editor';
import { createProgress } from '../output/progress';
import { escapeControls } from '../output/terminal-text';
import { planAhead } from '../plan-ahead';

/** Options of `sync notion`: `database`, `dataSource` or both. */
export interface NotionSyncCommandOptions {
  database?: string;
  /** One of the database's data sources, for a database with several. */
  dataSource?: string;
  dryRun?: boolean;
  /** Add the properties the data source lacks. */
  createProperties?: boolean;
}

/** Options of `sync airtable`. */
export interface AirtableSyncCommandOptions {
  base: string;
  table: string;
  dryRun?: boolean;
}

function requireEnv(ctx: CliContext, name: string, sink: string): string {
  // A `.env` file or `echo` can leave a line break at the end. HTTP sends the header value
  // trimmed anyway; trimming here keeps what is sent and what is masked the same value.
  const value = ctx.env[name]?.trim();
  if (!value) {
    throw new RunnerUpError(
      'invalid_options',
      `[${sink}] Missing ${name}. Set it in the environment (never in runner-up.yaml or a flag).`,
      { path: [name] },
    );
  }
  return value;
}

/**
 * The API base URL an environment variable points the sink at (a proxy or an emulator), checked
 * before anything is asked of the service. The value is not echoed: a URL can carry credentials.
 */
function serviceUrl(ctx: CliContext, name: string, sink: string): string | undefined {
  const value = ctx.env[name]?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new RunnerUpError(
      'invalid_options',
      `[${sink}] ${name} expects an http(s) URL such as http://127.0.0.1:8080; unset it to use the service itself.`,
      { path: [name] },
    );
  }
  // Never sent (fetch refuses such a URL), and the URL would show wherever it is shown.
  if (serviceUrlProblem(value) !== undefined) {
    throw new RunnerUpError(
      'invalid_options',
      `[${sink}] ${name} holds a user name or password, which runner-up never sends; give the URL without them, such as http://127.0.0.1:8080.`,
      { path: [name] },
    );
  }
  return value;
}

/** An Airtable base id, as in the base's URL: `app` and 14 letters or digits. */
const AIRTABLE_BASE_ID = /^app[A-Za-z0-9]{14}$/;

/** The base and table `--base` and `--table` name, checked before anything is asked of Airtable. */
function airtableTarget(options: AirtableSyncCommandOptions): { baseId: string; table: string } {
  if (!AIRTABLE_BASE_ID.test(options.base)) {
    throw new RunnerUpError(
      'invalid_options',
      `[airtable] \`--base\` expects an Airtable base id: \`app\` and 14 letters or digits, as in the base's URL (airtable.com/appXXXXXXXXXXXXXX/...), got ${JSON.stringify(options.base)}.`,
      { path: ['--base'] },
    );
  }
  if (options.table.trim() === '') {
    throw new RunnerUpError(
      'invalid_options',
      `[airtable] \`--table\` expects the table's name or id (tbl...), got ${JSON.stringify(options.table)}.`,
      { path: ['--table'] },
    );
  }
  return { baseId: options.base, table: options.table };
}

/** A Notion id: 32 hex digits, with or without the dashes of a UUID. */
const NOTION_ID = /^[0-9a-f]{32}$/i;

/** The ids `--database` and `--data-source` name, checked before anything is asked of Notion. */
function notionTarget(options: NotionSyncCommandOptions): {
  databaseId?: string;
  dataSourceId?: string;
} {
  const flags = [
    ['--database', options.database, "the 32 hex characters in the database's URL"],
    ['--data-source', options.dataSource, 'Copy data source ID, in Notion'],
  ] as const;
  for (const [flag, value, where] of flags) {
    if (value !== undefined && !NOTION_ID.test(value.replace(/-/g, ''))) {
      throw new RunnerUpError(
        'invalid_options',
        `[notion] \`${flag}\` expects a Notion id (${where}), got ${JSON.stringify(value)}.`,
        { path: [flag] },
      );
    }
  }
  if (options.database === undefined && options.dataSource === undefined) {
    throw new RunnerUpError(
      'invalid_options',
      '[notion] Missing --database <id> (the database to sync with) or --data-source <id> (one of its data sources).',
      { path: ['--database'] },
    );
  }
  return {
    ...(options.database === undefined ? {} : { databaseId: options.database }),
    ...(options.dataSource === undefined ? {} : { dataSourceId: options.dataSource }),
  };
}

/** `runner-up sync notion --database ID [--data-source ID]`. */
export async function syncNotionCommand(
  ctx: CliContext,
  options: NotionSyncCommandOptions,
): Promise<void> {
  const target = notionTarget(options);
  const auth = requireEnv(ctx, 'NOTION_TOKEN', 'notion');
  const baseUrl = serviceUrl(ctx, 'NOTION_BASE_URL', 'notion');
  const createMissingProperties = Boolean(options.createProperties);
  await runSync(ctx, 'notion', Boolean(options.dryRun), async (reminders, syncOptions) => {
    const notion = await import('@runner-up/notion');
    try {
      return await notion.syncNotion(reminders, {
        auth,
        ...target,
        ...(baseUrl ? { baseUrl } : {}),
        createMissingProperties,
        ...syncOptions,
      });
    } catch (error) {
      throw inFlagTerms(notion, error, createMissingProperties);
    }
  });
}

/**
 * The library's errors name its options (`dataSourceId`, `createMissingProperties`), which the
 * command does not have: they are worded again with what can be done from here, the flags.
 */
function inFlagTerms(
  notion: typeof import('@runner-up/notion'),
  error: unknown,
  createMissingProperties: boolean,
): unknown {
  const reworded = (code: RunnerUpErrorCode, message: string, flag: string) =>
    new RunnerUpError(code, message, { path: [flag], cause: error });
  if (error instanceof notion.NotionNoDataSourceError) {
    return reworded(error.code, noDataSourceMessage(error.databaseId), '--database');
  }
  if (error instanceof notion.NotionSeveralDataSourcesError) {
    return reworded(
      error.code,
      [
        `[runner-up] [notion] The database ${error.databaseId} has ${error.dataSources.length} data sources, so which one to sync with is not clear:`,
        ...listDataSources(error.dataSources),
        'Run the sync again with --data-source and the id of the one to sync with.',
      ].join('\n'),
      '--data-source',
    );
  }
  if (error instanceof notion.NotionDataSourceNotInDatabaseError) {
    const { databaseId, dataSourceId, dataSources } = error;
    return reworded(
      error.code,
      [
        dataSources.length === 0
          ? `[runner-up] [notion] The data source ${dataSourceId} (--data-source) is not in the database ${databaseId} (--database), which has no data source.`
          : `[runner-up] [notion] The data source ${dataSourceId} (--data-source) is not one of the data sources of the database ${databaseId} (--database):`,
        ...listDataSources(dataSources),
        dataSources.length === 0
          ? 'Leave out --database to sync with that data source in whichever database holds it.'
          : 'Pass one of these to --data-source, or leave out --database to sync with that data source in whichever database holds it.',
      ].join('\n'),
      '--data-source',
    );
  }
  if (isRunnerUpError(error) && error.code === 'not_found') {
    // A 404 for an id the command was given: say which flag gave it.
    const [option] = error.path;
    if (option === 'dataSourceId') {
      return reworded(
        error.code,
        `${error.message}\nThe data source id is the one given to --data-source: in Notion, open the database's settings, Manage data sources, then ••• next to the data source and Copy data source ID.`,
        '--data-source',
      );
    }
    if (option === 'databaseId') {
      return reworded(
        error.code,
        `${error.message}\nThe database id is the one given to --database: the 32 hex characters in the database's URL.`,
        '--database',
      );
    }
  }
  if (!(error instanceof notion.NotionSchemaError)) return error;
  const context = { titleProperty: error.titleProperty, createMissingProperties };
  const advice = { addMissing: 'run the sync again with --create-properties' };
  return new RunnerUpError(
    error.code,
    notion.describeSchemaProblems(error.problems, context, advice),
    { path: error.path, issues: error.issues, cause: error },
  );
}

/** One line per data source: its id, then its name in quotes (escaped, so it prints as one line). */
const listDataSources = (dataSources: readonly { id: string; name: string }[]) =>
  dataSources.map((d) => `  - ${d.id} ${JSON.stringify(d.name)}`);

/** What to do about a database without a data source, with what the command can choose: the flags. */
function noDataSourceMessage(databaseId: string): string {
  return [
    `[runner-up] [notion] The database ${databaseId} has no data source to sync with.`,
    "Add one to it in Notion (Manage data sources, in the database's settings). If its views show a table kept in another database, sync with that table instead: pass its data source id to --data-source without --database (or that database's id to --database), and share that database with your integration.",
  ].join('\n');
}

/** `runner-up sync airtable --base ID --table NAME`. */
export async function syncAirtableCommand(
  ctx: CliContext,
  options: AirtableSyncCommandOptions,
): Promise<void> {
  const target = airtableTarget(options);
  const token = requireEnv(ctx, 'AIRTABLE_TOKEN', 'airtable');
  const endpointUrl = serviceUrl(ctx, 'AIRTABLE_ENDPOINT_URL', 'airtable');
  await runSync(ctx, 'airtable', Boolean(options.dryRun), async (reminders, syncOptions) => {
    const { syncAirtable } = await import('@runner-up/airtable');
    return syncAirtable(reminders, {
      token,
      ...target,
      ...(endpointUrl ? { endpointUrl } : {}),
      ...syncOptions,
    });
  });
}

/** What `runSync` hands a sink: the usual options, and the hook that records Done ticks first. */
type CommandSyncOptions = SyncOptions & {
  replan: (completed: readonly Completion[]) => Promise<Reminder[] | undefined>;
  /** The owner's zone: Done ticks are dated in it, also when the plan is empty. */
  timeZone: string;
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Plans, then syncs. Rows ticked `Done` are recorded as touchpoints after the rows are read and
 * before anything is written, and the sink then writes the plan that includes them, so one run
 * leaves the remote in step and the report counts that one set of writes. A dry run records the
 * ticks in memory only, so its report is what the real run would do.
 */
async function runSync(
  ctx: CliContext,
  sink: string,
  dryRun: boolean,
  sync: (reminders: Reminder[], options: CommandSyncOptions) => Promise<SyncReport>,
): Promise<void> {
  const pipeline = await loadPipeline(ctx.file, { env: ctx.env });
  const now = ctx.nowIn(pipeline.owner.timezone);
  const reminders = planAhead(pipeline, now);
  let recorded: Completion[] = [];
  let orphaned: Completion[] = [];
  let recordingFailed: { error: unknown } | undefined;
  const controller = new AbortController();
  const replan = async (completed: readonly Completion[]) => {
    try {
      const result = await recordCompletions(
        ctx,
        pipeline,
        reminders,
        completed,
        dryRun,
        controller.signal,
      );
      recorded = result.recorded;
      orphaned = result.orphaned;
      return result.pipeline && planAhead(result.pipeline, now);
    } catch (error) {
      recordingFailed = { error };
      throw error;
    }
  };
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  const progress = createProgress(ctx.stderr, `[${sink}]`);
  let report: SyncReport;
  try {
    report = await sync(reminders, {
      dryRun,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      replan,
      timeZone: pipeline.owner.timezone,
    });
  } catch (error) {
    throw recordingFailed ? recordingFailed.error : remoteFailure(error);
  } finally {
    progress.done();
    process.off('SIGINT', abort);
  }
  if (ctx.json) {
    ctx.out(
      JSON.stringify({
        ...report,
        recorded: recorded.map((c) => c.key),
        notRecorded: orphaned.map((c) => ({
          key: c.key,
          opportunityId: c.opportunityId,
          reason: 'unknown_opportunity',
        })),
      }),
    );
    warnOrphaned(ctx, orphaned, dryRun);
    return;
  }
  const c = ctx.colors;
  const requests = plural(report.requests, 'request');
  ctx.out(
    dryRun
      ? `${c.green('✓')} ${sink} (dry run): ${report.created} to create, ${report.updated} to update, ${report.unchanged} unchanged, ${report.cancelled} to cancel; made ${requests}, reads only.`
      : `${c.green('✓')} ${sink}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.cancelled} cancelled; made ${requests}.`,
  );
  if (report.completed.length > 0) {
    const touchpoints = `${plural(recorded.length, 'new touchpoint')} ${dryRun ? 'would be ' : ''}recorded in ${ctx.file}`;
    const counted =
      recorded.length === 0
        ? ''
        : dryRun
          ? ' (the counts above include what that would change)'
          : ' (the counts above include what that changed)';
    const notRecorded =
      orphaned.length === 0
        ? ''
        : `; ${orphaned.length} ${dryRun ? 'could not be' : 'not'} recorded, see below`;
    ctx.out(
      `${report.completed.length} ticked Done remotely; ${touchpoints}${counted}${notRecorded}.`,
    );
  }
  warnOrphaned(ctx, orphaned, dryRun);
  for (const duplicate of report.duplicates) {
    warn(
      ctx,
      `warning: key ${duplicate.key} is on ${duplicate.remoteIds.length} rows; only the first is kept in step.`,
    );
  }
}

/** A warning on stderr in yellow, what it names escaped (see `terminalText`). */
function warn(ctx: CliContext, message: string): void {
  ctx.stderr.write(`${ctx.errColors.yellow(escapeControls(message))}\n`);
}

/**
 * A Done tick on a reminder whose opportunity is no longer in the file has nowhere to go: say
 * which, and why, on stderr, rather than count it silently. The sync itself has succeeded.
 */
function warnOrphaned(ctx: CliContext, orphaned: readonly Completion[], dryRun: boolean): void {
  for (const tick of orphaned) {
    const row = tick.remoteId ? ` (row ${tick.remoteId})` : '';
    warn(
      ctx,
      `[runner-up] Warning: the Done tick on ${tick.key}${row} ${dryRun ? 'would not be' : 'was not'} recorded: its opportunity \`${tick.opportunityId}\` is no longer in ${ctx.file}. Put the opportunity back to record it, or untick the row.`,
    );
  }
}

/**
 * What a sink throws comes from the service's answer, so the command exits 1 (a failure), except
 * the sink's own option checks (`invalid_options`: bad usage, exit 2). The sinks call a 404
 * `not_found`, which the command otherwise keeps for a file or opportunity that is not there
 * (exit 2), so it is passed on as the remote failure it is.
 */
function remoteFailure(error: unknown): unknown {
  if (!isRunnerUpError(error) || error.code !== 'not_found') return error;
  return new RunnerUpError('remote_request_failed', error.message, {
    path: error.path,
    cause: error,
  });
}

/**
 * Records remote `Done` ticks as touchpoints (`reminder: <key>`), skipping those already there,
 * through the same locked, validated, atomic edit as `runner-up log`, and returns the pipeline as it
 * then is. With `dryRun` the same edit is made on a copy of the text and nothing is written.
 */
async function recordCompletions(
  ctx: CliContext,
  pipeline: Pipeline,
  reminders: readonly Reminder[],
  completions: readonly Completion[],
  dryRun: boolean,
  /** Ctrl-C: stops a wait for the file's lock. */
  signal?: AbortSignal,
): Promise<{ recorded: Completion[]; orphaned: Completion[]; pipeline?: Pipeline }> {
  const known = new Set(pipeline.opportunities.map((o) => o.id));
  const wanted = completions.filter((c) => known.has(c.opportunityId));
  const gone = completions.filter((c) => !known.has(c.opportunityId));
  if (wanted.length === 0) return { recorded: [], orphaned: uniqueByKey(gone) };
  const byKey = new Map(reminders.map((r) => [r.key, r]));
  // A tick dated after today (a reminder ticked early, dated by its due date for want of a
  // `Done at`) is recorded as today: a touchpoint records what already happened.
  const today = dateIn(ctx.nowIn(pipeline.owner.timezone), pipeline.owner.timezone);
  const edit = (editor: YamlEditor, current: Pipeline) => {
    const recorded: Completion[] = [];
    const orphaned = [...gone];
    /**
     * Each reminder's status as the file stands inside the lock: another command may have logged.
     * The plan the sync began with, when the file is as it was then (planned again otherwise).
     */
    let statusNow: Map<string, Reminder['status']> | undefined;
    const statusOf = (key: string) => {
      statusNow ??= new Map(
        (changedSince(pipeline, current).pipeline === undefined
          ? reminders
          : planAhead(current, ctx.nowIn(current.owner.timezone))
        ).map((r) => [r.key, r.status]),
      );
      return statusNow.get(key);
    };
    for (const completion of wanted) {
      const opportunity = current.opportunities.find((o) => o.id === completion.opportunityId);
      // Removed by another command since the sync began.
      if (!opportunity) {
        orphaned.push(completion);
        continue;
      }
      // Read inside the lock: another command may have recorded it meanwhile.
      if (opportunity.touchpoints.some((t) => t.reminder === completion.key)) continue;
      if (recorded.some((r) => r.key === completion.key)) continue;
      const reminder = byKey.get(completion.key);
      // A touchpoint already completed it (`runner-up log`, and the row shows it done): the tick
      // says the same touch, which recorded again would complete the next step too. Read in the
      // file as it is now, inside the lock.
      if (statusOf(completion.key) === 'done') continue;
      const { node } = findOpportunity(editor.doc, current, completion.opportunityId, ctx.file);
      const touchpoint: Record<string, string> = {
        // biome-ignore lint/complexity/useMathMinMax: dates written as text, not numbers
        on: completion.on > today ? today : completion.on,
        channel: reminder?.action ?? 'other',
      };
      if (reminder?.contact) touchpoint.with = reminder.contact.name;
      touchpoint.direction = 'out';
      touchpoint.reminder = completion.key;
      editor.appendToList(node, 'touchpoints', touchpoint);
      recorded.push(completion);
    }
    return { changed: recorded.length > 0, recorded, orphaned: uniqueByKey(orphaned), current };
  };
  if (dryRun) {
    const text = await readPipelineText(ctx.file);
    const editor = new YamlEditor(text, { file: ctx.file });
    const { recorded, orphaned, current } = edit(
      editor,
      parsePipelineYaml(text, { file: ctx.file }),
    );
    if (recorded.length === 0) return { recorded, orphaned, ...changedSince(pipeline, current) };
    return {
      recorded,
      orphaned,
      pipeline: parsePipelineYaml(editor.toString(), { file: ctx.file }),
    };
  }
  const { recorded, orphaned, current } = await editPipelineFile(ctx.file, edit, {
    env: ctx.env,
    onLockWait: (message) => ctx.err(message),
    ...(signal === undefined ? {} : { signal }),
  });
  if (recorded.length === 0) return { recorded, orphaned, ...changedSince(pipeline, current) };
  return { recorded, orphaned, pipeline: await loadPipeline(ctx.file, { env: ctx.env }) };
}

/**
 * The file as read inside the lock, when another command changed it since the sync began: the
 * sync then writes the plan of that file, so one run still leaves the remote in step.
 */
function changedSince(before: Pipeline, current: Pipeline): { pipeline?: Pipeline } {
  return JSON.stringify(current) === JSON.stringify(before) ? {} : { pipeline: current };
}

/** One entry per key: a row copied by hand carries its key (and its tick) twice. */
function uniqueByKey(completions: readonly Completion[]): Completion[] {
  const seen = new Set<string>();
  return completions.filter((c) => !seen.has(c.key) && Boolean(seen.add(c.key)));
}
