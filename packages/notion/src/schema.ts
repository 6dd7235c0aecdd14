import { emptySyncReport, RunnerUpError, type RunnerUpIssue } from '@runner-up/core';
import { createContext, type NotionContext, resolveDataSourceId, sanitize } from './context';
import {
  NOTION_FIELDS,
  type NotionConnectionOptions,
  type NotionField,
  resolveOptions,
} from './options';
import { NOTION_PROPERTY_TYPES } from './properties';
import { NotionDataSourceSchema, parseResponse } from './responses';

/** A property the data source lacks or has with another type. */
export interface SchemaProblem {
  field: NotionField;
  /** The property name in the data source. */
  name: string;
  expected: string;
  /** The type found, or `undefined` when the property is missing. */
  actual: string | undefined;
}

/** What {@link ensureSchema} found and did. */
export interface EnsureSchemaResult {
  dataSourceId: string;
  /** Properties added (only with `createMissingProperties`). */
  created: string[];
}

const propertyConfig = (type: string, field: NotionField) => {
  if (type !== 'select') return { [type]: {} };
  const options =
    field === 'Action'
      ? ['email', 'call', 'linkedin', 'meeting', 'note']
      : ['upcoming', 'due', 'overdue', 'done', 'skipped', 'cancelled'];
  return { select: { options: options.map((name) => ({ name })) } };
};

/** Compares the data source's properties with what runner-up needs. */
export function findSchemaProblems(
  properties: Record<string, { type?: string } | undefined>,
  names: Record<NotionField, string>,
): SchemaProblem[] {
  return NOTION_FIELDS.flatMap((field) => {
    const expected = NOTION_PROPERTY_TYPES[field];
    const actual = properties[names[field]]?.type;
    return actual === expected ? [] : [{ field, name: names[field], expected, actual }];
  });
}

/** Checks the data source (and adds missing properties when asked). Returns whether `Key` exists. */
export async function checkSchema(
  ctx: NotionContext,
  dataSourceId: string,
): Promise<{ hasKey: boolean; created: string[] }> {
  const { client, transport, options } = ctx;
  const { properties } = parseResponse(
    NotionDataSourceSchema,
    await transport.request('Reading the data source', () =>
      client.dataSources.retrieve({ data_source_id: dataSourceId }),
    ),
    'a data source lookup',
  );
  const problems = findSchemaProblems(properties, options.names);
  if (problems.length === 0) return { hasKey: true, created: [] };

  const titleName = Object.entries(properties).find(([, p]) => p.type === 'title')?.[0];
  const fixable = problems.filter((p) => p.actual === undefined && p.expected !== 'title');
  if (!options.createMissingProperties || fixable.length < problems.length) {
    const issues: RunnerUpIssue[] = problems.map((p) => ({
      code: 'remote_schema_mismatch',
      path: ['properties', p.name],
      message:
        p.actual === undefined
          ? p.expected === 'title' && titleName
            ? `\`${p.name}\` (title) is missing: the title property is "${titleName}"; rename it, or pass \`fieldMap: { ${p.field}: ${JSON.stringify(titleName)} }\``
            : `\`${p.name}\` (${p.expected}) is missing`
          : `\`${p.name}\` is ${p.actual}, expected ${p.expected}`,
    }));
    const hint = options.createMissingProperties
      ? 'Change these in Notion (runner-up never changes the type of an existing property).'
      : 'Add them in Notion, or pass `createMissingProperties: true`.';
    throw new RunnerUpError(
      'remote_schema_mismatch',
      `[runner-up] [notion] The data source does not match: ${issues.map((i) => i.message).join('; ')}. ${hint}`,
      { path: issues[0]!.path, issues },
    );
  }
  const created = fixable.map((p) => p.name);
  if (!options.dryRun) {
    await transport.request('Adding properties to the data source', () =>
      client.dataSources.update({
        data_source_id: dataSourceId,
        properties: Object.fromEntries(
          fixable.map((p) => [p.name, propertyConfig(p.expected, p.field)]),
        ) as never,
      }),
    );
    return { hasKey: true, created };
  }
  return { hasKey: !fixable.some((p) => p.field === 'Key'), created };
}

/**
 * Checks that the Notion data source has the properties runner-up needs, with the right types,
 * and adds the missing ones when `createMissingProperties` is set. Throws a
 * `remote_schema_mismatch` error listing each problem by name and expected type.
 */
export async function ensureSchema(options: NotionConnectionOptions): Promise<EnsureSchemaResult> {
  const resolved = resolveOptions(options);
  const ctx = createContext(resolved, emptySyncReport('notion'));
  try {
    const dataSourceId = await resolveDataSourceId(ctx);
    const { created } = await checkSchema(ctx, dataSourceId);
    return { dataSourceId, created };
  } catch (error) {
    throw sanitize(error, resolved.auth);
  }
}
