export {
  NotionDataSourceNotInDatabaseError,
  type NotionDataSourceSummary,
  NotionNoDataSourceError,
  NotionSeveralDataSourcesError,
} from './context';
export {
  NOTION_FIELDS,
  type NotionClient,
  type NotionConnectionOptions,
  type NotionField,
  type NotionSyncOptions,
  NotionSyncOptionsSchema,
} from './options';
export { notionPlugin, notionSink } from './plugin';
export {
  createProperties,
  MAX_ARRAY_ITEMS,
  MAX_TEXT_CONTENT,
  NOTION_PROPERTY_TYPES,
  OWNED_FIELDS,
  type OwnedField,
  toRichText,
  updateProperties,
} from './properties';
export {
  describeSchemaProblems,
  type EnsureSchemaResult,
  ensureSchema,
  findSchemaProblems,
  NotionSchemaError,
  type SchemaAdvice,
  type SchemaProblem,
} from './schema';
export { syncNotion } from './sync';
