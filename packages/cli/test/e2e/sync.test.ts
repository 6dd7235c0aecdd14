import { copyFileSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AirtableEmulator,
  type NotionEmulator,
  startAirtableEmulator,
  startNotionEmulator,
} from '@runner-up/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../setup/ensure-built';
import { runCli, scratchDir } from '../setup/run-cli';
import { AIRTABLE_TOKEN, NOTION_TOKEN, NOW } from '../setup/sync';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');

beforeAll(ensureBuilt, 600_000);

function project(): { cwd: string; file: string } {
  const cwd = scratchDir();
  const file = join(cwd, 'runner-up.yaml');
  copyFileSync(FIXTURE, file);
  return { cwd, file };
}

type Touchpoint = { reminder?: string; on: string; channel: string };
const touchpoints = (file: string): Touchpoint[] =>
  parse(readFileSync(file, 'utf8')).opportunities.flatMap(
    (o: { touchpoints?: Touchpoint[] }) => o.touchpoints ?? [],
  );

/**
 * The first page of a reminder still to do: a tick on one a touchpoint already completed (the
 * fixture's thank-you) records nothing.
 */
function pendingPage(emulator: NotionEmulator): { id: string } {
  const page = emulator
    .pages()
    .find(
      (p) =>
        (p.properties as { Status?: { select?: { name?: string } } }).Status?.select?.name !==
        'done',
    );
  return page as { id: string };
}

interface Report {
  sink: string;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  completed: Array<{ key: string }>;
  recorded: string[];
}

describe('runner-up sync notion', () => {
  let emulator: NotionEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  const sync = (cwd: string, extra: string[] = [], env: Record<string, string> = {}) =>
    runCli(
      ['sync', 'notion', '--database', emulator!.databaseId, '--now', NOW, '--json', ...extra],
      {
        cwd,
        env: { NOTION_TOKEN, NOTION_BASE_URL: emulator!.url, ...env },
      },
    );

  it('creates the rows, then makes no write on a second run', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const { cwd } = project();
    const first = await sync(cwd);
    expect(first.stderr).not.toContain('[runner-up]');
    expect(first.code).toBe(0);
    // One line, as every other --json result.
    expect(first.stdout).toMatch(/^\{.*\}\n$/);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.sink).toBe('notion');
    expect(report.created).toBeGreaterThan(0);
    expect(emulator.pages()).toHaveLength(report.created);
    const writes = emulator.requests.writes;
    const second = JSON.parse((await sync(cwd)).stdout) as Report;
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: report.created });
    expect(emulator.requests.writes).toBe(writes);
  });

  it('prints a summary on stdout and plain progress lines on stderr when not on a terminal', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const { cwd } = project();
    const result = await runCli(
      ['sync', 'notion', '--database', emulator.databaseId, '--now', NOW],
      {
        cwd,
        env: { NOTION_TOKEN, NOTION_BASE_URL: emulator.url },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^✓ notion: \d+ created, 0 updated, 0 unchanged, 0 cancelled; made \d+ requests\.\n$/,
    );
    const progress = result.stderr.trimEnd().split('\n');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toBe('[notion] read 0 rows');
    for (const line of progress.slice(1)) expect(line).toMatch(/^\[notion\] writing \d+\/\d+$/);
    // Counted up to every row it created, out of that many.
    const created = Number(/(\d+) created/.exec(result.stdout)![1]);
    expect(progress.at(-1)).toBe(`[notion] writing ${created}/${created}`);
    expect(result.stderr).not.toContain('\r');
  });

  it('--dry-run reports what it would create and writes nothing', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const { cwd, file } = project();
    const before = readFileSync(file, 'utf8');
    const result = await sync(cwd, ['--dry-run']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.dryRun).toBe(true);
    expect(report.created).toBeGreaterThan(0);
    expect(emulator.pages()).toHaveLength(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('records a row ticked Done as a touchpoint, once', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const { cwd, file } = project();
    expect((await sync(cwd)).code).toBe(0);
    const page = pendingPage(emulator);
    emulator.editPage(page.id, { Done: { checkbox: true } });
    const second = JSON.parse((await sync(cwd)).stdout) as Report;
    expect(second.completed).toHaveLength(1);
    const key = second.completed[0]!.key;
    expect(second.recorded).toEqual([key]);
    expect(touchpoints(file).filter((t) => t.reminder === key)).toHaveLength(1);
    const third = JSON.parse((await sync(cwd)).stdout) as Report;
    expect(third.recorded).toEqual([]);
    expect(touchpoints(file).filter((t) => t.reminder === key)).toHaveLength(1);
    expect(readFileSync(file, 'utf8').match(/# comment:/g)).toHaveLength(26);
  });

  it('records a Done tick through a symbolic link in the file it points at, keeping the link', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const cwd = scratchDir();
    mkdirSync(join(cwd, 'data'));
    const file = join(cwd, 'data', 'runner-up.yaml');
    copyFileSync(FIXTURE, file);
    symlinkSync(join('data', 'runner-up.yaml'), join(cwd, 'link.yaml'));
    expect((await sync(cwd, ['-f', 'link.yaml'])).code).toBe(0);
    const page = pendingPage(emulator);
    emulator.editPage(page.id, { Done: { checkbox: true } });
    const second = JSON.parse((await sync(cwd, ['-f', 'link.yaml'])).stdout) as Report;
    expect(second.recorded).toHaveLength(1);
    expect(lstatSync(join(cwd, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(touchpoints(file).filter((t) => t.reminder === second.recorded[0])).toHaveLength(1);
  });

  it('exits 1 when Notion rejects the token, without printing it', async () => {
    emulator = await startNotionEmulator({ token: 'secret_the_right_one_0000' });
    const { cwd } = project();
    const result = await sync(cwd, ['--debug']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[runner-up\]/);
    expect(result.stdout + result.stderr).not.toContain(NOTION_TOKEN);
  });

  it('exits 2 when NOTION_TOKEN is missing', async () => {
    emulator = await startNotionEmulator({ token: NOTION_TOKEN });
    const { cwd } = project();
    const result = await runCli(['sync', 'notion', '--database', emulator.databaseId], {
      cwd,
      env: { NOTION_BASE_URL: emulator.url },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing NOTION_TOKEN');
  });
});

describe('runner-up sync airtable', () => {
  let emulator: AirtableEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  const sync = (cwd: string, extra: string[] = []) =>
    runCli(
      [
        'sync',
        'airtable',
        '--base',
        emulator!.baseId,
        '--table',
        'Reminders',
        '--now',
        NOW,
        '--json',
        ...extra,
      ],
      { cwd, env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: emulator!.url } },
    );

  it('creates the records, records a Done tick once, and makes no write when nothing changed', async () => {
    emulator = await startAirtableEmulator({ token: AIRTABLE_TOKEN, rateLimit: false });
    const { cwd, file } = project();
    const first = await sync(cwd);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.created).toBeGreaterThan(0);
    const records = emulator.state.records('Reminders');
    expect(records).toHaveLength(report.created);
    // A reminder still to do: a tick on one a touchpoint already completed records nothing.
    const pending = records.find((record) => record.fields.Status !== 'done')!;
    emulator.state.update('Reminders', pending.id, { Done: true });
    const second = JSON.parse((await sync(cwd)).stdout) as Report;
    expect(second.completed).toHaveLength(1);
    expect(second.recorded).toEqual([second.completed[0]!.key]);
    expect(touchpoints(file).filter((t) => t.reminder === second.completed[0]!.key)).toHaveLength(
      1,
    );
    // The recorded touch changes the plan (that reminder is done, later steps re-anchor): the
    // run that recorded it pushed that too, so the next one has nothing left to write.
    const writes = emulator.requests.writes;
    const third = JSON.parse((await sync(cwd)).stdout) as Report;
    expect(third).toMatchObject({ created: 0, updated: 0, recorded: [] });
    expect(emulator.requests.writes).toBe(writes);
  });

  it('exits 1 when Airtable rejects the token, without printing it', async () => {
    emulator = await startAirtableEmulator({ token: 'patTheRightOne.000000', rateLimit: false });
    const result = await sync(project().cwd, ['--debug']);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(AIRTABLE_TOKEN);
  });
});
