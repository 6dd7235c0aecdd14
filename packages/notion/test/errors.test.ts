import { isRunnerUpError, RunnerUpError } from '@runner-up/core';
import {
  NotionDataSourceNotInDatabaseError,
  NotionNoDataSourceError,
  NotionSchemaError,
  NotionSeveralDataSourcesError,
} from '@runner-up/notion';
import { describe, expect, it } from 'vitest';

const DATABASE = '0123456789abcdef0123456789abcdef';
const DATA_SOURCE = 'fedcba9876543210fedcba9876543210';

const errors = () => [
  new NotionSchemaError([{ field: 'Due', name: 'Due', expected: 'date', actual: undefined }], {
    titleProperty: 'Name',
    createMissingProperties: false,
  }),
  new NotionNoDataSourceError(DATABASE),
  new NotionSeveralDataSourcesError(DATABASE, [
    { id: DATA_SOURCE, name: 'A' },
    { id: DATABASE, name: 'B' },
  ]),
  new NotionDataSourceNotInDatabaseError(DATABASE, DATA_SOURCE, []),
];

describe('Notion errors', () => {
  // isRunnerUpError knows an error thrown through another copy of @runner-up/core by its name,
  // so a subclass named after itself would pass as an unexpected error there (the CLI would
  // print "Unexpected error" and exit 1 whatever its code).
  it('are RunnerUpErrors by name too, so another copy of core knows them; the class tells them apart', () => {
    for (const error of errors()) {
      expect(error).toBeInstanceOf(RunnerUpError);
      expect(error.name).toBe('RunnerUpError');
      const fromAnotherCopy = { name: error.name, code: error.code, message: error.message };
      expect(isRunnerUpError(fromAnotherCopy)).toBe(true);
    }
    const [schema] = errors();
    expect(schema).toBeInstanceOf(NotionSchemaError);
    expect(schema!.code).toBe('remote_schema_mismatch');
    expect(String(schema).split('\n')[0]).toBe(
      'RunnerUpError: [runner-up] [notion] The data source does not have the properties the sync needs:',
    );
  });
});
