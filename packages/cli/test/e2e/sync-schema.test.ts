/**
 * A Notion data source or Airtable table without the properties the sync needs: the message lists
 * each problem on its own line and says what a user of the command can do (never a library option
 * the command does not have), and `sync notion --create-properties` adds what is missing.
 */
import {
  type NotionEmulatorOptions,
  type NotionPropertyType,
  reminderTableFields,
  startAirtableEmulator,
  startNotionEmulator,
} from '@runner-up/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { runCli } from '../setup/run-cli';
import { AIRTABLE_TOKEN, NOTION_TOKEN, NOW } from '../setup/sync';

beforeAll(ensureBuilt, 600_000);

const project = () => commentedProject().cwd;

describe.concurrent('runner-up sync notion against a data source without the properties', () => {
  async function notion(
    properties?: Record<string, NotionPropertyType>,
    options: Pick<NotionEmulatorOptions, 'withoutDataSource'> = {},
  ) {
    const emulator = await startNotionEmulator({
      token: NOTION_TOKEN,
      ...(properties ? { properties } : {}),
      ...options,
    });
    const cwd = project();
    const sync = (extra: string[] = []) =>
      runCli(['sync', 'notion', '--database', emulator.databaseId, '--now', NOW, ...extra], {
        cwd,
        env: { NOTION_TOKEN, NOTION_BASE_URL: emulator.url },
      });
    return { emulator, sync };
  }

  it('lists each problem on its own line and says what to do from the command line', async () => {
    const { emulator, sync } = await notion({ Task: 'title', Due: 'rich_text' });
    try {
      const result = await sync();
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        [
          '[runner-up] [notion] The data source does not have the properties the sync needs:',
          '  - missing property "Name": the title property is "Task"; rename it to "Name"',
          '  - missing property "Key": add it as Text',
          '  - property "Due" is Text, expected Date',
          '  - missing property "Opportunity": add it as Text',
          '  - missing property "Organization": add it as Text',
          '  - missing property "Contact": add it as Text',
          '  - missing property "Action": add it as Select',
          '  - missing property "Status": add it as Select',
          '  - missing property "Why": add it as Text',
          '  - missing property "Done": add it as Checkbox',
          'Add the missing properties in Notion, or run the sync again with --create-properties to have runner-up add them.',
          'runner-up never changes the type of a property: change it in Notion.',
          '',
        ].join('\n'),
      );
      expect(emulator.requests.writes).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('--create-properties adds what is missing, then syncs; the next run writes nothing', async () => {
    const { emulator, sync } = await notion({ Name: 'title', Notes: 'rich_text' });
    try {
      const dry = await sync(['--create-properties', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(emulator.requests.writes).toBe(0);
      const first = await sync(['--create-properties']);
      expect(first.stderr).not.toContain('[runner-up]');
      expect(first.code).toBe(0);
      expect([...emulator.state.properties.keys()]).toEqual(
        expect.arrayContaining(['Key', 'Due', 'Status', 'Done']),
      );
      expect(emulator.pages().length).toBeGreaterThan(0);
      const writes = emulator.requests.writes;
      expect((await sync()).code).toBe(0);
      expect(emulator.requests.writes).toBe(writes);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('says a database without a data source has none, and what to do, naming --data-source and --database', async () => {
    const { emulator, sync } = await notion(undefined, { withoutDataSource: true });
    try {
      const result = await sync();
      expect(result.stderr).toBe(
        [
          `[runner-up] [notion] The database ${emulator.databaseId} has no data source to sync with.`,
          "Add one to it in Notion (Manage data sources, in the database's settings). If its views show a table kept in another database, sync with that table instead: pass its data source id to --data-source without --database (or that database's id to --database), and share that database with your integration.",
          '',
        ].join('\n'),
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/dataSourceId|databaseId/);
      expect(result.stdout + result.stderr).not.toContain(NOTION_TOKEN);
      expect(emulator.requests.writes).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('--create-properties never renames the title: it says to, and adds nothing until then', async () => {
    const { emulator, sync } = await notion({ Task: 'title' });
    try {
      const result = await sync(['--create-properties']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        '  - missing property "Name": the title property is "Task"; rename it to "Name"\n',
      );
      expect(result.stderr).toMatch(/runner-up adds the missing properties once .*\n$/);
      expect(result.stderr).not.toMatch(/fieldMap|createMissingProperties/);
      expect(emulator.requests.writes).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});

describe('runner-up sync airtable against a table without the fields', () => {
  it('lists each problem on its own line and says what to do', async () => {
    const fields = reminderTableFields()
      .filter((field) => field.name !== 'Due')
      .map((field) => (field.name === 'Done' ? { ...field, type: 'singleLineText' } : field));
    const emulator = await startAirtableEmulator({
      token: AIRTABLE_TOKEN,
      rateLimit: false,
      tables: [{ name: 'Reminders', fields }],
    });
    try {
      const result = await runCli(
        ['sync', 'airtable', '--base', emulator.baseId, '--table', 'Reminders', '--now', NOW],
        { cwd: project(), env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: emulator.url } },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        [
          '[runner-up] [airtable] Table "Reminders" does not have the fields the sync needs:',
          '  - missing field "Due": add it as dateTime',
          '  - field "Done" is singleLineText, expected checkbox',
          'Add or change them in Airtable: the sync never changes the fields of a table.',
          '',
        ].join('\n'),
      );
    } finally {
      await emulator.close();
    }
  });
});
