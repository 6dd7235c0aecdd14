import {
  type Completion,
  type DuplicateKey,
  type Reminder,
  remindersByKey,
  toLocal,
} from '@runner-up/core';
import type { AirtableRecord } from './client';
import type { FieldNames } from './options';

/** The fields the sync owns and writes; `Done` and `Notes` belong to the user and are never written. */
export const OWNED_FIELDS = [
  'Name',
  'Key',
  'Due',
  'Opportunity',
  'Organization',
  'Contact',
  'Action',
  'Status',
  'Why',
] as const;

/**
 * The most characters a text cell holds: "Single line text fields and long text fields are limited
 * to 100,000 characters" (Airtable's support article on rich text). Airtable refuses a longer
 * value, with the whole batch of ten around it.
 */
export const MAX_CELL_TEXT = 100_000;

/** `text` whole, or its first {@link MAX_CELL_TEXT} characters, never ending inside a surrogate pair. */
export function capCellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  const last = text.charCodeAt(MAX_CELL_TEXT - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT);
}

/**
 * The owned fields of one reminder, under the table's field names. Text past a cell's 100,000
 * characters is cut (the same cut every run, so a rerun writes nothing); the key never is.
 */
export function reminderFields(reminder: Reminder, names: FieldNames): Record<string, string> {
  return {
    [names.Name]: capCellText(reminder.title),
    [names.Key]: reminder.key,
    [names.Due]: reminder.due,
    [names.Opportunity]: capCellText(reminder.opportunityId),
    [names.Organization]: capCellText(reminder.organization),
    [names.Contact]: capCellText(reminder.contact?.name ?? ''),
    [names.Action]: reminder.action,
    [names.Status]: reminder.status,
    [names.Why]: capCellText(reminder.why),
  };
}

/** What a sync has to write, computed from the plan and the table's keyed records. */
export interface AirtableDiff {
  /** Records to create, with every owned field. */
  create: Array<{ fields: Record<string, string> }>;
  /** Records to update, with only the fields that differ. */
  update: Array<{ id: string; fields: Record<string, string> }>;
  /** How many of `update` mark a vanished reminder cancelled. */
  cancelled: number;
  /** How many planned reminders already match their record. */
  unchanged: number;
  /** Records ticked `Done`, as completions. */
  completed: Completion[];
  /** Keys found on several records; only the first record of each is kept in step. */
  duplicates: DuplicateKey[];
}

/**
 * Airtable leaves empty cells out of `fields`, so an absent value reads as `''`. Text is compared
 * as is, but for one line break at its end: a rich text field (allowed for `Why`) reads back as
 * Markdown ending with one, and no text the sync writes ends with one. `Due` is compared as an
 * instant, because Airtable may answer `…:00.000Z` for `…:00Z`.
 */
function sameValue(field: string, names: FieldNames, wanted: string, actual: unknown): boolean {
  const have = actual === undefined || actual === null ? '' : actual;
  if (field === names.Due) {
    return typeof have === 'string' && Date.parse(have) === Date.parse(wanted);
  }
  return have === wanted || (typeof have === 'string' && have === `${wanted}\n`);
}

/** An ISO date or date-time cell as epoch milliseconds; `undefined` when empty or unreadable. */
function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** Splits `<opportunityId>/<stepId>/<occurrence>` from the right (ids may not contain `/`, but be safe). */
function parseKey(key: string): { opportunityId: string; stepId: string; occurrence: number } {
  const parts = key.split('/');
  const occurrence = Number(parts.at(-1));
  if (parts.length >= 3 && Number.isInteger(occurrence) && occurrence >= 1) {
    return {
      opportunityId: parts.slice(0, -2).join('/'),
      stepId: parts.at(-2)!,
      occurrence,
    };
  }
  return { opportunityId: key, stepId: '', occurrence: 1 };
}

/** Options of {@link diffRecords}. */
export interface AirtableDiffOptions {
  /**
   * The owner's zone, in which completions are dated.
   * @default the zone of the reminders, or `'UTC'` when there are none
   */
  timeZone?: string;
}

/**
 * The diff: create the missing, update only what changed, cancel the vanished (never delete), report
 * `Done` ticks as completions and keys found on several records as duplicates. The first record of
 * a key (in the table's order) is the one kept in step; the copies are left alone, but a tick on
 * one counts. Throws
 * `invalid_options` when two reminders share a key.
 */
export function diffRecords(
  reminders: readonly Reminder[],
  records: readonly AirtableRecord[],
  names: FieldNames,
  options: AirtableDiffOptions = {},
): AirtableDiff {
  // Every reminder carries the owner's zone; a record whose reminder left the plan has none to give.
  const zone = options.timeZone ?? reminders[0]?.local.timezone ?? 'UTC';
  const byKey = new Map<string, AirtableRecord[]>();
  for (const record of records) {
    const key = record.fields[names.Key];
    if (typeof key !== 'string' || key === '') continue;
    const list = byKey.get(key);
    if (list) list.push(record);
    else byKey.set(key, [record]);
  }
  const diff: AirtableDiff = {
    create: [],
    update: [],
    cancelled: 0,
    unchanged: 0,
    completed: [],
    duplicates: [],
  };
  const planned = remindersByKey(reminders, 'airtable');

  for (const reminder of planned.values()) {
    const wanted = reminderFields(reminder, names);
    const record = byKey.get(reminder.key)?.[0];
    if (!record) {
      diff.create.push({ fields: wanted });
      continue;
    }
    const changed: Record<string, string> = {};
    for (const [field, value] of Object.entries(wanted)) {
      if (!sameValue(field, names, value, record.fields[field])) changed[field] = value;
    }
    if (Object.keys(changed).length === 0) diff.unchanged += 1;
    else diff.update.push({ id: record.id, fields: changed });
  }

  for (const [key, found] of byKey) {
    const record = found[0]!;
    if (found.length > 1) diff.duplicates.push({ key, remoteIds: found.map((r) => r.id) });
    const reminder = planned.get(key);
    // A tick counts on any record of the key, the kept one or a copy made by hand: the first one
    // ticked is the completion.
    const done = found.find((r) => r.fields[names.Done] === true);
    // A key ticked Done is left as it is: finished work is not cancelled work.
    if (!reminder && record.fields[names.Status] !== 'cancelled' && done === undefined) {
      diff.update.push({ id: record.id, fields: { [names.Status]: 'cancelled' } });
      diff.cancelled += 1;
    }
    if (done !== undefined) {
      // Airtable keeps no edit time per cell: a `DoneAt` field ("Last modified time" of Done) gives
      // the day it was ticked; without one, the reminder's own date stands in.
      const doneAtCell = done.fields[names.DoneAt];
      const doneAt = instant(doneAtCell);
      const due = instant(done.fields[names.Due]);
      const on =
        typeof doneAtCell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(doneAtCell)
          ? doneAtCell // a date field: already a calendar day, no zone to apply
          : doneAt !== undefined
            ? toLocal(doneAt, zone).date
            : (reminder?.local.date ?? toLocal(due ?? Date.parse(done.createdTime), zone).date);
      const origin = reminder
        ? {
            opportunityId: reminder.opportunityId,
            stepId: reminder.stepId,
            occurrence: reminder.occurrence,
          }
        : parseKey(key);
      diff.completed.push({ key, ...origin, on, remoteId: done.id });
    }
  }
  return diff;
}
