import { airtableSink } from '@runner-up/airtable';
import {
  airtableRemoteView,
  buildReminders,
  FAULT_KINDS,
  type FaultKind,
  startAirtableEmulator,
} from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { FAST, FAST_EMULATOR } from './harness';

const COUNT = 500;

async function expectOneRecordPerKey(
  emulator: Awaited<ReturnType<typeof startAirtableEmulator>>,
  keys: string[],
) {
  const rows = await airtableRemoteView(emulator).rows();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + 1);
  expect(rows).toHaveLength(keys.length);
  for (const key of keys) expect(counts.get(key), key).toBe(1);
}

describe(`fault matrix at ${COUNT} reminders`, () => {
  it.each(FAULT_KINDS.map((kind) => [kind]))(
    'converges with %s on 20% of requests, then a crash mid-run and a rerun',
    async (kind: FaultKind) => {
      const emulator = await startAirtableEmulator({
        ...FAST_EMULATOR,
        penaltySeconds: 0.02,
        timeoutHoldMs: 300,
        faults: { probability: 0.2, kinds: [kind], seed: 7 },
      });
      try {
        const reminders = buildReminders(COUNT);
        const keys = reminders.map((r) => r.key);
        const options = {
          ...FAST,
          timeoutMs: 200,
          rateLimitWaitMs: 20,
          maxRetries: 10,
          token: emulator.token,
          baseId: emulator.baseId,
          table: 'Reminders',
          endpointUrl: emulator.url,
        };
        const report = await airtableSink(options).sync(reminders);
        expect(report.created).toBe(COUNT);
        expect(report.retries).toBeGreaterThan(0);
        await expectOneRecordPerKey(emulator, keys);

        // A new plan (every title changed, 50 reminders gone, 50 new) synced by a process that dies
        // after 20 requests, then a rerun.
        const next = buildReminders(COUNT + 50, { prefix: 'opp' })
          .slice(50)
          .map((r) => ({ ...r, title: `${r.title} v2` }));
        let sent = 0;
        const crashing = airtableSink({
          ...options,
          maxRetries: 0,
          fetch: (input, init) => {
            sent += 1;
            return sent > 20 ? Promise.reject(new Error('process crashed')) : fetch(input, init);
          },
        });
        await expect(crashing.sync(next)).rejects.toMatchObject({ name: 'RunnerUpError' });
        const rerun = await airtableSink(options).sync(next);
        expect(rerun.cancelled + rerun.updated + rerun.created).toBeGreaterThan(0);
        const rows = await airtableRemoteView(emulator).rows();
        const byKey = new Map(rows.map((row) => [row.key, row]));
        expect(rows).toHaveLength(COUNT + 50);
        expect(new Set(rows.map((row) => row.key)).size).toBe(COUNT + 50);
        for (const reminder of next) expect(byKey.get(reminder.key)?.name).toBe(reminder.title);
        for (const reminder of reminders.slice(0, 50))
          expect(byKey.get(reminder.key)?.status).toBe('cancelled');

        const writes = emulator.requests.writes;
        const last = await airtableSink(options).sync(next);
        expect(last).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: COUNT });
        expect(emulator.requests.writes).toBe(writes);
        expect(emulator.log.filter((entry) => (entry.records ?? 0) > 10)).toEqual([]);
      } finally {
        await emulator.close();
      }
    },
    60_000,
  );
});
