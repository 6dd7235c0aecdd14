import { Client } from '@notionhq/client';
import { isRunnerUpError, RunnerUpError, type SyncReport } from '@runner-up/core';
import { type NotionClient, type ResolvedNotionOptions, scrub } from './options';
import { NotionDatabaseSchema, parseResponse } from './responses';
import { Transport } from './transport';

/** Everything a sync run shares. */
export interface NotionContext {
  client: NotionClient;
  transport: Transport;
  options: ResolvedNotionOptions;
  report: SyncReport;
}

/** Builds the client and transport for one run. */
export function createContext(options: ResolvedNotionOptions, report: SyncReport): NotionContext {
  const transport = new Transport({
    requestsPerSecond: options.requestsPerSecond,
    maxConcurrency: options.maxConcurrency,
    maxRetries: options.maxRetries,
    retryDelayMs: options.retryDelayMs,
    signal: options.signal,
    secret: options.auth,
    report,
  });
  const client =
    options.client ??
    new Client({
      auth: options.auth,
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
      // The client's own timer is a backstop; ours aborts the socket first.
      timeoutMs: options.timeoutMs + 1000,
      // Retries are ours, so each is paced, counted once and bounded by `maxRetries`.
      retry: false,
      // The client logs request failures to the console by default; runner-up reports instead.
      logger: () => {},
      fetch: (url, init) => {
        const signals = [AbortSignal.timeout(options.timeoutMs)];
        if (options.signal) signals.push(options.signal);
        return fetch(url, { ...(init as RequestInit), signal: AbortSignal.any(signals) });
      },
    });
  return { client, transport, options, report };
}

/** A data source as its database lists it. */
export interface NotionDataSourceSummary {
  /** The data source's id, as Notion gives it. */
  id: string;
  /** Its name in Notion; empty when Notion gives none. */
  name: string;
}

/** Notion ids with or without dashes, in either case, name the same object. */
const sameId = (a: string, b: string) =>
  a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();

/**
 * Resolves the data source to use. `dataSourceId` alone is used as it is, with no lookup. With
 * `databaseId`, the database is read: `dataSourceId` must be one of its data sources; without
 * `dataSourceId`, it must have exactly one, since picking one of several would sync with a table
 * the caller may not mean.
 */
export async function resolveDataSourceId(ctx: NotionContext): Promise<string> {
  const { options, client, transport } = ctx;
  const { databaseId, dataSourceId } = options;
  if (!databaseId) return dataSourceId!;
  const database = parseResponse(
    NotionDatabaseSchema,
    await naming('databaseId', () =>
      transport.request('Reading the database', () =>
        client.databases.retrieve({ database_id: databaseId }),
      ),
    ),
    'a database lookup',
  );
  const dataSources = (database.data_sources ?? []).map((d) => ({ id: d.id, name: d.name ?? '' }));
  if (dataSourceId) {
    if (dataSources.some((d) => sameId(d.id, dataSourceId))) return dataSourceId;
    throw new NotionDataSourceNotInDatabaseError(databaseId, dataSourceId, dataSources);
  }
  const [only, ...others] = dataSources;
  if (!only) throw new NotionNoDataSourceError(databaseId);
  if (others.length > 0) throw new NotionSeveralDataSourcesError(databaseId, dataSources);
  return only.id;
}

/**
 * Runs a request for the object an option names, and gives its 404 (`not_found`) that option as
 * `path`, so a caller can say which of its ids Notion did not find.
 */
export async function naming<T>(
  option: 'databaseId' | 'dataSourceId',
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!isRunnerUpError(error) || error.code !== 'not_found' || error.path.length > 0) throw error;
    throw new RunnerUpError('not_found', error.message, { path: [option], cause: error });
  }
}

/** One line per data source: its id, then its name in quotes (escaped, so it prints as one line). */
export function listDataSources(dataSources: readonly NotionDataSourceSummary[]): string[] {
  return dataSources.map((d) => `  - ${d.id} ${JSON.stringify(d.name)}`);
}

/**
 * The database has no data source, so there is no table to sync with (code
 * `remote_schema_mismatch`): Notion answers it with an empty `data_sources`, as for a database
 * whose data source was moved to another one. The message names the `dataSourceId` option;
 * `databaseId` lets a caller word its own advice.
 */
export class NotionNoDataSourceError extends RunnerUpError {
  /** The database that has no data source, as the `databaseId` option named it. */
  readonly databaseId: string;

  constructor(databaseId: string) {
    super(
      'remote_schema_mismatch',
      `[runner-up] [notion] The database ${databaseId} has no data source to sync with. Add one in Notion (Manage data sources, in the database's settings), or pass \`dataSourceId\` to name a data source directly.`,
      { path: ['databaseId'] },
    );
    this.databaseId = databaseId;
  }
}

/**
 * The database holds several data sources and no `dataSourceId` says which one to sync with (code
 * `remote_schema_mismatch`). Nothing is read or written: syncing with the first could fill a table
 * the caller never meant. `dataSources` lists them (`{ id, name }`, in Notion's order), so a caller
 * can word its own advice; the message names the `dataSourceId` option.
 */
export class NotionSeveralDataSourcesError extends RunnerUpError {
  /** The database that holds several data sources, as the `databaseId` option named it. */
  readonly databaseId: string;
  /** The database's data sources, in Notion's order. */
  readonly dataSources: readonly NotionDataSourceSummary[];

  constructor(databaseId: string, dataSources: readonly NotionDataSourceSummary[]) {
    super(
      'remote_schema_mismatch',
      [
        `[runner-up] [notion] The database ${databaseId} has ${dataSources.length} data sources, so which one to sync with is not clear:`,
        ...listDataSources(dataSources),
        'Pass the `dataSourceId` of the one to sync with.',
      ].join('\n'),
      { path: ['databaseId'] },
    );
    this.databaseId = databaseId;
    this.dataSources = dataSources;
  }
}

/**
 * `dataSourceId` is not one of the data sources of the database `databaseId` (code `not_found`).
 * Nothing is read or written. `dataSources` lists the database's own (`{ id, name }`), so a caller
 * can word its own advice; the message names the `dataSourceId` and `databaseId` options.
 */
export class NotionDataSourceNotInDatabaseError extends RunnerUpError {
  /** The database, as the `databaseId` option named it. */
  readonly databaseId: string;
  /** The data source the `dataSourceId` option named, which the database does not hold. */
  readonly dataSourceId: string;
  /** The database's own data sources, in Notion's order; empty when it has none. */
  readonly dataSources: readonly NotionDataSourceSummary[];

  constructor(
    databaseId: string,
    dataSourceId: string,
    dataSources: readonly NotionDataSourceSummary[],
  ) {
    super(
      'not_found',
      [
        dataSources.length === 0
          ? `[runner-up] [notion] The data source ${dataSourceId} is not in the database ${databaseId}, which has no data source.`
          : `[runner-up] [notion] The data source ${dataSourceId} is not one of the data sources of the database ${databaseId}:`,
        ...listDataSources(dataSources),
        dataSources.length === 0
          ? 'Leave out `databaseId` to sync with that data source in whichever database holds it.'
          : 'Pass the `dataSourceId` of one of them, or leave out `databaseId` to sync with that data source in whichever database holds it.',
      ].join('\n'),
      { path: ['dataSourceId'] },
    );
    this.databaseId = databaseId;
    this.dataSourceId = dataSourceId;
    this.dataSources = dataSources;
  }
}

/** Makes sure nothing thrown carries the token, and everything thrown is a RunnerUpError. */
export function sanitize(error: unknown, secret: string | undefined): RunnerUpError {
  if (isRunnerUpError(error)) {
    if (!secret || !error.message.includes(secret)) return error;
    return new RunnerUpError(error.code, scrub(error.message, secret), { path: error.path });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RunnerUpError(
    'remote_request_failed',
    `[runner-up] [notion] ${scrub(message, secret)}`,
  );
}
