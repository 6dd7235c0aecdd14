import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { airtableRemoteView, startAirtableEmulator } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { formatReport, syncPipeline } from '../src/sync';

const root = fileURLToPath(new URL('..', import.meta.url));
const text = readFileSync(new URL('../runner-up.yaml', import.meta.url), 'utf8');
const NOW = '2026-12-01T09:00:00Z';

describe('the Airtable sync example', () => {
  it('creates the plan, reads back a Done tick, and writes nothing the second time', async () => {
    const emulator = await startAirtableEmulator({ rateLimit: false });
    try {
      const options = {
        text,
        now: NOW,
        token: emulator.token,
        baseId: emulator.baseId,
        endpointUrl: emulator.url,
      };
      const first = await syncPipeline(options);
      expect(first.created).toBeGreaterThan(3);
      const remote = airtableRemoteView(emulator);
      const rows = await remote.rows();
      expect(rows).toHaveLength(first.created);
      expect(new Set(rows.map((row) => row.organization))).toEqual(
        new Set(['Harbor Logistics', 'City Library']),
      );

      const ticked = rows.find((row) => row.key.startsWith('harbor-logistics-analyst/'))!;
      await remote.setUserFields(ticked.key, { done: true, notes: 'Wrote to Jonas.' });
      const writes = emulator.requests.writes;
      const second = await syncPipeline(options);
      expect(emulator.requests.writes).toBe(writes);
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: first.created });
      expect(second.completed.map((done) => done.key)).toEqual([ticked.key]);
      expect(formatReport(second)).toContain(`Done in Airtable: ${ticked.key} on `);
    } finally {
      await emulator.close();
    }
  });

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
      /^Synced to Airtable: \d+ created, 0 updated, 0 unchanged, 0 cancelled \(\d+ requests\)\.$/m,
    );
  }, 60_000);
});
