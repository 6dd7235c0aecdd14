import {
  type Completion,
  emptySyncReport,
  type Reminder,
  remindersByKey,
  type SyncReport,
} from '@runner-up/core';
import type { z } from 'zod';
import { createContext, type NotionContext, resolveDataSourceId, sanitize } from './context';
import { type NotionSyncOptions, resolveOptions } from './options';
import {
  changedFields,
  createProperties,
  isDone,
  reminderValues,
  rowValues,
  updateProperties,
} from './properties';
import { type NotionPageSchema, NotionQueryResponseSchema, parseResponse } from './responses';
import { checkSchema } from './schema';
import { localDateTime } from './time';

/** A page as the sync needs it. */
interface Row {
  id: string;
  /** Rounded down to the minute by Notion: rows made within one minute tie. */
  createdTime: string;
  lastEditedTime: string;
  properties: Record<string, Record<string, unknown> | undefined>;
}

/**
 * Of two rows of one key, whether `row` is the one to keep rather than `kept`: the older, and of
 * two made within one minute (Notion rounds `created_time` to the minute and lists such rows in
 * no set order) the one of the smaller id, so every run keeps the same row.
 */
export function keptBefore(
  row: Pick<Row, 'id' | 'createdTime'>,
  kept: Pick<Row, 'id' | 'createdTime'>,
): boolean {
  if (row.createdTime !== kept.createdTime) return row.createdTime < kept.createdTime;
  return row.id < kept.id;
}

/** Reads every row carrying a `Key`, oldest first, following `next_cursor` 100 rows at a time. */
async function readRows(
  ctx: NotionContext,
  dataSourceId: string,
  onRow: (n: number) => void,
): Promise<Row[]> {
  const { client, transport, options } = ctx;
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const startCursor = cursor;
    const answer = await transport.request('Reading rows', () =>
      client.dataSources.query({
        data_source_id: dataSourceId,
        filter: { property: options.names.Key, rich_text: { is_not_empty: true } },
        sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
        page_size: 100,
        ...(startCursor ? { start_cursor: startCursor } : {}),
      }),
    );
    const page = parseResponse(NotionQueryResponseSchema, answer, 'a data source query');
    for (const result of page.results) rows.push(toRow(result));
    onRow(rows.length);
    cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
  } while (cursor);
  return rows;
}

function toRow(page: z.output<typeof NotionPageSchema>): Row {
  return {
    id: page.id,
    createdTime: page.created_time ?? '',
    lastEditedTime: page.last_edited_time ?? '',
    properties: page.properties ?? {},
  };
}

type Write =
  | { kind: 'create'; reminder: Reminder }
  | { kind: 'update'; reminder: Reminder; row: Row; fields: ReturnType<typeof changedFields> }
  | { kind: 'cancel'; row: Row };

/**
 * A row ticked `Done` as a completion, dated by its last edit in `zone`, the owner's: the same zone
 * whether or not its reminder is still planned.
 */
function completion(
  key: string,
  row: Row,
  reminder: Reminder | undefined,
  zone: string,
): Completion {
  const [opportunityId = key, stepId = '', occurrence = '1'] = reminder ? [] : key.split('/');
  const edited = Date.parse(row.lastEditedTime);
  return {
    key,
    opportunityId: reminder?.opportunityId ?? opportunityId,
    stepId: reminder?.stepId ?? stepId,
    occurrence: reminder?.occurrence ?? (Number.parseInt(occurrence, 10) || 1),
    on: Number.isNaN(edited)
      ? (reminder?.local.date ?? '')
      : localDateTime(edited, zone).slice(0, 10),
    remoteId: row.id,
  };
}

/**
 * Syncs reminders with a Notion data source: reads every row with a `Key`, creates the missing,
 * updates only rows whose runner-up-owned properties changed, marks rows whose reminder vanished
 * `cancelled` (never deleted), and reports rows ticked `Done` as completions. `Done` and `Notes`
 * are never written. A second run with no change makes no write.
 *
 * @example
 * const report = await syncNotion(plan(pipeline, { now }), {
 *   auth: process.env.NOTION_TOKEN!, databaseId: '1f2e...'
 * })
 */
export async function syncNotion(
  reminders: readonly Reminder[],
  options: NotionSyncOptions,
): Promise<SyncReport> {
  const resolved = resolveOptions(options);
  const started = performance.now();
  const report = emptySyncReport('notion', resolved.dryRun);
  const ctx = createContext(resolved, report);
  try {
    await run(ctx, reminders);
  } catch (error) {
    throw sanitize(error, resolved.auth);
  } finally {
    report.durationMs = Math.round(performance.now() - started);
  }
  return report;
}

async function run(ctx: NotionContext, reminders: readonly Reminder[]): Promise<void> {
  const { transport, options, report } = ctx;
  const { names } = options;
  const progress = options.onProgress;
  transport.checkAbort();

  let wanted = remindersByKey(reminders, 'notion');
  // Every reminder carries the owner's zone; a reminder that left the plan has none to give.
  const zone = options.timeZone ?? reminders[0]?.local.timezone ?? 'UTC';

  const dataSourceId = await resolveDataSourceId(ctx);
  const schema = await checkSchema(ctx, dataSourceId);

  const rows = schema.hasKey
    ? await readRows(ctx, dataSourceId, (done) => progress?.({ phase: 'read', done }))
    : [];

  // The oldest row with a key is kept in step; later copies are reported, never touched. A tick
  // counts on any of them: the first row of a key ticked `Done`, the kept one or a copy, is the
  // completion (a tick on a copy made by hand is work done all the same).
  const keepers = new Map<string, Row>();
  const ticked = new Map<string, Row>();
  const copies = new Map<string, string[]>();
  for (const row of rows) {
    const key = rowValues(row.properties, names).Key;
    const kept = keepers.get(key);
    if (kept) {
      copies.set(key, [...(copies.get(key) ?? [kept.id]), row.id]);
      if (keptBefore(row, kept)) keepers.set(key, row);
    } else keepers.set(key, row);
    if (!ticked.has(key) && isDone(row.properties, names)) ticked.set(key, row);
  }
  // The kept row first, then its copies as Notion listed them.
  report.duplicates = [...copies].map(([key, ids]) => {
    const kept = keepers.get(key)!.id;
    return { key, remoteIds: [kept, ...ids.filter((id) => id !== kept)] };
  });

  for (const reminder of wanted.values()) {
    const row = ticked.get(reminder.key);
    if (row) report.completed.push(completion(reminder.key, row, reminder, zone));
  }
  for (const [key, row] of ticked) {
    if (!wanted.has(key)) report.completed.push(completion(key, row, undefined, zone));
  }
  if (options.replan && report.completed.length > 0) {
    const next = await options.replan(report.completed);
    transport.checkAbort();
    if (next) wanted = remindersByKey(next, 'notion');
  }

  const writes: Write[] = [];
  for (const reminder of wanted.values()) {
    const row = keepers.get(reminder.key);
    if (!row) {
      writes.push({ kind: 'create', reminder });
      continue;
    }
    const fields = changedFields(rowValues(row.properties, names), reminderValues(reminder));
    if (fields.length === 0) report.unchanged += 1;
    else writes.push({ kind: 'update', reminder, row, fields });
  }
  for (const [key, row] of keepers) {
    // Finished work is not cancelled work: a key ticked on any of its rows, whose reminder left
    // the plan, stays as it is.
    if (wanted.has(key) || ticked.has(key)) continue;
    if (rowValues(row.properties, names).Status !== 'cancelled')
      writes.push({ kind: 'cancel', row });
  }

  for (const write of writes) {
    if (write.kind === 'create') report.created += 1;
    else if (write.kind === 'update') report.updated += 1;
    else report.cancelled += 1;
  }
  if (options.dryRun || writes.length === 0) return;

  let done = 0;
  await transport.pool(writes, async (write) => {
    await applyWrite(ctx, dataSourceId, write);
    done += 1;
    progress?.({ phase: 'write', done, total: writes.length });
  });
}

async function applyWrite(ctx: NotionContext, dataSourceId: string, write: Write): Promise<void> {
  const { client, transport, options } = ctx;
  const { names } = options;
  if (write.kind === 'create') {
    const { reminder } = write;
    await transport.request(
      `Creating the row for ${reminder.key}`,
      () =>
        client.pages.create({
          parent: { type: 'data_source_id', data_source_id: dataSourceId },
          properties: createProperties(reminder, names) as never,
        }),
      // A create that failed with a 5xx, timed out or lost its connection may still have been
      // applied: look before creating again, so a retry does not make a second row.
      async () => {
        const found = await transport.request(`Looking up ${reminder.key}`, () =>
          client.dataSources.query({
            data_source_id: dataSourceId,
            filter: { property: names.Key, rich_text: { equals: reminder.key } },
            page_size: 1,
          }),
        );
        const page = parseResponse(NotionQueryResponseSchema, found, 'a data source query');
        return page.results[0] as never;
      },
    );
    return;
  }
  const properties =
    write.kind === 'update'
      ? updateProperties(write.reminder, write.fields, names)
      : { [names.Status]: { select: { name: 'cancelled' } } };
  const label = write.kind === 'update' ? `Updating ${write.reminder.key}` : 'Cancelling a row';
  await transport.request(label, () =>
    client.pages.update({ page_id: write.row.id, properties: properties as never }),
  );
}
