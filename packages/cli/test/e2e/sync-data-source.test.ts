/**
 * `runner-up sync notion --data-source`: which of a database's data sources the sync writes to.
 * A database can hold several (Notion API 2025-09-03). The sync never picks one of several on its
 * own; `--data-source` alone is enough; with `--database` too, the data source must be one of that
 * database's. Errors name the flags (never a library option) and never the token.
 */
import { type NotionEmulator, startHttpEmulator, startNotionEmulator } from '@runner-up/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { type CliResult, runCli } from '../setup/run-cli';
import { NOTION_TOKEN, NOW } from '../setup/sync';

beforeAll(ensureBuilt, 600_000);

const SECOND = '66666666-6666-4666-8666-666666666666';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';

interface Report {
  created: number;
  updated: number;
  unchanged: number;
}

let emulator: NotionEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A database holding two data sources with the runner-up properties: the default one, then SECOND. */
const twoDataSources = () =>
  startNotionEmulator({
    token: NOTION_TOKEN,
    moreDataSources: [{ id: SECOND, name: 'Follow-ups 2027' }],
  });

function sync(cwd: string, flags: string[]): Promise<CliResult> {
  return runCli(['sync', 'notion', ...flags, '--now', NOW], {
    cwd,
    env: { NOTION_TOKEN, NOTION_BASE_URL: emulator!.url },
  });
}

/**
 * Exit 1, nothing on stdout, nothing written, no token anywhere, and (but for `--debug`'s stack
 * traces) no library option named.
 */
function expectRefused(result: CliResult, { debug = false } = {}): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stdout + result.stderr).not.toContain(NOTION_TOKEN);
  if (!debug) expect(result.stderr).not.toMatch(/dataSourceId|databaseId/);
  expect(emulator!.requests.writes).toBe(0);
}

describe('runner-up sync notion --data-source', () => {
  it('writes the rows to the data source it names, the second one, not to the first', async () => {
    emulator = await twoDataSources();
    const { cwd } = commentedProject();
    const flags = ['--database', emulator.databaseId, '--data-source', SECOND, '--json'];
    const first = await sync(cwd, flags);
    expect(first.stderr).not.toContain('[runner-up]');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.created).toBeGreaterThan(0);
    expect(emulator.pages(SECOND)).toHaveLength(report.created);
    expect(emulator.pages()).toEqual([]);
    const writes = emulator.requests.writes;
    const second = JSON.parse((await sync(cwd, flags)).stdout) as Report;
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: report.created });
    expect(emulator.requests.writes).toBe(writes);
  });

  it('needs no --database: the data source id alone is enough', async () => {
    emulator = await twoDataSources();
    const { cwd } = commentedProject();
    const result = await sync(cwd, ['--data-source', SECOND, '--json']);
    expect(result.stderr).not.toContain('[runner-up]');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(emulator.pages(SECOND)).toHaveLength(report.created);
    expect(emulator.pages()).toEqual([]);
    expect(emulator.log.some((e) => e.path.startsWith('/v1/databases/'))).toBe(false);
  });

  it('refuses a database with several data sources without --data-source, listing their ids and names', async () => {
    emulator = await twoDataSources();
    const result = await sync(commentedProject().cwd, ['--database', emulator.databaseId]);
    expect(result.stderr).toBe(
      [
        `[runner-up] [notion] The database ${emulator.databaseId} has 2 data sources, so which one to sync with is not clear:`,
        `  - ${emulator.dataSourceId} "runner-up reminders"`,
        `  - ${SECOND} "Follow-ups 2027"`,
        'Run the sync again with --data-source and the id of the one to sync with.',
        '',
      ].join('\n'),
    );
    expectRefused(result);
    expect(emulator.pages()).toEqual([]);
    expect(emulator.pages(SECOND)).toEqual([]);
  });

  it('a --data-source Notion does not know: exit 1, naming the flag, with or without --debug', async () => {
    emulator = await twoDataSources();
    for (const debug of [false, true]) {
      const result = await sync(commentedProject().cwd, [
        '--data-source',
        UNKNOWN,
        ...(debug ? ['--debug'] : []),
      ]);
      expect(result.stderr).toMatch(
        /^\[runner-up\] \[notion\] Reading the data source failed \(404 object_not_found\): .*\n/,
      );
      expect(result.stderr).toContain(
        "\nThe data source id is the one given to --data-source: in Notion, open the database's settings, Manage data sources, then ••• next to the data source and Copy data source ID.\n",
      );
      expectRefused(result, { debug });
    }
  });

  it('a --data-source that is not one of --database’s: exit 1, listing the database’s own', async () => {
    emulator = await twoDataSources();
    const result = await sync(commentedProject().cwd, [
      '--database',
      emulator.databaseId,
      '--data-source',
      UNKNOWN,
    ]);
    expect(result.stderr).toBe(
      [
        `[runner-up] [notion] The data source ${UNKNOWN} (--data-source) is not one of the data sources of the database ${emulator.databaseId} (--database):`,
        `  - ${emulator.dataSourceId} "runner-up reminders"`,
        `  - ${SECOND} "Follow-ups 2027"`,
        'Pass one of these to --data-source, or leave out --database to sync with that data source in whichever database holds it.',
        '',
      ].join('\n'),
    );
    expectRefused(result);
  });

  it('a --data-source or --database that is no Notion id, or neither flag: exit 2, asking Notion nothing', async () => {
    let asked = 0;
    const server = await startHttpEmulator(() => {
      asked += 1;
      return { status: 500 };
    });
    try {
      const run = (flags: string[]) =>
        runCli(['sync', 'notion', ...flags], {
          cwd: commentedProject().cwd,
          env: { NOTION_TOKEN, NOTION_BASE_URL: server.url },
        });
      const notAnId = await run(['--data-source', 'Follow-ups 2027']);
      expect(notAnId.stderr).toBe(
        '[runner-up] [notion] `--data-source` expects a Notion id (Copy data source ID, in Notion), got "Follow-ups 2027".\n',
      );
      expect(notAnId.code).toBe(2);
      const url = 'https://www.notion.so/acme/1f2e3d4c5b6a79881726354453627180?v=1';
      const aUrl = await run(['--database', url, '--data-source', SECOND]);
      expect(aUrl.stderr).toBe(
        `[runner-up] [notion] \`--database\` expects a Notion id (the 32 hex characters in the database's URL), got "${url}".\n`,
      );
      expect(aUrl.code).toBe(2);
      const neither = await run([]);
      expect(neither.stderr).toBe(
        '[runner-up] [notion] Missing --database <id> (the database to sync with) or --data-source <id> (one of its data sources).\n',
      );
      expect(neither.code).toBe(2);
      for (const result of [notAnId, aUrl, neither]) {
        expect(result.stdout + result.stderr).not.toContain(NOTION_TOKEN);
      }
      expect(asked).toBe(0);
    } finally {
      await server.close();
    }
  });
});
