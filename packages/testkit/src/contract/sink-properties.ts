/**
 * Metamorphic properties every sink must satisfy against its emulator: relations between two syncs
 * that hold whatever the reminders are. Each sink's test file registers them with
 * {@link runSinkProperties} and keeps its own properties (text limits, time zones) beside them.
 */
import type { Reminder, SyncReport } from '@runner-up/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { SinkReminderArbitraries } from './reminder-arbitraries.js';
import {
  type RemoteRow,
  type RemoteView,
  type SinkFixture,
  type SinkHarness,
  writesDuring,
} from './sink-contract.js';

/** The fields of a {@link RemoteRow} the sink owns: all but the id and the user's Done and Notes. */
export type OwnedRow = Omit<RemoteRow, 'id' | 'done' | 'notes'>;

/** The fields of `row` the sink owns. */
export const ownedFields = ({
  id: _id,
  done: _done,
  notes: _notes,
  ...rest
}: RemoteRow): OwnedRow => rest;

/** Runs `body` against a fresh fixture from `harness`, always tearing it down. */
export async function withSinkFixture<T>(
  harness: SinkHarness,
  body: (fixture: SinkFixture) => Promise<T>,
): Promise<T> {
  const fixture = await harness.setup();
  try {
    return await body(fixture);
  } finally {
    await fixture.teardown();
  }
}

/**
 * The remote's rows by key, failing the test if two carry the same key. `row` is what the service
 * calls a row, for the message.
 */
export async function rowsByKey(remote: RemoteView, row = 'row'): Promise<Map<string, RemoteRow>> {
  const map = new Map<string, RemoteRow>();
  for (const found of await remote.rows()) {
    expect(map.has(found.key), `two ${row}s carry the key ${JSON.stringify(found.key)}`).toBe(
      false,
    );
    map.set(found.key, found);
  }
  return map;
}

/** Options of {@link runSinkProperties}. */
export interface SinkPropertyOptions {
  /** The generators the properties draw from: the sink's own {@link SinkReminderArbitraries}. */
  arbitraries: SinkReminderArbitraries;
  /** What the service calls a row, in test names and messages (`record` for Airtable). */
  row?: string;
  /**
   * What the remote must hold for a reminder written as it is; when given, every row of the first
   * sync is checked against it.
   */
  expectedRow?: (reminder: Reminder) => OwnedRow;
}

/**
 * Registers the metamorphic properties every sink satisfies as vitest `it` blocks in the calling
 * `describe`: a second sync of the same or reordered reminders writes nothing, and syncing A then B
 * leaves what a sync of B alone would, cancels what left and keeps Done and Notes. Each test gets
 * fresh fixtures from `harness` (called without faults). Runs use fast-check's global settings, so
 * a seed fixed with `fc.configureGlobal` applies.
 */
export function runSinkProperties(harness: SinkHarness, options: SinkPropertyOptions): void {
  const { textArb, keyArb, fieldsArb, build, remindersArb } = options.arbitraries;
  const row = options.row ?? 'row';
  const withFixture = <T>(body: (fixture: SinkFixture) => Promise<T>) =>
    withSinkFixture(harness, body);

  it('a second sync of the same reminders, or of a reordered copy, writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        remindersArb.chain((reminders) =>
          fc.tuple(
            fc.constant(reminders),
            fc.shuffledSubarray(reminders, {
              minLength: reminders.length,
              maxLength: reminders.length,
            }),
          ),
        ),
        async ([reminders, shuffled]) =>
          withFixture(async ({ sink, remote }) => {
            const first = await sink.sync(reminders);
            expect(first.created).toBe(reminders.length);
            const after = await rowsByKey(remote, row);
            expect(after.size).toBe(reminders.length);
            if (options.expectedRow)
              for (const r of reminders)
                expect(ownedFields(after.get(r.key)!)).toEqual(options.expectedRow(r));

            // A sync that must write nothing: its report, once the write count is checked.
            const quietSync = async (plan: readonly Reminder[]) => {
              let report: SyncReport | undefined;
              expect(
                await writesDuring(remote, async () => {
                  report = await sink.sync(plan);
                }),
              ).toBe(0);
              return report;
            };
            expect(await quietSync(reminders)).toMatchObject({
              created: 0,
              updated: 0,
              cancelled: 0,
              unchanged: reminders.length,
            });
            expect(await quietSync(shuffled)).toMatchObject({
              created: 0,
              updated: 0,
              unchanged: reminders.length,
            });
            expect(await rowsByKey(remote, row)).toEqual(after);
          }),
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it(`syncing A then B leaves B’s ${row}s as a sync of B alone would, cancels what left, and keeps Done and Notes`, async () => {
    const entryArb = fc.record({
      parts: keyArb,
      a: fieldsArb,
      b: fieldsArb,
      inA: fc.boolean(),
      inB: fc.boolean(),
      sameInB: fc.boolean(),
      done: fc.boolean(),
      notes: fc.option(textArb, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(entryArb, { selector: (e) => e.parts.key, maxLength: 60 }),
        async (entries) => {
          const planA = entries.filter((e) => e.inA).map((e) => build(e.parts, e.a));
          const planB = entries
            .filter((e) => e.inB)
            .map((e) => build(e.parts, e.sameInB ? e.a : e.b));
          const inA = new Map(planA.map((r) => [r.key, r]));
          const inB = new Set(planB.map((r) => r.key));
          const edits = new Map(
            entries
              .filter((e) => e.inA && (e.done || e.notes !== undefined))
              .map((e) => [e.parts.key, { done: e.done, notes: e.notes }]),
          );

          const expected = await withFixture(async (fresh) => {
            await fresh.sink.sync(planB);
            return rowsByKey(fresh.remote, row);
          });

          await withFixture(async ({ sink, remote }) => {
            await sink.sync(planA);
            for (const [key, edit] of edits) await remote.setUserFields(key, edit);
            const afterA = await rowsByKey(remote, row);

            const report = await sink.sync(planB);
            const rows = await rowsByKey(remote, row);

            // Never deleted, never duplicated: one row for every key ever planned.
            expect(new Set(rows.keys())).toEqual(new Set([...inA.keys(), ...inB]));
            for (const [key, found] of rows) {
              const edit = edits.get(key);
              // Done and Notes are the user's: exactly what they set, or empty on a new row.
              expect(found.done, key).toBe(edit?.done ?? false);
              expect(found.notes, key).toBe(edit?.notes ?? '');
              if (inB.has(key)) {
                expect(ownedFields(found), key).toEqual(ownedFields(expected.get(key)!));
              } else {
                // A row whose reminder is no longer planned is marked cancelled, unless it is
                // ticked Done (finished work); nothing else of it changes.
                const before = ownedFields(afterA.get(key)!);
                expect(ownedFields(found), key).toEqual({
                  ...before,
                  status: edit?.done ? before.status : 'cancelled',
                });
              }
            }
            const left = [...inA.keys()].filter((k) => !inB.has(k));
            expect(report.created).toBe(planB.filter((r) => !inA.has(r.key)).length);
            expect(report.cancelled).toBe(
              left.filter((k) => !edits.get(k)?.done && inA.get(k)!.status !== 'cancelled').length,
            );
            expect(report.completed.map((c) => c.key).sort()).toEqual(
              [...edits]
                .filter(([, e]) => e.done)
                .map(([k]) => k)
                .sort(),
            );
            expect(await writesDuring(remote, () => sink.sync(planB))).toBe(0);
          });
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
}
