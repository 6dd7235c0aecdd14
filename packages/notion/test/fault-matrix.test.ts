import type { Reminder } from '@runner-up/core';
import { buildReminders, changeReminder, FAULT_KINDS, type RemoteRow } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { notionFixture } from './harness';

const TOTAL = 300;

function expectOneRowPerKey(rows: RemoteRow[], reminders: readonly Reminder[]) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + 1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  for (const reminder of reminders) {
    const row = byKey.get(reminder.key);
    expect(row, reminder.key).toBeDefined();
    expect(row!.name).toBe(reminder.title);
    expect(Date.parse(row!.due)).toBe(Date.parse(reminder.due));
    expect(row!.status).toBe(reminder.status);
  }
}

describe('Notion sync under faults', () => {
  it.each(FAULT_KINDS)(
    'converges with one row per key and keeps user edits when %s hits 20% of requests and a run crashes midway',
    async (kind) => {
      const fixture = await notionFixture({
        faults: { probability: 0.2, kinds: [kind], seed: 20261130 },
      });
      const { sink, remote, emulator } = fixture;
      try {
        const all = buildReminders(TOTAL);
        const first = all.slice(0, 150);
        const report = await sink.sync(first);
        expect(report.created).toBe(150);
        expect(report.retries).toBeGreaterThan(0);
        expectOneRowPerKey(await remote.rows(), first);

        // The user works in Notion between runs.
        for (const reminder of first.slice(0, 10)) {
          await remote.setUserFields(reminder.key, { notes: `called about ${reminder.key}` });
        }
        for (const reminder of first.slice(10, 15))
          await remote.setUserFields(reminder.key, { done: true });

        // The plan moves on: 20 retitled, 10 dropped, 150 new.
        const removed = new Set(first.slice(140).map((r) => r.key));
        const next = all
          .filter((r) => !removed.has(r.key))
          .map((r, i) =>
            i >= 20 && i < 40 ? changeReminder(r, { title: `${r.title} (new angle)` }) : r,
          );

        const crashed = await fixture.crashingSink!(120)
          .sync(next)
          .then(
            () => false,
            () => true,
          );
        expect(crashed).toBe(true);
        expect(emulator.pages().length).toBeGreaterThan(150);
        expect(emulator.pages().length).toBeLessThan(TOTAL);

        await sink.sync(next);
        const rows = await remote.rows();
        expect(rows).toHaveLength(TOTAL);
        expectOneRowPerKey(
          rows.filter((row) => !removed.has(row.key)),
          next,
        );
        for (const row of rows) {
          if (removed.has(row.key)) expect(row.status).toBe('cancelled');
        }
        for (const reminder of first.slice(0, 10)) {
          expect(rows.find((r) => r.key === reminder.key)?.notes).toBe(
            `called about ${reminder.key}`,
          );
        }
        for (const reminder of first.slice(10, 15)) {
          expect(rows.find((r) => r.key === reminder.key)?.done).toBe(true);
        }

        const writesBefore = emulator.requests.writes;
        const rerun = await sink.sync(next);
        expect(emulator.requests.writes).toBe(writesBefore);
        expect(rerun).toMatchObject({
          created: 0,
          updated: 0,
          cancelled: 0,
          unchanged: next.length,
        });
        expect(rerun.completed.map((c) => c.key).sort()).toEqual(
          first
            .slice(10, 15)
            .map((r) => r.key)
            .sort(),
        );
      } finally {
        await fixture.teardown();
      }
    },
    60_000,
  );
});
