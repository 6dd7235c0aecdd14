/**
 * A `Done` tick read back by `runner-up sync` changes the plan (that reminder is done, later steps
 * re-anchor on the new touchpoint). One sync must leave the remote matching that plan, and a dry run
 * must say what the real run would do.
 */
import { copyFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import {
  airtableRemoteView,
  notionRemoteView,
  type RemoteView,
  startAirtableEmulator,
  startNotionEmulator,
} from '@runner-up/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { collect, runCli, scratchDir, spawnCli, waitForStderr } from '../setup/run-cli';
import { AIRTABLE_TOKEN, NOTION_TOKEN, NOW } from '../setup/sync';

const SEED = join(import.meta.dirname, '../../../../examples/seed-story/runner-up.yaml');
const TICKED = 'riverbend-data-migration/thank-you/1';

beforeAll(ensureBuilt, 600_000);

interface Remote {
  args: string[];
  env: Record<string, string>;
  view: RemoteView;
  close(): Promise<void>;
}

const SINKS: Array<{ name: string; start(): Promise<Remote> }> = [
  {
    name: 'notion',
    async start() {
      const emulator = await startNotionEmulator({ token: NOTION_TOKEN });
      return {
        args: ['sync', 'notion', '--database', emulator.databaseId],
        env: { NOTION_TOKEN, NOTION_BASE_URL: emulator.url },
        view: notionRemoteView(emulator),
        close: () => emulator.close(),
      };
    },
  },
  {
    name: 'airtable',
    async start() {
      const emulator = await startAirtableEmulator({ token: AIRTABLE_TOKEN, rateLimit: false });
      return {
        args: ['sync', 'airtable', '--base', emulator.baseId, '--table', 'Reminders'],
        env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: emulator.url },
        view: airtableRemoteView(emulator),
        close: () => emulator.close(),
      };
    },
  },
];

interface Report {
  created: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  requests: number;
  dryRun: boolean;
  completed: Array<{ key: string }>;
  recorded: string[];
}

describe.each(SINKS)('runner-up sync $name after a Done tick', ({ start }) => {
  let remote: Remote | undefined;
  afterEach(async () => {
    await remote?.close();
    remote = undefined;
  });

  /** A seed-story project synced once, with one reminder then ticked Done remotely. */
  async function ticked() {
    remote = await start();
    const cwd = scratchDir();
    const file = join(cwd, 'runner-up.yaml');
    copyFileSync(SEED, file);
    const r = remote;
    const sync = (extra: string[] = []) =>
      runCli([...r.args, '--now', NOW, ...extra], { cwd, env: r.env });
    const first = await sync();
    expect(first.stderr).not.toContain('[runner-up]');
    expect(first.code).toBe(0);
    await r.view.setUserFields(TICKED, { done: true });
    return { file, sync, view: r.view };
  }

  it('records the tick and pushes what it changes in the same run: the next sync writes nothing', async () => {
    const { file, sync, view } = await ticked();
    const before = view.requests().writes;
    const once = await sync();
    expect(once.code).toBe(0);
    expect(once.stdout).toContain('1 new touchpoint recorded in ./runner-up.yaml');
    expect(once.stdout).not.toContain('touchpoints');
    expect(view.requests().writes).toBeGreaterThan(before);
    const row = (await view.rows()).find((r) => r.key === TICKED);
    expect(row).toMatchObject({ status: 'done', done: true });
    expect(readFileSync(file, 'utf8')).toContain(`reminder: ${TICKED}`);

    const writes = view.requests().writes;
    const again = await sync(['--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout) as Report).toMatchObject({
      created: 0,
      updated: 0,
      cancelled: 0,
      recorded: [],
    });
    expect(view.requests().writes).toBe(writes);
  }, 60_000);

  it('records a reminder ticked before its day as done today, not on its future date', async () => {
    const { file, sync, view } = await ticked();
    const today = '2026-12-01'; // NOW in the owner's zone (America/Chicago)
    const future = (await view.rows()).find(
      (row) => row.status === 'upcoming' && row.due.slice(0, 10) > today,
    )!;
    await view.setUserFields(future.key, { done: true });
    expect((await sync()).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').find((l) => l.includes(`reminder: ${future.key}`))!;
    // Notion dates the tick by the page's last edit, Airtable (without `Done at`) by the due date.
    const on = /on: (\d{4}-\d{2}-\d{2})/.exec(line)?.[1];
    expect(on! <= today, `${on} is not after ${today}`).toBe(true);
  }, 60_000);

  it('records no tick on a row a logged touch already made done (regression: it completed the next step too)', async () => {
    remote = await start();
    const cwd = scratchDir();
    const file = join(cwd, 'runner-up.yaml');
    copyFileSync(SEED, file);
    const r = remote;
    const run = (args: string[]) => runCli([...args, '--now', NOW], { cwd, env: r.env });
    expect((await run(r.args)).code).toBe(0);
    const logged = await run(['log', 'riverbend-data-migration', '--channel', 'email']);
    expect(logged.stdout).toContain(`It completes ${TICKED}`);
    expect((await run(r.args)).code).toBe(0);
    // The row shows the reminder done; the user ticks it to agree.
    expect((await r.view.rows()).find((row) => row.key === TICKED)?.status).toBe('done');
    await r.view.setUserFields(TICKED, { done: true });
    const before = readFileSync(file, 'utf8');
    const after = await run([...r.args, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout) as Report).toMatchObject({ recorded: [] });
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Nothing more is done than the one touch logged: the next step is still to do.
    const agenda = await run(['agenda', '--json']);
    const statuses = (JSON.parse(agenda.stdout) as { key: string; status: string }[])
      .filter((x) => x.key.startsWith('riverbend-data-migration/'))
      .map((x) => [x.key, x.status]);
    expect(statuses).toEqual([
      [TICKED, 'done'],
      ['riverbend-data-migration/stay-visible/1', 'upcoming'],
    ]);
  }, 60_000);

  it('reads whether the reminder is done inside the lock: a touch logged while the sync waited for it counts', async () => {
    const { file, view } = await ticked();
    const r = remote!;
    const cwd = dirname(file);
    // Another command holds the lock (a live process: this one) while the sync starts.
    const lock = `${file}.lock`;
    writeFileSync(lock, `${process.pid} ${hostname()} ${Date.now()} other\n`);
    const child = spawnCli([...r.args, '--now', NOW, '--json'], { cwd, env: r.env });
    const done = collect(child);
    await waitForStderr(child, 'holds its lock');
    // Meanwhile the lock's holder records the touch the tick stands for, as `runner-up log`
    // would, then lets go of the lock.
    const text = readFileSync(file, 'utf8');
    const at = '    cadence: runner-up\n\n  # A proposal';
    expect(text).toContain(at);
    writeFileSync(
      file,
      text.replace(
        at,
        '    cadence: runner-up\n    touchpoints:\n      - { on: 2026-12-01, channel: email, with: Priya Raman }\n\n  # A proposal',
      ),
    );
    unlinkSync(lock);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Report).recorded).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toContain(`reminder: ${TICKED}`);
    // The sync wrote the plan with that touch: the tick's row is done, the next step still to do.
    const rows = await view.rows();
    expect(rows.find((row) => row.key === TICKED)?.status).toBe('done');
    expect(rows.find((row) => row.key === 'riverbend-data-migration/stay-visible/1')?.status).toBe(
      'upcoming',
    );
  }, 60_000);

  it('says which tick it could not record because its opportunity left the file, and still syncs (it said nothing)', async () => {
    const { file, sync } = await ticked();
    const text = readFileSync(file, 'utf8');
    // Take the ticked reminder's opportunity (and its comment line) out of the file.
    const start = text.indexOf('  # A six-month contract');
    const end = text.indexOf('  # A proposal that came second');
    writeFileSync(file, text.slice(0, start) + text.slice(end));
    const edited = readFileSync(file, 'utf8');

    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\n1 ticked Done remotely; 0 new touchpoints recorded in \.\/runner-up\.yaml; 1 not recorded, see below\.\n$/,
    );
    expect(result.stderr).toMatch(
      new RegExp(
        `\\[runner-up\\] Warning: the Done tick on ${TICKED} \\(row [^)]+\\) was not recorded: its opportunity \`riverbend-data-migration\` is no longer in \\./runner-up\\.yaml\\. Put the opportunity back to record it, or untick the row\\.\n`,
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const json = await sync(['--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      recorded: [],
      notRecorded: [
        { key: TICKED, opportunityId: 'riverbend-data-migration', reason: 'unknown_opportunity' },
      ],
    });
    expect(json.stderr).toContain(`the Done tick on ${TICKED}`);
  }, 60_000);

  it('--dry-run writes nothing anywhere and reports what the real run then does', async () => {
    const { file, sync, view } = await ticked();
    const text = readFileSync(file, 'utf8');
    const writes = view.requests().writes;
    const dry = await sync(['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(view.requests().writes).toBe(writes);
    const predicted = JSON.parse(dry.stdout) as Report;
    expect(predicted).toMatchObject({ dryRun: true, recorded: [TICKED] });
    expect(predicted.updated).toBeGreaterThan(0);

    const plain = await sync(['--dry-run']);
    expect(plain.stdout).toContain('1 new touchpoint would be recorded in ./runner-up.yaml');
    expect(plain.stdout).not.toContain('would make');
    expect(readFileSync(file, 'utf8')).toBe(text);

    const real = JSON.parse((await sync(['--json'])).stdout) as Report;
    const counts = ({ created, updated, unchanged, cancelled }: Report) => ({
      created,
      updated,
      unchanged,
      cancelled,
    });
    expect(counts(real)).toEqual(counts(predicted));
    expect(real).toMatchObject({ dryRun: false, recorded: [TICKED] });
  }, 60_000);
});

describe('runner-up sync notion, a Done tick when the plan is empty', () => {
  it("dates the tick in the owner's zone, not in UTC", async () => {
    // Ticked at 03:00 UTC on 2026-12-01: still the evening of 2026-11-30 in Chicago. Then the one
    // opportunity is won, so its reminders leave the plan and nothing in it carries the zone: the
    // CLI passes the owner's zone to the sink (it used to date the tick 2026-12-01, in UTC).
    const emulator = await startNotionEmulator({
      token: NOTION_TOKEN,
      now: () => Date.parse('2026-12-01T03:00:00Z'),
    });
    try {
      const cwd = scratchDir();
      const file = join(cwd, 'runner-up.yaml');
      const yaml = [
        'version: 1',
        'owner: { name: Lynne, timezone: America/Chicago, at: "09:30" }',
        'opportunities:',
        '  - id: acme-pm',
        '    organization: Acme',
        '    title: PM',
        '    dates: { decided: 2026-11-20 }',
        '    contacts: [{ name: Dana Lee }]',
        '',
      ].join('\n');
      writeFileSync(file, yaml);
      const env = { NOTION_TOKEN, NOTION_BASE_URL: emulator.url };
      const args = ['sync', 'notion', '--database', emulator.databaseId, '--now', NOW];
      expect((await runCli(args, { cwd, env })).code).toBe(0);
      const view = notionRemoteView(emulator);
      const key = 'acme-pm/thank-you/1';
      await view.setUserFields(key, { done: true });
      writeFileSync(file, yaml.replace('    title: PM\n', '    title: PM\n    status: won\n'));
      const second = await runCli(args, { cwd, env });
      expect(second.code, second.stderr).toBe(0);
      const line = readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.includes(`reminder: ${key}`));
      expect(line).toContain('on: 2026-11-30');
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
