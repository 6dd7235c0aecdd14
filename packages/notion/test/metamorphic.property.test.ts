/**
 * Metamorphic properties of the Notion sink against the testkit emulator: relations between two
 * syncs that must hold whatever the reminders are (docs/notion.md, "What the sync does").
 */
import { toInstant } from '@runner-up/core';
import { dateOf, type RemoteRow, SINK_ZONES, sinkReminderArbitraries } from '@runner-up/testkit';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { notionFixture } from './harness';

type Fixture = Awaited<ReturnType<typeof notionFixture>>;

/** Runs `body` against a fresh emulator and sink, always closing the emulator. */
async function withFixture<T>(body: (fixture: Fixture) => Promise<T>): Promise<T> {
  const fixture = await notionFixture();
  try {
    return await body(fixture);
  } finally {
    await fixture.teardown();
  }
}

// ---- generators ---------------------------------------------------------------------------

// The hours are kept clear of every zone's daylight-saving changes here; those have a property of
// their own below.
const { textArb, keyArb, fieldsArb, build, remindersArb } = sinkReminderArbitraries({
  firstMinute: 6 * 60,
});
const ZONES = SINK_ZONES;

// ---- reading the remote ---------------------------------------------------------------------

type Owned = Omit<RemoteRow, 'id' | 'done' | 'notes'>;
const owned = ({ id: _id, done: _done, notes: _notes, ...rest }: RemoteRow): Owned => rest;

async function rowsByKey(fixture: Fixture): Promise<Map<string, RemoteRow>> {
  const rows = await fixture.remote.rows();
  const map = new Map<string, RemoteRow>();
  for (const row of rows) {
    expect(map.has(row.key), `two rows carry the key ${JSON.stringify(row.key)}`).toBe(false);
    map.set(row.key, row);
  }
  return map;
}

const writesDuring = async (fixture: Fixture, run: () => Promise<unknown>) => {
  const before = fixture.emulator.requests.writes;
  await run();
  return fixture.emulator.requests.writes - before;
};

// ---- properties -----------------------------------------------------------------------------

describe('Notion sink: metamorphic properties', () => {
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

            let again: Awaited<ReturnType<typeof fixture.sink.sync>> | undefined;
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

            let reordered: Awaited<ReturnType<typeof fixture.sink.sync>> | undefined;
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

  it('syncing A then B leaves B’s rows as a sync of B alone would, cancels what left, and keeps Done and Notes', async () => {
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

            // Never deleted, never duplicated: one row for every key ever planned.
            expect(new Set(rows.keys())).toEqual(new Set([...inA.keys(), ...inB]));
            for (const [key, row] of rows) {
              const edit = edits.get(key);
              // Done and Notes are the user's: exactly what they set, or empty on a new row.
              expect(row.done, key).toBe(edit?.done ?? false);
              expect(row.notes, key).toBe(edit?.notes ?? '');
              if (inB.has(key)) {
                expect(owned(row), key).toEqual(owned(expected.get(key)!));
              } else {
                const before = afterA.get(key)!;
                // A ticked row is finished work and stays as it is; any other is cancelled.
                expect(owned(row), key).toEqual({
                  ...owned(before),
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

  it('texts with emoji, newlines and several rich-text objects survive exactly, and a rerun writes nothing', async () => {
    const longText = fc
      .record({
        length: fc.integer({ min: 0, max: 9000 }),
        emoji: fc.uniqueArray(
          fc.oneof(fc.constantFrom(1998, 1999, 2000, 3999, 4000), fc.nat({ max: 9000 })),
          { maxLength: 6 },
        ),
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
            expect(row!.name).toBe(title);
            expect(row!.why).toBe(why);
            expect(await writesDuring(fixture, () => fixture.sink.sync([reminder]))).toBe(0);
          }),
      ),
      { numRuns: 30 },
    );
  }, 60_000);

  /**
   * BUG (packages/notion/src/properties.ts): text past Notion's 100 rich-text objects is cut twice,
   * differently. `toRichText` never splits a surrogate pair, so an object that would end on one
   * holds 1,999 characters and 100 objects carry fewer than 200,000 characters; `reminderValues`
   * compares against `slice(0, 200_000)` (which can itself end in half an emoji). The row never
   * equals the plan, so every sync rewrites it: "a second run with no change makes no write"
   * (docs/notion.md) does not hold for such text.
   */
  test('text over the 100-object cap is cut as documented, and a rerun writes nothing', async () => {
    const cap = 200_000;
    const hugeText = fc
      .record({
        length: fc.integer({ min: cap - 300, max: cap + 5000 }),
        emoji: fc.uniqueArray(fc.nat({ max: cap + 5000 }), { maxLength: 4 }),
      })
      .map(({ length, emoji }) => {
        const chars = Array.from({ length }, () => 'y');
        for (const at of emoji.filter((i) => i < length).sort((a, b) => b - a))
          chars.splice(at, 1, '😀');
        return chars.join('');
      });
    const fixed = fc.sample(keyArb, { numRuns: 1, seed: 1 })[0]!;
    const fields = fc.sample(fieldsArb, { numRuns: 1, seed: 1 })[0]!;
    await fc.assert(
      fc.asyncProperty(hugeText, async (why) =>
        withFixture(async (fixture) => {
          const reminder = build(fixed, { ...fields, why });
          await fixture.sink.sync([reminder]);
          const [row] = (await rowsByKey(fixture)).values();
          // Cut, never altered: a prefix, all of it when it fits, and never more than the cap.
          expect(why.startsWith(row!.why)).toBe(true);
          expect(row!.why.length).toBeLessThanOrEqual(cap);
          if (why.length <= cap - 100) expect(row!.why).toBe(why);
          expect(await writesDuring(fixture, () => fixture.sink.sync([reminder]))).toBe(0);
        }),
      ),
      {
        numRuns: 8,
        // One emoji straddling the first object's end: 100 objects then hold 199,999 characters.
        examples: [[`${'y'.repeat(1999)}😀${'y'.repeat(cap)}`]],
      },
    );
  }, 60_000);

  /**
   * BUG (packages/notion/src/properties.ts, `propertyValue('Due')`): Due is written as a wall-clock
   * time plus `time_zone`. In the hour a fall-back change repeats, that wall-clock time names two
   * instants; core's `toInstant` (which `plan()` uses) takes the earlier, the Notion emulator
   * (packages/testkit/src/notion/time.ts `localToInstant`) answers with the later one in zones east
   * of UTC and in half-hour changes (Europe/Berlin 02:30 on 2027-10-31 comes back an hour late,
   * Australia/Lord_Howe 01:45 on 2027-04-04 half an hour late). The row then shows another instant
   * than the plan and every sync rewrites it. Writing such a time with its UTC offset instead of
   * `time_zone`, or an emulator that resolves the overlap as Notion does, would settle which side
   * is wrong; as it stands a rerun with no change is not write-free.
   */
  test('a reminder in the hour around a daylight-saving change reads back at its instant, and a rerun writes nothing', async () => {
    const offsetOn = (date: string, zone: string) =>
      Date.parse(`${date}T12:00:00Z`) - toInstant(date, '12:00', zone);
    const dstZones = ZONES.filter((zone) => {
      const days = Array.from({ length: 365 }, (_, d) => dateOf(d));
      return new Set(days.map((d) => offsetOn(d, zone))).size > 1;
    });
    // The days on which, or the day after which, each zone changes its offset in 2027.
    const changeDays = dstZones.flatMap((zone) =>
      Array.from({ length: 365 }, (_, d) => d)
        .filter((d) => offsetOn(dateOf(d), zone) !== offsetOn(dateOf(d + 1), zone))
        .flatMap((d) => [
          { zone, day: d },
          { zone, day: d + 1 },
        ]),
    );
    expect(changeDays.length).toBeGreaterThanOrEqual(dstZones.length * 4);
    await fc.assert(
      fc.asyncProperty(
        keyArb,
        fieldsArb,
        fc.constantFrom(...changeDays),
        fc.integer({ min: 0, max: 5 * 60 - 1 }),
        async (parts, fields, { zone, day }, minuteOfDay) =>
          withFixture(async (fixture) => {
            const reminder = build(parts, { ...fields, zone, day, minuteOfDay });
            await fixture.sink.sync([reminder]);
            const [row] = (await rowsByKey(fixture)).values();
            expect(row!.due).toBe(reminder.due);
            expect(await writesDuring(fixture, () => fixture.sink.sync([reminder]))).toBe(0);
          }),
      ),
      {
        numRuns: 40,
        examples: [
          [
            { opp: 'opp-1', step: 'check-in', occurrence: 1, key: 'opp-1/check-in/1' },
            fc.sample(fieldsArb, { numRuns: 1, seed: 2 })[0]!,
            { zone: 'Europe/Berlin', day: 303 },
            150,
          ],
        ],
      },
    );
  }, 60_000);
});
