export {
  AirtableClient,
  type AirtableClientOptions,
  type AirtableRecord,
  AirtableRecordSchema,
  type AirtableTables,
} from './client';
export {
  type AirtableDiff,
  type AirtableDiffOptions,
  capCellText,
  diffRecords,
  MAX_CELL_TEXT,
  OWNED_FIELDS,
  reminderFields,
} from './diff';
export { fieldEqualsFormula, formulaField, formulaString, nonEmptyFieldFormula } from './formula';
export {
  AIRTABLE_FIELDS,
  type AirtableField,
  AirtableFieldSchema,
  type AirtableOptions,
  AirtableOptionsSchema,
  type FieldNames,
  parseAirtableOptions,
  type ResolvedAirtableOptions,
  resolveFieldNames,
} from './options';
export { checkTableSchema, EXPECTED_FIELD_TYPES } from './schema';
export { AIRTABLE_BATCH_SIZE, airtablePlugin, airtableSink, syncAirtable } from './sync';
