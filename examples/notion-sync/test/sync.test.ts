import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { notionRemoteView, startNotionEmulator } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { formatReport, syncPipeline } from '../src/sync';

const root = fileURLToPath(new URL('..', import.meta.url));
const text = readFileSync(new URL('../runner-up.yaml', import.meta.url), 'utf8');
const NOW = '2026-12-01T09:00:00Z';

describe('the Notion sync example', () => {
  it('creates the plan, reads back a Done tick, and writes nothing the second time', async () => {
    const emulator = await startNotionEmulator();
    try {
      const options = {
        text,
        now: NOW,
        auth: emulator.token,
        databaseId: emulator.databaseId,
        baseUrl: emulator.url,
      };
      const dry = await syncPipeline({ ...options, dryRun: true });
      expect(emulator.requests.writes).toBe(0);
      const first = await syncPipeline(options);
      expect(first.created).toBe(dry.created);
      expect(first.created).toBeGreaterThan(3);
      const remote = notionRemoteView(emulator);
      const rows = await remote.rows();
      expect(rows).toHaveLength(first.created);
      expect(new Set(rows.map((row) => row.organization))).toEqual(
        new Set(['Northwind Analytics', 'Riverbank Clinic']),
      );

      const ticked = rows.find((row) => row.key.startsWith('riverbank-clinic-it-lead/'))!;
      await remote.setUserFields(ticked.key, { done: true, notes: 'Left Tom a voicemail.' });
      const writes = emulator.requests.writes;
      const second = await syncPipeline(options);
      expect(emulator.requests.writes).toBe(writes);
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: first.created });
      expect(second.completed.map((done) => done.key)).toEqual([ticked.key]);
      expect(formatReport(second)).toContain(`Done in Notion: ${ticked.key} on `);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('runs as a script against the emulator', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--conditions=@runner-up/source',
        '--import',
        'tsx',
        'src/sync.ts',
        '--emulator',
        '--now',
        NOW,
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(
      /^Synced to Notion: \d+ created, 0 updated, 0 unchanged, 0 cancelled/,
    );
  }, 60_000);
});
