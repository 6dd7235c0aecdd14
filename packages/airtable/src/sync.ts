import {
  checkOptionNames,
  definePlugin,
  emptySyncReport,
  isRunnerUpError,
  type Reminder,
  RunnerUpError,
  remindersByKey,
  type Sink,
  SYNC_OPTION_NAMES,
  type SyncOptions,
  type SyncReport,
} from '@runner-up/core';
import { AirtableClient, abortedError, withoutToken } from './client';
import { diffRecords, OWNED_FIELDS } from './diff';
import { nonEmptyFieldFormula } from './formula';
import {
  type AirtableOptions,
  parseAirtableOptions,
  type ResolvedAirtableOptions,
  resolveFieldNames,
} from './options';
import { checkSelectOptions, checkTableSchema } from './schema';

/** Airtable accepts at most 10 records per create or update request. */
export const AIRTABLE_BATCH_SIZE = 10;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Creates or updates one record per reminder in an Airtable table, keyed by the reminder's `key`, and
 * reads back the records the user ticked `Done`.
 *
 * Reads every record with a non-empty `Key` (100 a page), creates the missing ones with
 * `performUpsert` on `Key` (so a create retried after a lost answer cannot duplicate), updates only the
 * fields that changed, marks records whose reminder vanished `cancelled` (never deletes) and writes
 * nothing to `Done` or `Notes`. A second run with no change makes no write.
 *
 * @example
 * const report = await syncAirtable(reminders, {
 *   token: process.env.AIRTABLE_TOKEN!,
 *   baseId: 'appXXXXXXXXXXXXXX',
 *   table: 'Reminders',
 * })
 */
export async function syncAirtable(
  reminders: readonly Reminder[],
  options: AirtableOptions,
): Promise<SyncReport> {
  return runSync(reminders, parseAirtableOptions(options));
}

async function runSync(
  reminders: readonly Reminder[],
  options: ResolvedAirtableOptions,
  onClient?: (client: AirtableClient) => void,
): Promise<SyncReport> {
  // Refused before any request, as in Notion: a plan with a key twice is not synced at all.
  remindersByKey(reminders, 'airtable');
  const started = Date.now();
  const report = emptySyncReport('airtable', options.dryRun);
  const names = resolveFieldNames(options.fieldMap);
  const client = new AirtableClient({
    token: options.token,
    baseId: options.baseId,
    endpointUrl: options.endpointUrl,
    requestsPerSecond: options.requestsPerSecond,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    rateLimitWaitMs: options.rateLimitWaitMs,
    retryDelayMs: options.retryDelayMs,
    signal: options.signal,
    fetch: options.fetch,
  });
  onClient?.(client);
  const progress = options.onProgress;
  try {
    // Without the schema the sync cannot know whether the optional DoneAt field exists, and asking
    // for a field that does not is a 422 UNKNOWN_FIELD_NAME.
    const tables = options.checkSchema ? await client.listTables() : undefined;
    const optional = tables
      ? checkTableSchema(tables, options.table, names, options.baseId)
      : new Set<string>();
    const records = await client.listRecords(options.table, {
      fields: [
        ...OWNED_FIELDS.map((field) => names[field]),
        names.Done,
        ...(optional.has('DoneAt') ? [names.DoneAt] : []),
      ],
      filterByFormula: nonEmptyFieldFormula(names.Key),
      onPage: (done) => progress?.({ phase: 'read', done }),
    });
    // Completions are dated in the owner's zone, taken from the plan as given when not passed.
    const timeZone = options.timeZone ?? reminders[0]?.local.timezone;
    const diffOptions = timeZone === undefined ? {} : { timeZone };
    let diff = diffRecords(reminders, records, names, diffOptions);
    if (options.replan && diff.completed.length > 0) {
      const next = await options.replan(diff.completed);
      if (options.signal?.aborted) throw abortedError(options.signal.reason);
      if (next)
        diff = { ...diffRecords(next, records, names, diffOptions), completed: diff.completed };
    }
    /** The key of each record read, by its id: for messages naming the records a write held. */
    const keyOf = new Map(records.map((record) => [record.id, record.fields[names.Key]]));
    if (tables && !options.typecast) {
      checkSelectOptions(tables, options.table, names, [
        ...diff.create.map(({ fields }) => ({ fields, key: fields[names.Key] })),
        ...diff.update.map(({ id, fields }) => ({ fields, key: keyOf.get(id) })),
      ]);
    }
    report.created = diff.create.length;
    report.updated = diff.update.length - diff.cancelled;
    report.cancelled = diff.cancelled;
    report.unchanged = diff.unchanged;
    report.completed = diff.completed;
    report.duplicates = diff.duplicates;
    if (!options.dryRun) {
      const total = diff.create.length + diff.update.length;
      let done = 0;
      if (total > 0) progress?.({ phase: 'write', done, total });
      /** Runs one batch; a refusal names the records it held and how far the sync got. */
      const write = async (keys: unknown[], send: () => Promise<unknown>) => {
        try {
          await send();
        } catch (error) {
          throw isRunnerUpError(error) && error.code === 'remote_request_failed'
            ? new RunnerUpError(
                'remote_request_failed',
                `${error.message} The request held ${keys.filter((key) => typeof key === 'string').join(', ')}; ${done} of ${total} records were written before it. Sync again once that is fixed: it picks up where it stopped.`,
                { cause: error },
              )
            : error;
        }
        done += keys.length;
        progress?.({ phase: 'write', done, total });
      };
      for (const batch of chunks(diff.create, AIRTABLE_BATCH_SIZE)) {
        await write(
          batch.map(({ fields }) => fields[names.Key]),
          () => client.upsertRecords(options.table, batch, [names.Key], options.typecast),
        );
      }
      for (const batch of chunks(diff.update, AIRTABLE_BATCH_SIZE)) {
        await write(
          batch.map(({ id }) => keyOf.get(id)),
          () => client.updateRecords(options.table, batch, options.typecast),
        );
      }
    }
  } catch (error) {
    throw withoutToken(error, options.token);
  } finally {
    report.requests = client.requests;
    report.retries = client.retries;
    report.durationMs = Date.now() - started;
  }
  return report;
}

/**
 * The Airtable sink: {@link syncAirtable} behind the `Sink` interface. Options given to `sync()`
 * (`dryRun`, `signal`, `onProgress`) override the factory's.
 *
 * @example
 * const sink = airtableSink({ token, baseId: 'appXXXXXXXXXXXXXX', table: 'Reminders' })
 * const report = await sink.sync(reminders, { dryRun: true })
 */
export function airtableSink(options: AirtableOptions): Sink {
  const resolved = parseAirtableOptions(options);
  return {
    name: 'airtable',
    capabilities: {
      dryRun: true,
      completions: true,
      cancel: true,
      batchSize: AIRTABLE_BATCH_SIZE,
    },
    async sync(reminders: readonly Reminder[], syncOptions: SyncOptions = {}) {
      checkOptionNames(syncOptions, SYNC_OPTION_NAMES, 'airtable');
      return runSync(reminders, {
        ...resolved,
        ...(syncOptions.dryRun === undefined ? {} : { dryRun: syncOptions.dryRun }),
        ...(syncOptions.signal === undefined ? {} : { signal: syncOptions.signal }),
        ...(syncOptions.onProgress === undefined ? {} : { onProgress: syncOptions.onProgress }),
      });
    },
  };
}

/**
 * The Airtable plugin: registers the `airtable` sink.
 *
 * @example
 * const registry = createRegistry([airtablePlugin({ token, baseId, table: 'Reminders' })])
 */
export function airtablePlugin(options: AirtableOptions) {
  return definePlugin({ name: 'airtable', sinks: { airtable: airtableSink(options) } });
}
