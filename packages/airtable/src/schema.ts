import { closestFieldName, RunnerUpError, type RunnerUpIssue } from '@runner-up/core';
import { type AirtableTables, CHECK_TABLE } from './client';
import type { AirtableField, FieldNames } from './options';

/**
 * The Airtable field types each field may have (type names of the metadata API,
 * https://airtable.com/developers/web/api/field-model). `DoneAt` is optional. `Notes` is not
 * here: the sync never reads or writes it, so a table may lack it or give it any type.
 */
export const EXPECTED_FIELD_TYPES: Readonly<
  Record<Exclude<AirtableField, 'Notes'>, readonly string[]>
> = {
  Name: ['singleLineText', 'multilineText'],
  // performUpsert merges on it, which needs a text field.
  Key: ['singleLineText'],
  Due: ['dateTime'],
  Opportunity: ['singleLineText', 'multilineText'],
  Organization: ['singleLineText', 'multilineText'],
  Contact: ['singleLineText', 'multilineText'],
  Action: ['singleSelect', 'singleLineText'],
  Status: ['singleSelect', 'singleLineText'],
  Why: ['multilineText', 'singleLineText', 'richText'],
  Done: ['checkbox'],
  // A "Last modified time" field watching Done dates completions; a date the user sets works too.
  DoneAt: ['lastModifiedTime', 'dateTime', 'date'],
};

const OPTIONAL: ReadonlySet<AirtableField> = new Set(['DoneAt']);

/** The table `table` names, by id or by name, among a base's `tables`. */
function findTable(tables: AirtableTables, table: string): AirtableTables[number] | undefined {
  return tables.find((candidate) => candidate.id === table || candidate.name === table);
}

/**
 * Checks that `table` (a name or id) exists in the base and has every field the sync needs, with a
 * usable type. Throws `not_found` for a table that is not in the base (as the records endpoint's 403
 * or 404 does when the check is off), and `remote_schema_mismatch` listing every missing or mistyped field
 * at once, one a line, then what to do. A missing field is offered a field of a usable type with a
 * close name (`Due date` for `Due`) to rename, as the Notion sink does.
 *
 * @param baseId the base the tables were read from, named in the error for an unknown table.
 * @returns the optional fields the table has.
 */
export function checkTableSchema(
  tables: AirtableTables,
  table: string,
  names: FieldNames,
  baseId?: string,
): Set<AirtableField> {
  const found = findTable(tables, table);
  if (!found) {
    const known =
      tables.map((candidate) => `${JSON.stringify(candidate.name)}`).join(', ') || 'none';
    const base = baseId === undefined ? 'the base' : `the base ${baseId}`;
    throw new RunnerUpError(
      'not_found',
      `[runner-up] [airtable] Table ${JSON.stringify(table)} was not found in ${base} (tables: ${known}). ${CHECK_TABLE}`,
      { path: ['table'] },
    );
  }
  const byName = new Map(found.fields.map((field) => [field.name, field]));
  // A field another name of the sync uses is not offered for a missing one.
  const taken = new Set(Object.values(names));
  const issues: RunnerUpIssue[] = [];
  const present = new Set<AirtableField>();
  for (const [logical, expected] of Object.entries(EXPECTED_FIELD_TYPES) as Array<
    [AirtableField, readonly string[]]
  >) {
    const name = names[logical];
    const field = byName.get(name);
    const renamed = name === logical ? '' : ` (for ${logical})`;
    const types = expected.join(' or ');
    if (!field) {
      if (OPTIONAL.has(logical)) continue;
      const candidates = found.fields.filter(
        (candidate) => expected.includes(candidate.type) && !taken.has(candidate.name),
      );
      const closest = closestFieldName(
        name,
        candidates.map((candidate) => candidate.name),
      );
      const rename =
        closest === undefined
          ? ''
          : `, or rename the ${byName.get(closest)!.type} field ${JSON.stringify(closest)} to ${JSON.stringify(name)}`;
      issues.push({
        code: 'remote_schema_mismatch',
        message: `missing field ${JSON.stringify(name)}${renamed}: add it as ${types}${rename}`,
        path: ['fields', name],
      });
    } else if (expected.includes(field.type)) {
      if (OPTIONAL.has(logical)) present.add(logical);
    } else {
      issues.push({
        code: 'remote_schema_mismatch',
        message: `field ${JSON.stringify(name)}${renamed} is ${field.type}, expected ${types}`,
        path: ['fields', name],
      });
    }
  }
  if (issues.length > 0) {
    throw new RunnerUpError(
      'remote_schema_mismatch',
      [
        `[runner-up] [airtable] Table ${JSON.stringify(found.name)} does not have the fields the sync needs:`,
        ...issues.map((issue) => `  - ${issue.message}`),
        'Add or change them in Airtable: the sync never changes the fields of a table.',
      ].join('\n'),
      { path: issues[0]!.path, issues },
    );
  }
  return present;
}

/** The choices of a single select field, from its metadata `options`; `undefined` for another type. */
function selectChoices(field: AirtableTables[number]['fields'][number]): Set<string> | undefined {
  if (field.type !== 'singleSelect') return undefined;
  const choices = (field.options as { choices?: unknown } | undefined)?.choices;
  const names = Array.isArray(choices)
    ? choices.map((choice) => (choice as { name?: unknown } | null)?.name)
    : [];
  return new Set(names.filter((name): name is string => typeof name === 'string'));
}

/**
 * Without `typecast`, Airtable refuses a value a single select field has no option for (422
 * INVALID_MULTIPLE_CHOICE_OPTIONS), a whole batch of ten at a time, and every sync after stops
 * there. Checked before any write, so the sync stops with the options to add and the records
 * that need them. Throws `remote_schema_mismatch`.
 */
export function checkSelectOptions(
  tables: AirtableTables,
  table: string,
  names: FieldNames,
  /** The fields each record to write gets, and its key (for the message). */
  writes: ReadonlyArray<{ fields: Record<string, string>; key: unknown }>,
): void {
  const found = findTable(tables, table);
  if (!found) return;
  const issues: RunnerUpIssue[] = [];
  for (const logical of ['Action', 'Status'] as const) {
    const name = names[logical];
    const field = found.fields.find((candidate) => candidate.name === name);
    const choices = field && selectChoices(field);
    if (choices === undefined) continue;
    const needed = new Map<string, string[]>();
    for (const write of writes) {
      const value = write.fields[name];
      if (value === undefined || choices.has(value)) continue;
      const keys = needed.get(value) ?? [];
      if (typeof write.key === 'string') keys.push(write.key);
      needed.set(value, keys);
    }
    for (const [value, keys] of needed) {
      const shown = keys.length > 3 ? [...keys.slice(0, 3), '…'] : keys;
      const records = keys.length === 1 ? '1 record' : `${keys.length} records`;
      issues.push({
        code: 'remote_schema_mismatch',
        message: `the single select field ${JSON.stringify(name)} has no option ${JSON.stringify(value)}, which ${records} to write need${keys.length === 1 ? 's' : ''}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`,
        path: ['fields', name],
      });
    }
  }
  if (issues.length > 0) {
    throw new RunnerUpError(
      'remote_schema_mismatch',
      [
        `[runner-up] [airtable] Table ${JSON.stringify(found.name)} lacks options the sync writes, and \`typecast\` is off, so Airtable would refuse them:`,
        ...issues.map((issue) => `  - ${issue.message}`),
        'Add the options in Airtable, or leave `typecast` on (the default) to let Airtable add them. Nothing was written.',
      ].join('\n'),
      { path: issues[0]!.path, issues },
    );
  }
}
