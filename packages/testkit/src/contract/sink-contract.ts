import {
  isRunnerUpError,
  type Reminder,
  type Sink,
  type SyncOptions,
  type SyncReport,
} from '@runner-up/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../emulator/faults.js';
import { buildReminders, changeReminder } from './reminders.js';

/** The fields a {@link RemoteRow} is read from, by their default names (a `fieldMap` renames them). */
export type RemoteField =
  | 'Name'
  | 'Key'
  | 'Due'
  | 'Opportunity'
  | 'Organization'
  | 'Contact'
  | 'Action'
  | 'Status'
  | 'Why'
  | 'Done'
  | 'Notes';

/**
 * One remote row as the contract suite reads it, whatever the service. Every sink keeps `key`,
 * `name` and `due`; a sink that declares `cancel` keeps `status`, one that declares `completions`
 * keeps `done`. Leave out (`undefined`) a field the service has no place for: the suite checks
 * the fields a row carries, and skips the checks about a user field no row carries.
 */
export interface RemoteRow {
  /** The service's id of the row: two rows carrying one key have two ids. */
  id: string;
  /** The reminder's key, the upsert key. */
  key: string;
  /** The reminder's title. */
  name: string;
  /** The due time, as an ISO instant (compared as an instant, so any offset is fine). */
  due: string;
  /** The reminder's status; required when the sink declares `cancel`. */
  status?: string;
  /** The user's Done tick; required when the sink declares `completions`. */
  done?: boolean;
  /** The user's notes, when the service has a place for them. */
  notes?: string;
  opportunity?: string;
  organization?: string;
  /** The contact's name, `''` when the reminder has none. */
  contact?: string;
  action?: string;
  why?: string;
}

/** The suite's window on the remote service, bypassing the sink (and not counted as requests). */
export interface RemoteView {
  rows(): Promise<RemoteRow[]>;
  /**
   * Edits the user-owned fields, as a person would in the service's UI. A field the service has
   * no place for (no `Notes` column) is ignored.
   */
  setUserFields(key: string, fields: { done?: boolean; notes?: string }): Promise<void>;
  /** Edits a runner-up-owned field by hand (the next sync should put it back). */
  editOwnedField?(key: string, field: 'Name', value: string): Promise<void>;
  /**
   * Copies the row carrying `key`, as a person duplicating it by hand, then sets `userFields` on
   * the copy only (a tick on the copy rather than on the row itself). Leave it out for a service
   * that holds one row per key (the duplicate checks are skipped).
   */
  duplicateRow?(key: string, userFields?: { done?: boolean }): Promise<void>;
  /** Requests the sinks made so far, by kind. */
  requests(): { reads: number; writes: number };
  /**
   * Faults the remote injected so far from the suite's {@link FaultPlan} (all kinds together), so
   * the fault check asks for one retry per fault the sink met. Without it, the suite asks for one.
   */
  faultsInjected?(): number;
  /** The most records one write request carried so far, when the service can tell. */
  largestWrite?(): number;
}

/** A sink wired to a fresh remote. */
export interface SinkFixture {
  sink: Sink;
  remote: RemoteView;
  teardown(): Promise<void>;
  /** A sink over the same remote whose requests fail from request n on, to simulate a crash. */
  crashingSink?(afterRequests: number): Sink;
}

/** How the suite gets a fresh sink and remote for each test. */
export interface SinkHarness {
  name: string;
  setup(options?: { faults?: FaultPlan }): Promise<SinkFixture>;
}

const COUNT = 12;

/** The writes the sink made to `remote` while `run` ran, as counted by {@link RemoteView.requests}. */
export const writesDuring = async (remote: RemoteView, run: () => Promise<unknown>) => {
  const before = remote.requests().writes;
  await run();
  return remote.requests().writes - before;
};

const byKey = (rows: RemoteRow[]) => {
  const map = new Map<string, RemoteRow[]>();
  for (const row of rows) map.set(row.key, [...(map.get(row.key) ?? []), row]);
  return map;
};

/** Asserts the remote holds exactly one row per reminder, carrying the reminder's values. */
async function expectInStep(sink: Sink, remote: RemoteView, reminders: readonly Reminder[]) {
  const rows = await remote.rows();
  const keyed = byKey(rows);
  for (const reminder of reminders) {
    const found = keyed.get(reminder.key) ?? [];
    expect(found, `rows for ${reminder.key}`).toHaveLength(1);
    expectRowMatches(sink, found[0]!, reminder);
  }
  return rows;
}

/**
 * Asserts `row` carries `reminder`: its title and due time always, its status when the sink
 * declares `cancel`, and every other field the row carries.
 */
function expectRowMatches(sink: Sink, row: RemoteRow, reminder: Reminder) {
  const at = (field: string) => `${reminder.key}: ${field}`;
  expect(row.name, at('name')).toBe(reminder.title);
  expect(Date.parse(row.due), at('due')).toBe(Date.parse(reminder.due));
  if (sink.capabilities?.cancel)
    expect(row.status, at('status (kept by a sink that declares `cancel`)')).toBeTypeOf('string');
  if (sink.capabilities?.completions)
    expect(row.done, at('done (kept by a sink that declares `completions`)')).toBeTypeOf('boolean');
  const optional: Partial<Record<keyof RemoteRow, string>> = {
    status: reminder.status,
    opportunity: reminder.opportunityId,
    organization: reminder.organization,
    contact: reminder.contact?.name ?? '',
    action: reminder.action,
    why: reminder.why,
  };
  for (const [field, value] of Object.entries(optional) as Array<[keyof RemoteRow, string]>)
    if (row[field] !== undefined) expect(row[field], at(field)).toBe(value);
}

/** Asserts the user fields `row` carries hold `expected`; a field the service lacks is skipped. */
function expectUserFields(row: RemoteRow, expected: { done: boolean; notes: string }) {
  if (row.done !== undefined) expect(row.done, `${row.key}: done`).toBe(expected.done);
  if (row.notes !== undefined) expect(row.notes, `${row.key}: notes`).toBe(expected.notes);
}

const expectAborted = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isRunnerUpError(error), `expected a RunnerUpError, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe('aborted');
};

/**
 * The contract every sink passes: registers vitest `describe`/`it` blocks. Call it from a test
 * file with a harness that starts the service's emulator (or the live service).
 */
export function runSinkContract(harness: SinkHarness): void {
  describe(`sink contract: ${harness.name}`, () => {
    let fixture: SinkFixture | undefined;
    const start = async (options?: { faults?: FaultPlan }) => {
      fixture = await harness.setup(options);
      return fixture;
    };
    afterEach(async () => {
      await fixture?.teardown();
      fixture = undefined;
    });

    it('creates one row per reminder on the first sync', async () => {
      const { sink, remote } = await start();
      const reminders = buildReminders(COUNT);
      const report = await sink.sync(reminders);
      expect(report).toMatchObject({
        sink: sink.name,
        created: COUNT,
        updated: 0,
        unchanged: 0,
        cancelled: 0,
        dryRun: false,
      });
      expect(report.completed).toEqual([]);
      expect(report.duplicates).toEqual([]);
      expect(report.requests).toBeGreaterThan(0);
      const rows = await expectInStep(sink, remote, reminders);
      expect(rows).toHaveLength(COUNT);
      for (const row of rows) expectUserFields(row, { done: false, notes: '' });
    });

    it('makes zero writes on a second sync with no change', async () => {
      const { sink, remote } = await start();
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      let report: SyncReport | undefined;
      const writes = await writesDuring(remote, async () => {
        report = await sink.sync(reminders);
      });
      expect(writes).toBe(0);
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: COUNT, cancelled: 0 });
      await expectInStep(sink, remote, reminders);
    });

    it('reports what it would do in a dry run and writes nothing', async (context) => {
      const { sink, remote } = await start();
      if (!sink.capabilities?.dryRun) context.skip();
      const reminders = buildReminders(COUNT);
      let dry: SyncReport | undefined;
      const writes = await writesDuring(remote, async () => {
        dry = await sink.sync(reminders, { dryRun: true });
      });
      expect(writes).toBe(0);
      expect(await remote.rows()).toEqual([]);
      const real = await sink.sync(reminders);
      expect(dry).toMatchObject({
        created: real.created,
        updated: real.updated,
        unchanged: real.unchanged,
        cancelled: real.cancelled,
        dryRun: true,
      });
      const changed = [
        changeReminder(reminders[0]!, { title: 'A new title' }),
        ...reminders.slice(1, -1),
      ];
      const dryChange = await writesDuring(remote, async () => {
        dry = await sink.sync(changed, { dryRun: true });
      });
      expect(dryChange).toBe(0);
      expect(dry).toMatchObject({ created: 0, updated: 1, unchanged: COUNT - 2, cancelled: 1 });
      await expectInStep(sink, remote, reminders);
    });

    it('updates only the rows whose reminder changed and leaves Done and Notes alone', async () => {
      const { sink, remote } = await start();
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      await remote.setUserFields(reminders[1]!.key, { notes: 'Called, left a message' });
      await remote.setUserFields(reminders[2]!.key, { done: true, notes: 'Sent' });
      const next = reminders.map((r, i) =>
        i === 1
          ? changeReminder(r, { title: `${r.title} (rescheduled)` })
          : i === 2
            ? changeReminder(r, {
                due: '2027-06-01T14:30:00.000Z',
                local: { date: '2027-06-01', time: '09:30', timezone: 'America/Chicago' },
              })
            : r,
      );
      const before = new Map((await remote.rows()).map((row) => [row.key, row]));
      const report = await sink.sync(next);
      expect(report).toMatchObject({ created: 0, updated: 2, unchanged: COUNT - 2, cancelled: 0 });
      const rows = await expectInStep(sink, remote, next);
      for (const row of rows) {
        if (row.key === next[1]!.key)
          expectUserFields(row, { notes: 'Called, left a message', done: false });
        else if (row.key === next[2]!.key) expectUserFields(row, { notes: 'Sent', done: true });
        else expect(row).toEqual(before.get(row.key));
      }
    });

    it('puts back a runner-up-owned field edited by hand', async (context) => {
      const { sink, remote } = await start();
      if (!remote.editOwnedField) context.skip();
      const reminders = buildReminders(3);
      await sink.sync(reminders);
      await remote.editOwnedField!(reminders[0]!.key, 'Name', 'Edited by hand');
      const report = await sink.sync(reminders);
      expect(report).toMatchObject({ updated: 1, unchanged: 2 });
      await expectInStep(sink, remote, reminders);
    });

    it('keeps the row of a reminder that left the plan', async () => {
      const { sink, remote } = await start();
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      const report = await sink.sync(reminders.slice(0, -1));
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: COUNT - 1 });
      const rows = await remote.rows();
      expect(rows).toHaveLength(COUNT);
      expect(rows.map((row) => row.key)).toContain(reminders[COUNT - 1]!.key);
    });

    it('marks a vanished reminder cancelled, never deletes it, and revives it when it returns', async (context) => {
      const { sink, remote } = await start();
      if (!sink.capabilities?.cancel) context.skip();
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      const gone = reminders[COUNT - 1]!;
      const report = await sink.sync(reminders.slice(0, -1));
      expect(report).toMatchObject({ created: 0, updated: 0, cancelled: 1, unchanged: COUNT - 1 });
      let rows = await remote.rows();
      expect(rows).toHaveLength(COUNT);
      expect(rows.find((row) => row.key === gone.key)?.status).toBe('cancelled');

      const writes = await writesDuring(remote, () => sink.sync(reminders.slice(0, -1)));
      expect(writes).toBe(0);

      const revived = await sink.sync(reminders);
      expect(revived).toMatchObject({ created: 0, updated: 1, cancelled: 0 });
      rows = await expectInStep(sink, remote, reminders);
      expect(rows).toHaveLength(COUNT);
    });

    it('reports a row ticked Done as a completion and never unticks it', async (context) => {
      const { sink, remote } = await start();
      if (!sink.capabilities?.completions) context.skip();
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      const ticked = reminders[4]!;
      await remote.setUserFields(ticked.key, { done: true });
      for (let run = 0; run < 2; run++) {
        const report = await sink.sync(reminders);
        expect(report.completed.map((c) => c.key)).toEqual([ticked.key]);
        expect(report.completed[0]).toMatchObject({
          key: ticked.key,
          opportunityId: ticked.opportunityId,
          stepId: ticked.stepId,
          occurrence: ticked.occurrence,
        });
        expect(report.completed[0]!.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const row = (await remote.rows()).find((r) => r.key === ticked.key);
        expect(row?.done).toBe(true);
      }
    });

    it('reports a Done tick on a copy of a row made by hand, as on the row itself', async (context) => {
      const { sink, remote } = await start();
      if (!sink.capabilities?.completions) context.skip();
      if (!remote.duplicateRow) context.skip('the remote holds one row per key');
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      const copied = reminders[6]!;
      await remote.duplicateRow!(copied.key, { done: true });
      const report = await sink.sync(reminders);
      expect(report.completed.map((c) => c.key)).toEqual([copied.key]);
      expect(report.completed[0]).toMatchObject({
        opportunityId: copied.opportunityId,
        stepId: copied.stepId,
        occurrence: copied.occurrence,
      });
      expect(report.duplicates.map((d) => d.key)).toEqual([copied.key]);
      const ticks = (await remote.rows()).filter((r) => r.key === copied.key).map((r) => r.done);
      expect(ticks.sort()).toEqual([false, true]);
    });

    it('never writes Notes, even when the reminder changes', async (context) => {
      const { sink, remote } = await start();
      const reminders = buildReminders(3);
      await sink.sync(reminders);
      if ((await remote.rows()).every((row) => row.notes === undefined))
        context.skip('the remote keeps no notes');
      const notes = 'Dana said to try again in March.\nSecond line.';
      await remote.setUserFields(reminders[0]!.key, { notes });
      await sink.sync([
        changeReminder(reminders[0]!, { why: 'Moved by a snooze.' }),
        ...reminders.slice(1),
      ]);
      await sink.sync(reminders.slice(1));
      const row = (await remote.rows()).find((r) => r.key === reminders[0]!.key);
      expect(row?.notes).toBe(notes);
    });

    it('reports a key copied by hand as a duplicate and does not multiply it', async (context) => {
      const { sink, remote } = await start();
      if (!remote.duplicateRow) context.skip('the remote holds one row per key');
      const reminders = buildReminders(COUNT);
      await sink.sync(reminders);
      const copied = reminders[3]!;
      await remote.duplicateRow!(copied.key);
      for (let run = 0; run < 2; run++) {
        const report = await sink.sync(reminders);
        expect(report.created).toBe(0);
        expect(report.duplicates).toHaveLength(1);
        expect(report.duplicates[0]!.key).toBe(copied.key);
        expect(report.duplicates[0]!.remoteIds).toHaveLength(2);
        const rows = await remote.rows();
        expect(rows).toHaveLength(COUNT + 1);
        for (const [key, found] of byKey(rows))
          expect(found.length, key).toBe(key === copied.key ? 2 : 1);
      }
    });

    it('rejects a misspelt sync option (`dryrun`) with `invalid_options`, and writes nothing', async () => {
      const { sink, remote } = await start();
      // Held in a variable, as TypeScript then lets extra properties through.
      const options = { dryrun: true } as SyncOptions;
      const writes = await writesDuring(remote, async () => {
        const error = await sink.sync(buildReminders(COUNT), options).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isRunnerUpError(error), `expected a RunnerUpError, got ${String(error)}`).toBe(true);
        expect((error as { code: string }).code).toBe('invalid_options');
      });
      expect(writes).toBe(0);
    });

    it('rejects with code `aborted` when the signal is already aborted, and writes nothing', async () => {
      const { sink, remote } = await start();
      const controller = new AbortController();
      controller.abort();
      const writes = await writesDuring(remote, () =>
        expectAborted(sink.sync(buildReminders(COUNT), { signal: controller.signal })),
      );
      expect(writes).toBe(0);
    });

    it('stops on abort mid-run, and a rerun converges to one row per key', async (context) => {
      const { sink, remote } = await start();
      const reminders = buildReminders(COUNT);
      const controller = new AbortController();
      let wrote = false;
      const run = sink.sync(reminders, {
        signal: controller.signal,
        onProgress: ({ phase, done, total }) => {
          if (phase !== 'write') return;
          wrote = true;
          // Abort once some writes are done and some are left.
          if (done > 0 && (total === undefined || done < total)) controller.abort();
        },
      });
      const writesBefore = remote.requests().writes;
      const resolved = await run.then(
        () => true,
        () => false,
      );
      if (resolved && !controller.signal.aborted) {
        expect(
          wrote,
          'report write progress with onProgress({ phase: "write", done, total })',
        ).toBe(true);
        // A sink that writes everything in one request has no mid-run to stop in; one that made
        // several should have said, between them, that writes were left.
        const writes = remote.requests().writes - writesBefore;
        expect(
          writes,
          `the sink made ${writes} write requests but never reported write progress with writes left to do (onProgress({ phase: "write", done, total }) with done < total)`,
        ).toBeLessThanOrEqual(1);
        context.skip('the sink wrote everything in one request: there is no mid-run to stop in');
      }
      await expectAborted(run);
      expect((await remote.rows()).length).toBeLessThan(COUNT);
      await sink.sync(reminders);
      const rows = await expectInStep(sink, remote, reminders);
      expect(rows).toHaveLength(COUNT);
      expect(await writesDuring(remote, () => sink.sync(reminders))).toBe(0);
    });

    it('resumes after a crash mid-run without duplicates', async (context) => {
      const { sink, remote, crashingSink } = await start();
      if (!crashingSink) context.skip();
      const reminders = buildReminders(COUNT);
      // How many requests a first sync takes, on a remote of its own: the crash comes from the
      // 4th request on, or from the last when there are fewer, so that it falls within the run.
      const probe = await harness.setup();
      let requests: number;
      try {
        const before = probe.remote.requests();
        await probe.sink.sync(reminders);
        const after = probe.remote.requests();
        requests = after.reads + after.writes - before.reads - before.writes;
      } finally {
        await probe.teardown();
      }
      if (requests < 2) {
        context.skip(`a first sync takes ${requests} request: there is no mid-run to crash in`);
      }
      const from = Math.min(4, requests);
      const crashed = await crashingSink!(from)
        .sync(reminders)
        .then(
          () => false,
          () => true,
        );
      expect(
        crashed,
        `a sink whose requests fail from request ${from} on must fail (a first sync takes ${requests} requests)`,
      ).toBe(true);
      await sink.sync(reminders);
      const rows = await expectInStep(sink, remote, reminders);
      expect(rows).toHaveLength(COUNT);
      expect(await writesDuring(remote, () => sink.sync(reminders))).toBe(0);
    });

    it('converges when the remote fails transiently, counting a retry for each fault it met', async () => {
      // The first request always fails, so every sink meets at least one fault; how many of the
      // later ones it meets depends on how many requests it makes.
      const { sink, remote } = await start({
        faults: {
          script: [
            { at: 1, kind: '503' },
            { at: 3, kind: '429' },
            { at: 5, kind: '500' },
          ],
        },
      });
      const reminders = buildReminders(COUNT);
      const report = await sink.sync(reminders);
      expect(report.created).toBe(COUNT);
      const met = remote.faultsInjected?.() ?? 1;
      expect(met).toBeGreaterThanOrEqual(1);
      expect(report.retries, `retries after ${met} injected faults`).toBeGreaterThanOrEqual(met);
      await expectInStep(sink, remote, reminders);
    });

    it('never carries more records in one write than its declared batch size', async (context) => {
      const { sink, remote } = await start();
      const batchSize = sink.capabilities?.batchSize;
      if (batchSize === undefined) context.skip();
      const reminders = buildReminders(COUNT);
      const writes = await writesDuring(remote, () => sink.sync(reminders));
      expect(writes).toBeGreaterThanOrEqual(Math.ceil(COUNT / batchSize!));
      if (remote.largestWrite) expect(remote.largestWrite()).toBeLessThanOrEqual(batchSize!);
    });
  });
}
