import type { Completion, Reminder, SyncOptions, SyncReport } from '@runner-up/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReminders, changeReminder } from './reminders.js';
import { type RemoteView, writesDuring } from './sink-contract.js';

/** The `replan` option both sinks accept: a new plan once the Done ticks are known. */
export type Replan = (
  completed: readonly Completion[],
) => readonly Reminder[] | undefined | Promise<readonly Reminder[] | undefined>;

/** A sync function that takes `replan`, wired to a fresh remote. */
export interface ReplanFixture {
  sync(
    reminders: readonly Reminder[],
    options?: SyncOptions & { replan?: Replan },
  ): Promise<SyncReport>;
  remote: RemoteView;
  teardown(): Promise<void>;
}

/**
 * Tests a sink's `replan` option: asked once, after reading and before writing, when rows are
 * ticked Done; the plan it returns is the one written (or, in a dry run, reported).
 */
export function runReplanTests(name: string, setup: () => Promise<ReplanFixture>): void {
  describe(`${name}: replan`, () => {
    let fixture: ReplanFixture | undefined;
    afterEach(async () => {
      await fixture?.teardown();
      fixture = undefined;
    });

    /** Three reminders synced, the first ticked Done; `done` is the plan that records it. */
    async function tickedFirst() {
      fixture = await setup();
      const reminders = buildReminders(3);
      await fixture.sync(reminders);
      const key = reminders[0]!.key;
      await fixture.remote.setUserFields(key, { done: true });
      const done = reminders.map((r) =>
        r.key === key ? changeReminder(r, { status: 'done' }) : r,
      );
      const asked: string[][] = [];
      const replan: Replan = (completed) => {
        asked.push(completed.map((c) => c.key));
        return done;
      };
      return { fixture, reminders, key, done, asked, replan };
    }

    it('writes the plan replan returns in the same run, so the next run writes nothing', async () => {
      const { fixture, reminders, key, done, asked, replan } = await tickedFirst();
      const report = await fixture.sync(reminders, { replan });
      expect(asked).toEqual([[key]]);
      expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2, cancelled: 0 });
      expect(report.completed.map((c) => c.key)).toEqual([key]);
      expect((await fixture.remote.rows()).find((r) => r.key === key)?.status).toBe('done');
      expect(await writesDuring(fixture.remote, () => fixture.sync(done))).toBe(0);
    });

    it('asks replan in a dry run too, reports for its plan and writes nothing', async () => {
      const { fixture, reminders, key, asked, replan } = await tickedFirst();
      let report: SyncReport | undefined;
      const writes = await writesDuring(fixture.remote, async () => {
        report = await fixture.sync(reminders, { dryRun: true, replan });
      });
      expect(writes).toBe(0);
      expect(asked).toEqual([[key]]);
      expect(report).toMatchObject({ updated: 1, unchanged: 2, dryRun: true });
    });

    it('keeps the plan when replan returns nothing, and is not asked without a tick', async () => {
      fixture = await setup();
      const reminders = buildReminders(2);
      const asked: number[] = [];
      const replan: Replan = (completed) => {
        asked.push(completed.length);
        return undefined;
      };
      expect(await fixture.sync(reminders, { replan })).toMatchObject({ created: 2 });
      expect(asked).toEqual([]);
      await fixture.remote.setUserFields(reminders[1]!.key, { done: true });
      expect(await fixture.sync(reminders, { replan })).toMatchObject({ updated: 0, unchanged: 2 });
      expect(asked).toEqual([1]);
    });
  });
}
