import type { Reminder } from '@runner-up/core';
import type { NotionField } from './options';
import { isRepeatedLocalTime, localDateTime, localToInstant, offsetDateTime } from './time';

/** The Notion property type each field must have. */
export const NOTION_PROPERTY_TYPES: Readonly<Record<NotionField, string>> = {
  Name: 'title',
  Key: 'rich_text',
  Due: 'date',
  Opportunity: 'rich_text',
  Organization: 'rich_text',
  Contact: 'rich_text',
  Action: 'select',
  Status: 'select',
  Why: 'rich_text',
  Done: 'checkbox',
  Notes: 'rich_text',
};

/** Fields a data source may lack: runner-up never reads or writes `Notes`, the user's own column. */
export const OPTIONAL_FIELDS: ReadonlySet<NotionField> = new Set(['Notes']);

/**
 * The fields runner-up writes, by their default names; `Done` and `Notes` belong to the user and
 * are never written.
 */
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
] as const satisfies readonly NotionField[];

/** One of the {@link OWNED_FIELDS}: a field runner-up writes, by its default name. */
export type OwnedField = (typeof OWNED_FIELDS)[number];

/** Notion's limit on one text object's `content`: https://developers.notion.com/reference/request-limits */
export const MAX_TEXT_CONTENT = 2000;
/** Notion's limit on the items of one array (rich text included). */
export const MAX_ARRAY_ITEMS = 100;

/** A rich text request array: `text` split into 2000-character objects, never splitting a surrogate pair. */
export function toRichText(text: string): Array<{ type: 'text'; text: { content: string } }> {
  const items: Array<{ type: 'text'; text: { content: string } }> = [];
  let rest = text;
  while (rest.length > 0 && items.length < MAX_ARRAY_ITEMS) {
    let end = Math.min(MAX_TEXT_CONTENT, rest.length);
    const last = rest.charCodeAt(end - 1);
    if (end < rest.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    items.push({ type: 'text', text: { content: rest.slice(0, end) } });
    rest = rest.slice(end);
  }
  return items;
}

/** The runner-up-owned values of a row, normalised so a reminder and a read-back row compare equal. */
export interface OwnedValues {
  Name: string;
  Key: string;
  /** Due instant in whole minutes since the epoch (Notion keeps minutes); NaN when empty. */
  Due: number;
  Opportunity: string;
  Organization: string;
  Contact: string;
  Action: string;
  Status: string;
  Why: string;
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

/**
 * `text` as {@link toRichText} sends it: whole, or cut where its 100th object ends. Those objects
 * hold fewer than 2,000 characters where one would end inside a surrogate pair, so the cut can fall
 * a little before the 200,000th character.
 */
function capText(text: string): string {
  if (text.length <= (MAX_TEXT_CONTENT - 1) * MAX_ARRAY_ITEMS) return text;
  return toRichText(text)
    .map((item) => item.text.content)
    .join('');
}

/**
 * Notion's limit on a whole request body, "500KB overall"
 * (https://developers.notion.com/reference/request-limits), read as 500,000 bytes.
 */
export const MAX_REQUEST_BYTES = 500_000;

/**
 * What the texts of one page may take of a request, as JSON: the rest of {@link MAX_REQUEST_BYTES}
 * is left for the rich text objects around them (at most 100 of about 40 bytes for each of six
 * texts), the property names, the date, the selects and the parent.
 */
export const MAX_TEXT_BYTES = 400_000;

type CutField = 'Name' | 'Opportunity' | 'Organization' | 'Contact' | 'Why';

/** Bytes `text` takes inside a JSON string (escapes included). */
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text)) - 2;

/** The longest start of `text` that takes at most `max` JSON bytes, never ending inside a surrogate pair. */
function cutToBytes(text: string, max: number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(text.slice(0, mid)) <= max) low = mid;
    else high = mid - 1;
  }
  const last = text.charCodeAt(low - 1);
  if (low > 0 && low < text.length && last >= 0xd800 && last <= 0xdbff) low -= 1;
  return text.slice(0, low);
}

const cutTexts = new WeakMap<Reminder, Record<CutField, string>>();

/**
 * The texts a reminder's page gets: each cut at 100 rich text objects ({@link capText}), then, when
 * together they would take more than {@link MAX_TEXT_BYTES}, the longest cut to equal shares of
 * what the shorter ones leave, so a create request stays under Notion's size limit. It depends on
 * the reminder alone, so a rerun compares against the same cut text and writes nothing.
 */
function pageTexts(reminder: Reminder): Record<CutField, string> {
  const known = cutTexts.get(reminder);
  if (known) return known;
  const texts: Record<CutField, string> = {
    Name: capText(reminder.title),
    Opportunity: capText(reminder.opportunityId),
    Organization: capText(reminder.organization),
    Contact: capText(reminder.contact?.name ?? ''),
    Why: capText(reminder.why),
  };
  const sizes = (Object.keys(texts) as CutField[])
    .map((field) => ({ field, bytes: jsonBytes(texts[field]) }))
    .sort((a, b) => a.bytes - b.bytes);
  let left = MAX_TEXT_BYTES - jsonBytes(reminder.key);
  if (sizes.reduce((sum, s) => sum + s.bytes, 0) > left) {
    let share: number | undefined;
    for (const [i, { field, bytes }] of sizes.entries()) {
      // Once one text is over its share, every longer one is too: they all get that share.
      share ??=
        bytes * (sizes.length - i) > left ? Math.floor(left / (sizes.length - i)) : undefined;
      if (share === undefined) left -= bytes;
      else texts[field] = cutToBytes(texts[field], Math.max(0, share));
    }
  }
  cutTexts.set(reminder, texts);
  return texts;
}

/**
 * The values a reminder should have on its row. Text past Notion's 200,000-character cap is cut,
 * and the longest texts of a page that would not fit in one request (see {@link pageTexts}).
 */
export function reminderValues(reminder: Reminder): OwnedValues {
  const texts = pageTexts(reminder);
  return {
    Name: texts.Name,
    Key: reminder.key,
    Due: minutes(Date.parse(reminder.due)),
    Opportunity: texts.Opportunity,
    Organization: texts.Organization,
    Contact: texts.Contact,
    Action: reminder.action,
    Status: reminder.status,
    Why: texts.Why,
  };
}

/** The request value of one owned property for a reminder. */
export function propertyValue(field: OwnedField, reminder: Reminder): Record<string, unknown> {
  switch (field) {
    case 'Name':
      return { title: toRichText(pageTexts(reminder).Name) };
    case 'Due': {
      // A date with `time_zone` takes a wall-clock `start` without offset, so Notion shows the
      // owner's zone (https://developers.notion.com/reference/page-property-values#date). In the
      // repeated hour when clocks go back a wall-clock time names two instants, so there the
      // start carries its UTC offset instead, and no `time_zone`.
      const due = Date.parse(reminder.due);
      const zone = reminder.local.timezone;
      if (isRepeatedLocalTime(due, zone)) return { date: { start: offsetDateTime(due, zone) } };
      return { date: { start: localDateTime(due, zone), time_zone: zone } };
    }
    case 'Action':
    case 'Status':
      return { select: { name: field === 'Action' ? reminder.action : reminder.status } };
    default:
      return { rich_text: toRichText(reminderValues(reminder)[field]) };
  }
}

/** The `properties` of a page create request: every owned field, never `Done` or `Notes`. */
export function createProperties(
  reminder: Reminder,
  names: Record<NotionField, string>,
): Record<string, unknown> {
  return Object.fromEntries(OWNED_FIELDS.map((f) => [names[f], propertyValue(f, reminder)]));
}

/** The owned fields whose values differ. */
export function changedFields(current: OwnedValues, wanted: OwnedValues): OwnedField[] {
  return OWNED_FIELDS.filter((f) => current[f] !== wanted[f]);
}

/** The `properties` of a page update request: only the given fields. */
export function updateProperties(
  reminder: Reminder,
  fields: readonly OwnedField[],
  names: Record<NotionField, string>,
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [names[f], propertyValue(f, reminder)]));
}

type PropertyValues = Record<string, Record<string, unknown> | undefined>;

const plain = (value: Record<string, unknown> | undefined) => {
  const items = (value?.title ?? value?.rich_text) as Array<{ plain_text?: string }> | undefined;
  return Array.isArray(items) ? items.map((i) => i.plain_text ?? '').join('') : '';
};

const selectName = (value: Record<string, unknown> | undefined) =>
  ((value?.select as { name?: string } | null | undefined) ?? undefined)?.name ?? '';

/** Reads a date value: an instant with offset, or a wall-clock time with `time_zone`. */
export function readDue(value: Record<string, unknown> | undefined): number {
  const date = value?.date as { start?: string; time_zone?: string | null } | null | undefined;
  if (!date?.start) return Number.NaN;
  const start = date.start;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(start)) return minutes(Date.parse(start));
  return minutes(localToInstant(start, date.time_zone ?? 'UTC'));
}

/** The owned values of a page, as read back. */
export function rowValues(
  properties: PropertyValues,
  names: Record<NotionField, string>,
): OwnedValues {
  return {
    Name: plain(properties[names.Name]),
    Key: plain(properties[names.Key]),
    Due: readDue(properties[names.Due]),
    Opportunity: plain(properties[names.Opportunity]),
    Organization: plain(properties[names.Organization]),
    Contact: plain(properties[names.Contact]),
    Action: selectName(properties[names.Action]),
    Status: selectName(properties[names.Status]),
    Why: plain(properties[names.Why]),
  };
}

/** Whether the user ticked `Done`. */
export function isDone(properties: PropertyValues, names: Record<NotionField, string>): boolean {
  return properties[names.Done]?.checkbox === true;
}
