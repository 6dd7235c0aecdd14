import {
  closestFieldName,
  emptySyncReport,
  RunnerUpError,
  type RunnerUpIssue,
} from '@runner-up/core';
import {
  createContext,
  type NotionContext,
  naming,
  resolveDataSourceId,
  sanitize,
} from './context';
import {
  NOTION_FIELDS,
  type NotionConnectionOptions,
  type NotionField,
  resolveOptions,
} from './options';
import { NOTION_PROPERTY_TYPES, OPTIONAL_FIELDS } from './properties';
import { NotionDataSourceSchema, parseResponse } from './responses';

/** A property the data source lacks or has with another type. */
export interface SchemaProblem {
  /** The field the property stands for, by its default name. */
  field: NotionField;
  /** The property name in the data source. */
  name: string;
  /** The property type the field needs, as the API names it (`rich_text`, `date`, ...). */
  expected: string;
  /** The type found, or `undefined` when the property is missing. */
  actual: string | undefined;
  /**
   * When the property is missing: a property of the expected type with a close name (`Due date`
   * for `Due`), most likely the one meant under another name. Not set for the title, which has its
   * own hint.
   */
  closest?: string;
}

/** What {@link ensureSchema} found and did. */
export interface EnsureSchemaResult {
  /** The data source checked: the one `dataSourceId` named, or the database's only one. */
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

/** Property types as the Notion app names them (the API's names otherwise). */
const TYPE_NAMES: Record<string, string> = {
  title: 'Title',
  rich_text: 'Text',
  number: 'Number',
  select: 'Select',
  multi_select: 'Multi-select',
  status: 'Status',
  date: 'Date',
  people: 'Person',
  files: 'Files & media',
  checkbox: 'Checkbox',
  url: 'URL',
  email: 'Email',
  phone_number: 'Phone',
  formula: 'Formula',
  relation: 'Relation',
  rollup: 'Rollup',
};
const typeName = (type: string) => TYPE_NAMES[type] ?? type;

/** How to word what to do about schema problems: the library names its options, the CLI its flags. */
export interface SchemaAdvice {
  /** How to have runner-up add the missing properties, e.g. "pass `createMissingProperties: true`". */
  addMissing: string;
  /**
   * How to keep a property that has another name (the title property, or one with a name close to
   * the missing one), when there is a way.
   */
  keepTitle?: (name: string, field: NotionField) => string;
}

/** The advice in errors of `syncNotion` and `ensureSchema`: their options. */
const OPTION_ADVICE: SchemaAdvice = {
  addMissing: 'pass `createMissingProperties: true`',
  keepTitle: (title, field) => `pass \`fieldMap: { ${field}: ${JSON.stringify(title)} }\``,
};

/** One problem, by property name and type as the Notion app shows them. */
function describeProblem(p: SchemaProblem, titleProperty: string | undefined): string {
  const property = `property ${JSON.stringify(p.name)}${p.name === p.field ? '' : ` (for ${p.field})`}`;
  if (p.actual !== undefined) {
    return `${property} is ${typeName(p.actual)}, expected ${typeName(p.expected)}`;
  }
  if (p.expected === 'title' && titleProperty !== undefined) {
    return `missing ${property}: the title property is ${JSON.stringify(titleProperty)}; rename it to ${JSON.stringify(p.name)}`;
  }
  const type = typeName(p.expected);
  if (p.closest !== undefined) {
    return `missing ${property}: add it as ${type}, or rename the ${type} property ${JSON.stringify(p.closest)} to ${JSON.stringify(p.name)}`;
  }
  return `missing ${property}: add it as ${type}`;
}

/**
 * The message for schema problems: one line per problem, with the type expected, then what to do,
 * worded by `advice`.
 */
export function describeSchemaProblems(
  problems: readonly SchemaProblem[],
  context: { titleProperty: string | undefined; createMissingProperties: boolean },
  advice: SchemaAdvice = OPTION_ADVICE,
): string {
  const { titleProperty, createMissingProperties } = context;
  const todo: string[] = [];
  if (problems.some((p) => p.actual === undefined && p.expected !== 'title')) {
    todo.push(
      createMissingProperties
        ? 'runner-up adds the missing properties once the others are fixed.'
        : `Add the missing properties in Notion, or ${advice.addMissing} to have runner-up add them.`,
    );
  }
  const title = problems.find((p) => p.actual === undefined && p.expected === 'title');
  if (title && titleProperty !== undefined && advice.keepTitle) {
    todo.push(
      `To keep the title ${JSON.stringify(titleProperty)}, ${advice.keepTitle(titleProperty, title.field)}.`,
    );
  }
  for (const p of problems) {
    if (p.closest !== undefined && advice.keepTitle)
      todo.push(`To keep ${JSON.stringify(p.closest)}, ${advice.keepTitle(p.closest, p.field)}.`);
  }
  if (problems.some((p) => p.actual !== undefined)) {
    todo.push('runner-up never changes the type of a property: change it in Notion.');
  }
  return [
    '[runner-up] [notion] The data source does not have the properties the sync needs:',
    ...problems.map((p) => `  - ${describeProblem(p, titleProperty)}`),
    ...todo,
  ].join('\n');
}

/**
 * The data source lacks properties runner-up needs or has them with other types (code
 * `remote_schema_mismatch`, one issue per property). `problems` lists them, so a caller can word
 * its own advice with {@link describeSchemaProblems}. Its `name` is `RunnerUpError`, as for every
 * runner-up error: `isRunnerUpError` knows an error from another copy of `@runner-up/core` by that
 * name. Tell it apart by `instanceof NotionSchemaError` (or `code` and `problems`).
 */
export class NotionSchemaError extends RunnerUpError {
  /** One problem per property missing or of another type, in the order of {@link NOTION_FIELDS}. */
  readonly problems: SchemaProblem[];
  /** The name of the data source's title property. */
  readonly titleProperty: string | undefined;

  constructor(
    problems: SchemaProblem[],
    context: { titleProperty: string | undefined; createMissingProperties: boolean },
  ) {
    const issues: RunnerUpIssue[] = problems.map((p) => ({
      code: 'remote_schema_mismatch',
      path: ['properties', p.name],
      message: describeProblem(p, context.titleProperty),
    }));
    super('remote_schema_mismatch', describeSchemaProblems(problems, context), {
      path: issues[0]!.path,
      issues,
    });
    this.problems = problems;
    this.titleProperty = context.titleProperty;
  }
}

/**
 * Compares the data source's properties with what runner-up needs. `Notes` is not among them:
 * runner-up never reads or writes it, so a data source may lack it or give it any type.
 */
export function findSchemaProblems(
  properties: Record<string, { type?: string } | undefined>,
  names: Record<NotionField, string>,
): SchemaProblem[] {
  const taken = new Set(Object.values(names));
  return NOTION_FIELDS.flatMap((field) => {
    if (OPTIONAL_FIELDS.has(field)) return [];
    const expected = NOTION_PROPERTY_TYPES[field];
    const actual = properties[names[field]]?.type;
    if (actual === expected) return [];
    const problem: SchemaProblem = { field, name: names[field], expected, actual };
    if (actual === undefined && expected !== 'title') {
      const candidates = Object.entries(properties)
        .filter(([name, p]) => p?.type === expected && !taken.has(name))
        .map(([name]) => name);
      const closest = closestFieldName(names[field], candidates);
      if (closest !== undefined) problem.closest = closest;
    }
    return [problem];
  });
}

/** Checks the data source (and adds missing properties when asked). Returns whether `Key` exists. */
export async function checkSchema(
  ctx: NotionContext,
  dataSourceId: string,
): Promise<{ hasKey: boolean; created: string[] }> {
  const { client, transport, options } = ctx;
  const read = () =>
    transport.request('Reading the data source', () =>
      client.dataSources.retrieve({ data_source_id: dataSourceId }),
    );
  const { properties } = parseResponse(
    NotionDataSourceSchema,
    // A 404 for a data source the caller named is about `dataSourceId`; one found through the
    // database is about the database.
    await (options.dataSourceId ? naming('dataSourceId', read) : read()),
    'a data source lookup',
  );
  const problems = findSchemaProblems(properties, options.names);
  if (problems.length === 0) return { hasKey: true, created: [] };

  const titleProperty = Object.entries(properties).find(([, p]) => p.type === 'title')?.[0];
  const fixable = problems.filter((p) => p.actual === undefined && p.expected !== 'title');
  if (!options.createMissingProperties || fixable.length < problems.length) {
    throw new NotionSchemaError(problems, {
      titleProperty,
      createMissingProperties: options.createMissingProperties,
    });
  }
  // Setting the data source up, add a Notes property for the user too; never for Notes alone.
  const notes = options.names.Notes;
  const add = [
    ...fixable.map((p) => [p.name, propertyConfig(p.expected, p.field)] as const),
    ...(properties[notes] === undefined
      ? [[notes, propertyConfig(NOTION_PROPERTY_TYPES.Notes, 'Notes')] as const]
      : []),
  ];
  const created = add.map(([name]) => name);
  if (!options.dryRun) {
    await transport.request('Adding properties to the data source', () =>
      client.dataSources.update({
        data_source_id: dataSourceId,
        properties: Object.fromEntries(add) as never,
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
