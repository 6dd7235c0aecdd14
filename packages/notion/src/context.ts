import { Client } from '@notionhq/client';
import { isRunnerUpError, RunnerUpError, type SyncReport } from '@runner-up/core';
import { type ResolvedNotionOptions, scrub } from './options';
import { NotionDatabaseSchema, parseResponse } from './responses';
import { Transport } from './transport';

/** Everything a sync run shares. */
export interface NotionContext {
  client: Client;
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

/** Resolves the data source to use: the option, or the database's first data source. */
export async function resolveDataSourceId(ctx: NotionContext): Promise<string> {
  const { options, client, transport } = ctx;
  if (options.dataSourceId) return options.dataSourceId;
  const databaseId = options.databaseId!;
  const database = parseResponse(
    NotionDatabaseSchema,
    await transport.request('Reading the database', () =>
      client.databases.retrieve({ database_id: databaseId }),
    ),
    'a database lookup',
  );
  const first = database.data_sources?.[0];
  if (!first) throw new NotionNoDataSourceError(databaseId);
  return first.id;
}

/**
 * The database has no data source, so there is no table to sync with (code
 * `remote_schema_mismatch`): Notion answers it with an empty `data_sources`, as for a database
 * whose data source was moved to another one. The message names the `dataSourceId` option;
 * `databaseId` lets a caller word its own advice.
 */
export class NotionNoDataSourceError extends RunnerUpError {
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
