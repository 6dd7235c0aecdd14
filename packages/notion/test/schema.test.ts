import { isRunnerUpError, type RunnerUpError } from '@runner-up/core';
import {
  ensureSchema,
  NOTION_PROPERTY_TYPES,
  NotionNoDataSourceError,
  NotionSchemaError,
  syncNotion,
} from '@runner-up/notion';
import {
  buildReminders,
  type NotionEmulator,
  type NotionPropertyType,
  startNotionEmulator,
} from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST } from './harness';

let emulator: NotionEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Every property the sync needs, as the sync expects it, with `Notes` of the given type or without it. */
const { Notes: _notes, ...required } = NOTION_PROPERTY_TYPES;
const withNotes = (notes: NotionPropertyType | undefined): Record<string, NotionPropertyType> => ({
  ...(required as Record<string, NotionPropertyType>),
  ...(notes === undefined ? {} : { Notes: notes }),
});

const connect = (e: NotionEmulator) => ({
  auth: e.token,
  baseUrl: e.url,
  databaseId: e.databaseId,
  ...FAST,
});

describe('Notion data source schema', () => {
  it('lists every missing or mistyped property by name and expected type', async () => {
    emulator = await startNotionEmulator({
      properties: {
        Name: 'title',
        Key: 'rich_text',
        Due: 'date',
        Status: 'number',
        Done: 'checkbox',
      },
    });
    const error = (await ensureSchema(connect(emulator)).catch((e: unknown) => e)) as RunnerUpError;
    expect(isRunnerUpError(error)).toBe(true);
    expect(error.code).toBe('remote_schema_mismatch');
    expect(error.issues.map((i) => i.message)).toEqual([
      'missing property "Opportunity": add it as Text',
      'missing property "Organization": add it as Text',
      'missing property "Contact": add it as Text',
      'missing property "Action": add it as Select',
      'property "Status" is Number, expected Select',
      'missing property "Why": add it as Text',
    ]);
    expect(error.issues[0]!.path).toEqual(['properties', 'Opportunity']);
    expect(error).toBeInstanceOf(NotionSchemaError);
    expect((error as NotionSchemaError).problems[4]).toEqual({
      field: 'Status',
      name: 'Status',
      expected: 'select',
      actual: 'number',
    });
    // One problem a line, then what to do, naming the library's options.
    expect(error.message).toBe(
      [
        '[runner-up] [notion] The data source does not have the properties the sync needs:',
        ...error.issues.map((i) => `  - ${i.message}`),
        'Add the missing properties in Notion, or pass `createMissingProperties: true` to have runner-up add them.',
        'runner-up never changes the type of a property: change it in Notion.',
      ].join('\n'),
    );
    expect(emulator.requests.writes).toBe(0);
  });

  it('points at the title property when it has another name', async () => {
    emulator = await startNotionEmulator({ properties: { Task: 'title' } });
    const error = (await ensureSchema({
      ...connect(emulator),
      createMissingProperties: true,
    }).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.issues[0]!.message).toBe(
      'missing property "Name": the title property is "Task"; rename it to "Name"',
    );
    expect(error.message).toMatch(
      /\nrunner-up adds the missing properties once the others are fixed\.\nTo keep the title "Task", pass `fieldMap: \{ Name: "Task" \}`\.$/,
    );
  });

  it('syncs with a data source that has no Notes property, or one of another type', async () => {
    for (const notes of [undefined, 'number'] as const) {
      emulator = await startNotionEmulator({ properties: withNotes(notes) });
      await expect(ensureSchema(connect(emulator))).resolves.toMatchObject({ created: [] });
      const reminders = buildReminders(3);
      expect(await syncNotion(reminders, connect(emulator))).toMatchObject({ created: 3 });
      const writes = emulator.requests.writes;
      expect(await syncNotion(reminders, connect(emulator))).toMatchObject({ unchanged: 3 });
      expect(emulator.requests.writes).toBe(writes);
      expect(emulator.state.properties.has('Notes')).toBe(notes !== undefined);
      await emulator.close();
      emulator = undefined;
    }
  });

  it('never adds a Notes property on its own, even when asked to create missing ones', async () => {
    emulator = await startNotionEmulator({ properties: withNotes(undefined) });
    const result = await ensureSchema({ ...connect(emulator), createMissingProperties: true });
    expect(result.created).toEqual([]);
    expect(emulator.requests.writes).toBe(0);
    expect(emulator.state.properties.has('Notes')).toBe(false);
  });

  it('hints at a property of the right type with a close name, and how to keep its name', async () => {
    const { Due: _due, Organization: _organization, ...rest } = withNotes('rich_text');
    emulator = await startNotionEmulator({
      properties: { ...rest, 'Due date': 'date', Organisation: 'rich_text' },
    });
    const error = (await ensureSchema(connect(emulator)).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.issues.map((i) => i.message)).toEqual([
      'missing property "Due": add it as Date, or rename the Date property "Due date" to "Due"',
      'missing property "Organization": add it as Text, or rename the Text property "Organisation" to "Organization"',
    ]);
    expect((error as NotionSchemaError).problems[0]).toMatchObject({
      field: 'Due',
      closest: 'Due date',
    });
    expect(error.message).toContain(
      '\nTo keep "Due date", pass `fieldMap: { Due: "Due date" }`.\nTo keep "Organisation", pass `fieldMap: { Organization: "Organisation" }`.',
    );
  });

  it('hints at no property of another type, nor at one another field uses', async () => {
    const { Due: _due, Contact: _contact, Why: _why, ...rest } = withNotes('rich_text');
    emulator = await startNotionEmulator({
      properties: { ...rest, 'Due date': 'rich_text', 'Contact notes': 'rich_text' },
    });
    const error = (await ensureSchema({
      ...connect(emulator),
      fieldMap: { Why: 'Contact notes' },
    }).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.issues.map((i) => i.message)).toEqual([
      'missing property "Due": add it as Date',
      'missing property "Contact": add it as Text',
    ]);
    expect(error.message).not.toContain('To keep');
  });

  it('names a renamed property by both names', async () => {
    emulator = await startNotionEmulator();
    const error = (await ensureSchema({
      ...connect(emulator),
      fieldMap: { Due: 'When' },
    }).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.issues.map((i) => i.message)).toEqual([
      'missing property "When" (for Due): add it as Date',
    ]);
  });

  it('creates the missing properties with one data source update when asked', async () => {
    emulator = await startNotionEmulator({ properties: { Name: 'title' } });
    const result = await ensureSchema({ ...connect(emulator), createMissingProperties: true });
    expect(result.created).toEqual([
      'Key',
      'Due',
      'Opportunity',
      'Organization',
      'Contact',
      'Action',
      'Status',
      'Why',
      'Done',
      'Notes',
    ]);
    expect(emulator.requests.writes).toBe(1);
    expect(emulator.state.properties.get('Status')?.options?.map((o) => o.name)).toContain(
      'cancelled',
    );
    await expect(ensureSchema(connect(emulator))).resolves.toMatchObject({ created: [] });
  });

  it('never changes the type of an existing property, even when asked to create missing ones', async () => {
    emulator = await startNotionEmulator({ properties: { Name: 'title', Due: 'rich_text' } });
    const error = (await ensureSchema({
      ...connect(emulator),
      createMissingProperties: true,
    }).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.code).toBe('remote_schema_mismatch');
    expect(error.message).toContain('\n  - property "Due" is Text, expected Date\n');
    expect(emulator.requests.writes).toBe(0);
  });

  it('syncs through a field map with renamed properties', async () => {
    emulator = await startNotionEmulator({
      properties: {
        Task: 'title',
        'runner-up key': 'rich_text',
        When: 'date',
        Opportunity: 'rich_text',
        Organization: 'rich_text',
        Contact: 'rich_text',
        Action: 'select',
        Status: 'select',
        Why: 'rich_text',
        Done: 'checkbox',
        Notes: 'rich_text',
      },
    });
    const options = {
      ...connect(emulator),
      fieldMap: { Name: 'Task', Key: 'runner-up key', Due: 'When' },
    };
    const reminders = buildReminders(3);
    expect(await syncNotion(reminders, options)).toMatchObject({ created: 3 });
    expect(await syncNotion(reminders, options)).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('reports a dry run against a data source still missing properties without writing', async () => {
    emulator = await startNotionEmulator({ properties: { Name: 'title' } });
    const report = await syncNotion(buildReminders(4), {
      ...connect(emulator),
      createMissingProperties: true,
      dryRun: true,
    });
    expect(report).toMatchObject({ created: 4, dryRun: true });
    expect(emulator.requests.writes).toBe(0);
  });

  it('says when the database has no data source, naming the `dataSourceId` option', async () => {
    emulator = await startNotionEmulator({ withoutDataSource: true });
    const error = (await syncNotion(buildReminders(2), connect(emulator)).catch(
      (e: unknown) => e,
    )) as RunnerUpError;
    expect(error).toBeInstanceOf(NotionNoDataSourceError);
    expect(error.code).toBe('remote_schema_mismatch');
    expect((error as NotionNoDataSourceError).databaseId).toBe(emulator.databaseId);
    expect(error.message).toBe(
      `[runner-up] [notion] The database ${emulator.databaseId} has no data source to sync with. Add one in Notion (Manage data sources, in the database's settings), or pass \`dataSourceId\` to name a data source directly.`,
    );
    expect(await ensureSchema(connect(emulator)).catch((e: unknown) => e)).toBeInstanceOf(
      NotionNoDataSourceError,
    );
    expect(emulator.requests.writes).toBe(0);
  });

  it('accepts a data source id directly, skipping the database lookup', async () => {
    emulator = await startNotionEmulator();
    const report = await syncNotion(buildReminders(2), {
      auth: emulator.token,
      baseUrl: emulator.url,
      dataSourceId: emulator.dataSourceId,
      ...FAST,
    });
    expect(report.created).toBe(2);
    expect(emulator.log.some((e) => e.path.startsWith('/v1/databases/'))).toBe(false);
  });
});
