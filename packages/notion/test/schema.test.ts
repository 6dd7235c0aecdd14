import { isRunnerUpError, type RunnerUpError } from '@runner-up/core';
import { ensureSchema, syncNotion } from '@runner-up/notion';
import { buildReminders, type NotionEmulator, startNotionEmulator } from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST } from './harness';

let emulator: NotionEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
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
      '`Opportunity` (rich_text) is missing',
      '`Organization` (rich_text) is missing',
      '`Contact` (rich_text) is missing',
      '`Action` (select) is missing',
      '`Status` is number, expected select',
      '`Why` (rich_text) is missing',
      '`Notes` (rich_text) is missing',
    ]);
    expect(error.issues[0]!.path).toEqual(['properties', 'Opportunity']);
    expect(error.message).toMatch(/createMissingProperties: true/);
    expect(emulator.requests.writes).toBe(0);
  });

  it('points at the title property when it has another name', async () => {
    emulator = await startNotionEmulator({ properties: { Task: 'title' } });
    const error = (await ensureSchema({
      ...connect(emulator),
      createMissingProperties: true,
    }).catch((e: unknown) => e)) as RunnerUpError;
    expect(error.issues[0]!.message).toMatch(
      /the title property is "Task".*fieldMap: \{ Name: "Task" \}/,
    );
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
    expect(error.message).toMatch(/`Due` is rich_text, expected date/);
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
