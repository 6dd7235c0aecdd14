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

/** Fields runner-up writes; `Done` and `Notes` belong to the user. */
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

type OwnedField = (typeof OWNED_FIELDS)[number];

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

/** The values a reminder should have on its row. Text past Notion's 200,000-character cap is cut. */
export function reminderValues(reminder: Reminder): OwnedValues {
  const cap = capText;
  return {
    Name: cap(reminder.title),
    Key: reminder.key,
    Due: minutes(Date.parse(reminder.due)),
    Opportunity: cap(reminder.opportunityId),
    Organization: cap(reminder.organization),
    Contact: cap(reminder.contact?.name ?? ''),
    Action: reminder.action,
    Status: reminder.status,
    Why: cap(reminder.why),
  };
}

/** The request value of one owned property for a reminder. */
export function propertyValue(field: OwnedField, reminder: Reminder): Record<string, unknown> {
  switch (field) {
    case 'Name':
      return { title: toRichText(reminder.title) };
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
