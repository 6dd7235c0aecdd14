/**
 * Metamorphic properties of the Airtable sink against the testkit emulator: relations between two
 * syncs that must hold whatever the reminders are (docs/airtable.md, "What a sync does").
 */
import type { Reminder, SyncReport } from '@runner-up/core';
import { type RemoteRow, type SinkFixture, sinkReminderArbitraries } from '@runner-up/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { airtableHarness } from './harness';

/** Runs `body` against a fresh emulator and sink, always closing the emulator. */
async function withFixture<T>(body: (fixture: SinkFixture) => Promise<T>): Promise<T> {
  const fixture = await airtableHarness.setup();
  try {
    return await body(fixture);
  } finally {
    await fixture.teardown();
  }
}

// ---- generators ---------------------------------------------------------------------------

// Airtable reads keys inside formulas: texts and ids that a formula would misread.
const { textArb, keyArb, fieldsArb, build, remindersArb } = sinkReminderArbitraries({
  extraTexts: [`NOT({Key} = '') "}" \\ OR(1)`],
  oddIds: true,
});

// ---- reading the remote ---------------------------------------------------------------------

type Owned = Omit<RemoteRow, 'id' | 'done' | 'notes'>;
const owned = ({ id: _id, done: _done, notes: _notes, ...rest }: RemoteRow): Owned => rest;

async function rowsByKey(fixture: SinkFixture): Promise<Map<string, RemoteRow>> {
  const rows = await fixture.remote.rows();
  const map = new Map<string, RemoteRow>();
  for (const row of rows) {
    expect(map.has(row.key), `two records carry the key ${JSON.stringify(row.key)}`).toBe(false);
    map.set(row.key, row);
  }
  return map;
}

const writesDuring = async (fixture: SinkFixture, run: () => Promise<unknown>) => {
  const before = fixture.remote.requests().writes;
  await run();
  return fixture.remote.requests().writes - before;
};

/** What the table must hold for a reminder, read the way `airtableRemoteView` reads a record. */
const expectedRow = (r: Reminder): Owned => ({
  key: r.key,
  name: r.title,
  due: r.due,
  status: r.status,
  opportunity: r.opportunityId,
  organization: r.organization,
  contact: r.contact?.name ?? '',
  action: r.action,
  why: r.why,
});

// ---- properties -----------------------------------------------------------------------------

describe('Airtable sink: metamorphic properties', () => {
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
          withFixture(async (fixture) => {
            const first = await fixture.sink.sync(reminders);
            expect(first.created).toBe(reminders.length);
            const after = await rowsByKey(fixture);
            expect(after.size).toBe(reminders.length);
            for (const r of reminders) expect(owned(after.get(r.key)!)).toEqual(expectedRow(r));

            let again: SyncReport | undefined;
            expect(
              await writesDuring(fixture, async () => {
                again = await fixture.sink.sync(reminders);
              }),
            ).toBe(0);
            expect(again).toMatchObject({
              created: 0,
              updated: 0,
              cancelled: 0,
              unchanged: reminders.length,
            });

            let reordered: SyncReport | undefined;
            expect(
              await writesDuring(fixture, async () => {
                reordered = await fixture.sink.sync(shuffled);
              }),
            ).toBe(0);
            expect(reordered).toMatchObject({
              created: 0,
              updated: 0,
              unchanged: reminders.length,
            });
            expect(await rowsByKey(fixture)).toEqual(after);
          }),
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('syncing A then B leaves B’s records as a sync of B alone would, cancels what left, and keeps Done and Notes', async () => {
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
            return rowsByKey(fresh);
          });

          await withFixture(async (fixture) => {
            await fixture.sink.sync(planA);
            for (const [key, edit] of edits) await fixture.remote.setUserFields(key, edit);
            const afterA = await rowsByKey(fixture);

            const report = await fixture.sink.sync(planB);
            const rows = await rowsByKey(fixture);

            // Never deleted, never duplicated: one record for every key ever planned.
            expect(new Set(rows.keys())).toEqual(new Set([...inA.keys(), ...inB]));
            for (const [key, row] of rows) {
              const edit = edits.get(key);
              // Done and Notes are the user's: exactly what they set, or empty on a new record.
              expect(row.done, key).toBe(edit?.done ?? false);
              expect(row.notes, key).toBe(edit?.notes ?? '');
              if (inB.has(key)) {
                expect(owned(row), key).toEqual(owned(expected.get(key)!));
              } else {
                // docs/airtable.md: a record whose reminder is no longer planned is marked
                // cancelled, unless it is ticked Done (finished work); nothing else of it changes.
                const before = owned(afterA.get(key)!);
                expect(owned(row), key).toEqual({
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
            expect(await writesDuring(fixture, () => fixture.sink.sync(planB))).toBe(0);
          });
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('long texts with emoji, newlines and formula characters survive exactly, and a rerun writes nothing', async () => {
    const longText = fc
      .record({
        length: fc.integer({ min: 0, max: 20_000 }),
        emoji: fc.uniqueArray(fc.nat({ max: 20_000 }), { maxLength: 6 }),
        newlineEvery: fc.integer({ min: 0, max: 300 }),
      })
      .map(({ length, emoji, newlineEvery }) => {
        const chars: string[] = Array.from({ length }, (_, i) =>
          newlineEvery > 0 && i % newlineEvery === newlineEvery - 1 ? '\n' : 'x',
        );
        for (const at of emoji.filter((i) => i < length).sort((a, b) => b - a))
          chars.splice(at, 1, '😀');
        return chars.join('');
      });
    await fc.assert(
      fc.asyncProperty(
        keyArb,
        fieldsArb,
        fc.oneof(longText, textArb),
        fc.oneof(longText, textArb),
        async (parts, fields, title, why) =>
          withFixture(async (fixture) => {
            const reminder = build(parts, { ...fields, title, why });
            await fixture.sink.sync([reminder]);
            const [row] = (await rowsByKey(fixture)).values();
            expect(owned(row!)).toEqual(expectedRow(reminder));
            expect(await writesDuring(fixture, () => fixture.sink.sync([reminder]))).toBe(0);
          }),
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
