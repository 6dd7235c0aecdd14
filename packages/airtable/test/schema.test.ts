import {
  type AirtableOptions,
  type AirtableTables,
  checkTableSchema,
  type FieldNames,
  resolveFieldNames,
  syncAirtable,
} from '@runner-up/airtable';
import { isRunnerUpError, type RunnerUpError } from '@runner-up/core';
import {
  type AirtableEmulator,
  type AirtableEmulatorField,
  buildReminders,
  reminderTableFields,
  startAirtableEmulator,
} from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST, FAST_EMULATOR } from './harness';

let emulator: AirtableEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The fields of the table in the docs, without those named in `without`, then `extra`. */
const fieldsOf = (without: readonly string[], extra: AirtableEmulatorField[] = []) => [
  ...reminderTableFields().filter((field) => !without.includes(field.name)),
  ...extra,
];

/** An emulator holding one `Reminders` table with `fields`, and options pointing a sync at it. */
async function start(fields: AirtableEmulatorField[]): Promise<AirtableOptions> {
  emulator = await startAirtableEmulator({
    ...FAST_EMULATOR,
    tables: [{ name: 'Reminders', fields }],
  });
  return {
    ...FAST,
    token: emulator.token,
    baseId: emulator.baseId,
    table: 'Reminders',
    endpointUrl: emulator.url,
  };
}

/** The schema check alone, on a `Reminders` table with `fields`: the error it throws. */
function schemaError(fields: AirtableEmulatorField[], names: FieldNames = resolveFieldNames({})) {
  const tables: AirtableTables = [
    {
      id: 'tblReminders00001',
      name: 'Reminders',
      primaryFieldId: 'fld0',
      fields: fields.map((field, i) => ({ id: `fld${i}`, name: field.name, type: field.type })),
    },
  ];
  try {
    checkTableSchema(tables, 'Reminders', names);
  } catch (error) {
    return error as RunnerUpError;
  }
  return expect.unreachable('the schema check should have failed');
}

const messages = (error: RunnerUpError) => error.issues.map((issue) => issue.message);

describe('Airtable table schema', () => {
  it('syncs with a table that has no Notes field, or one of any type, and never writes it', async () => {
    for (const notes of [undefined, 'number', 'multipleAttachments']) {
      const options = await start(
        fieldsOf(['Notes'], notes === undefined ? [] : [{ name: 'Notes', type: notes }]),
      );
      const reminders = buildReminders(3);
      expect(await syncAirtable(reminders, options)).toMatchObject({ created: 3 });
      const first = emulator!.state.records('Reminders')[0]!;
      if (notes === 'number') emulator!.state.update('Reminders', first.id, { Notes: 42 });
      const writes = emulator!.requests.writes;
      expect(await syncAirtable(reminders, options)).toMatchObject({ unchanged: 3 });
      expect(emulator!.requests.writes).toBe(writes);
      expect(emulator!.state.records('Reminders').map((r) => r.fields.Notes)).toEqual(
        notes === 'number' ? [42, undefined, undefined] : [undefined, undefined, undefined],
      );
      await emulator!.close();
      emulator = undefined;
    }
  });

  it('hints at a field of a usable type with a close name, before writing anything', async () => {
    const options = await start(
      fieldsOf(
        ['Due', 'Organization'],
        [
          { name: 'Due date', type: 'dateTime' },
          { name: 'Organisation', type: 'singleLineText' },
        ],
      ),
    );
    const error = await syncAirtable(buildReminders(2), options).then(
      () => expect.unreachable('the sync should have failed'),
      (e: unknown) => e as RunnerUpError,
    );
    expect(isRunnerUpError(error)).toBe(true);
    expect(error.code).toBe('remote_schema_mismatch');
    expect(error.message).toBe(
      [
        '[runner-up] [airtable] Table "Reminders" does not have the fields the sync needs:',
        '  - missing field "Due": add it as dateTime, or rename the dateTime field "Due date" to "Due"',
        '  - missing field "Organization": add it as singleLineText or multilineText, or rename the singleLineText field "Organisation" to "Organization"',
        'Add or change them in Airtable: the sync never changes the fields of a table.',
      ].join('\n'),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['fields', 'Due'],
      ['fields', 'Organization'],
    ]);
    expect(emulator!.requests.writes).toBe(0);
  });

  it('hints by the name a field map gives, naming the field it stands for', () => {
    const error = schemaError(
      fieldsOf(['Due'], [{ name: 'Follow up', type: 'dateTime' }]),
      resolveFieldNames({ Due: 'Follow up on' }),
    );
    expect(messages(error)).toEqual([
      'missing field "Follow up on" (for Due): add it as dateTime, or rename the dateTime field "Follow up" to "Follow up on"',
    ]);
  });

  it('quotes names holding quotes so they read as one name', () => {
    const error = schemaError(
      fieldsOf(['Due'], [{ name: 'Due "dates"', type: 'dateTime' }]),
      resolveFieldNames({ Due: 'Due "date"' }),
    );
    expect(messages(error)).toEqual([
      'missing field "Due \\"date\\"" (for Due): add it as dateTime, or rename the dateTime field "Due \\"dates\\"" to "Due \\"date\\""',
    ]);
  });

  it('hints at no field of another type, nor at one another field uses', () => {
    const error = schemaError(
      fieldsOf(
        ['Due', 'Contact', 'Why'],
        [
          { name: 'Due date', type: 'singleLineText' },
          { name: 'Contact notes', type: 'multilineText' },
        ],
      ),
      resolveFieldNames({ Why: 'Contact notes' }),
    );
    expect(messages(error)).toEqual([
      'missing field "Due": add it as dateTime',
      'missing field "Contact": add it as singleLineText or multilineText',
    ]);
  });

  it('names a mistyped field, its type and the types it may have, for an optional field too', () => {
    const error = schemaError(
      fieldsOf(
        ['Due'],
        [
          { name: 'When', type: 'singleLineText' },
          { name: 'Done at', type: 'checkbox' },
        ],
      ),
      resolveFieldNames({ Due: 'When' }),
    );
    expect(messages(error)).toEqual([
      'field "When" (for Due) is singleLineText, expected dateTime',
      'field "Done at" (for DoneAt) is checkbox, expected lastModifiedTime or dateTime or date',
    ]);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['fields', 'When'],
      ['fields', 'Done at'],
    ]);
  });
});

describe('single select options without typecast (regression: a 422 on the first batch stopped every sync there)', () => {
  const withStatuses = (statuses: string[]) =>
    fieldsOf(
      ['Status'],
      [
        {
          name: 'Status',
          type: 'singleSelect',
          options: { choices: statuses.map((name) => ({ name })) },
        },
      ],
    );

  it('stops before any write, naming the options to add and the records that need them', async () => {
    const options = await start(withStatuses(['due', 'overdue', 'done', 'skipped', 'cancelled']));
    const reminders = buildReminders(12);
    const error = (await syncAirtable(reminders, { ...options, typecast: false }).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as RunnerUpError;
    expect(isRunnerUpError(error)).toBe(true);
    expect(error.code).toBe('remote_schema_mismatch');
    const upcoming = reminders.filter((r) => r.status === 'upcoming').map((r) => r.key);
    expect(upcoming.length).toBeGreaterThan(3);
    expect(error.message).toBe(
      [
        '[runner-up] [airtable] Table "Reminders" lacks options the sync writes, and `typecast` is off, so Airtable would refuse them:',
        `  - the single select field "Status" has no option "upcoming", which ${upcoming.length} records to write need (${upcoming.slice(0, 3).join(', ')}, …)`,
        'Add the options in Airtable, or leave `typecast` on (the default) to let Airtable add them. Nothing was written.',
      ].join('\n'),
    );
    expect(error.path).toEqual(['fields', 'Status']);
    expect(emulator!.requests.writes).toBe(0);
    // With typecast (the default), Airtable adds the option.
    const report = await syncAirtable(reminders, options);
    expect(report.created).toBe(12);
  });

  it('checks only what it writes: options no record needs may be missing', async () => {
    const reminders = buildReminders(3);
    const statuses = [...new Set(reminders.map((r) => r.status))];
    const options = await start(withStatuses(statuses));
    const report = await syncAirtable(reminders, { ...options, typecast: false });
    expect(report.created).toBe(3);
  });

  it('without the schema check, a refused batch names the records it held and how far the sync got', async () => {
    const options = await start(withStatuses(['due', 'overdue', 'done', 'skipped', 'cancelled']));
    // The first ten (one batch) have a status the table knows; the last two do not.
    const reminders = buildReminders(12).map((r, i) =>
      i < 10 ? { ...r, status: 'due' as const } : { ...r, status: 'upcoming' as const },
    );
    const error = (await syncAirtable(reminders, {
      ...options,
      typecast: false,
      checkSchema: false,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as RunnerUpError;
    expect(error.code).toBe('remote_request_failed');
    expect(error.message).toMatch(/ 422 INVALID_MULTIPLE_CHOICE_OPTIONS/);
    const second = reminders.slice(10).map((r) => r.key);
    expect(error.message).toContain(
      ` The request held ${second.join(', ')}; 10 of 12 records were written before it. Sync again once that is fixed: it picks up where it stopped.`,
    );
  });
});
