/**
 * Metamorphic properties of the Airtable sink against the testkit emulator: relations between two
 * syncs that must hold whatever the reminders are (docs/airtable.md, "What a sync does").
 */
import {
  ActionSchema,
  type Reminder,
  ReminderSchema,
  ReminderStatusSchema,
  type SyncReport,
  toInstant,
  toLocal,
} from '@runner-up/core';
import type { RemoteRow, SinkFixture } from '@runner-up/testkit';
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

const ODD_TEXTS = [
  '',
  ' ',
  '  padded  ',
  'two\nlines',
  'crlf\r\nline',
  'tab\there',
  '😀👍🏽🇫🇷👩‍👩‍👧',
  'a, b; c',
  `"quoted" {brace} \\back 'single'`,
  'zero\u200Bwidth',
  `NOT({Key} = '') "}" \\ OR(1)`,
  'e\u0301 combining',
  '\u0000nul',
];

const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }).filter(wellFormed),
  fc.constantFrom(...ODD_TEXTS),
);

const idArb = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
  fc.constantFrom(`it's`, 'say "hi"', 'close } brace', 'back\\slash', 'two\nlines'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => !s.includes('/')),
);

const keyArb = fc
  .record({ opp: idArb, step: idArb, occurrence: fc.integer({ min: 1, max: 5 }) })
  .map(({ opp, step, occurrence }) => ({
    opp,
    step,
    occurrence,
    key: `${opp}/${step}/${occurrence}`,
  }));

type KeyParts = { opp: string; step: string; occurrence: number; key: string };

const ZONES = [
  'America/Chicago',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'UTC',
];

/**
 * The owned values of a reminder. Due is made the way `plan()` makes it: a wall-clock time in the
 * owner's zone turned into an instant with core's `toInstant` (Airtable stores the UTC instant, so
 * any hour of any day will do).
 */
const fieldsArb = fc.record({
  title: textArb,
  organization: textArb,
  contact: fc.option(textArb, { nil: null }),
  why: textArb,
  action: fc.constantFrom(...ActionSchema.options),
  status: fc.constantFrom(...ReminderStatusSchema.options),
  zone: fc.constantFrom(...ZONES),
  day: fc.integer({ min: 0, max: 730 }),
  minuteOfDay: fc.integer({ min: 0, max: 23 * 60 + 59 }),
});
type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;

const dateOf = (day: number) => new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10);
const timeOf = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function makeReminder(parts: KeyParts, fields: Omit<Fields, 'day' | 'minuteOfDay'>, due: number) {
  const local = toLocal(due, fields.zone);
  return ReminderSchema.parse({
    key: parts.key,
    opportunityId: parts.opp,
    stepId: parts.step,
    occurrence: parts.occurrence,
    organization: fields.organization,
    title: fields.title,
    action: fields.action,
    contact: fields.contact === null ? null : { name: fields.contact },
    due: new Date(due).toISOString(),
    local: { date: local.date, time: local.time, timezone: fields.zone },
    duration: 'PT30M',
    status: fields.status,
    why: fields.why,
    talkingPoints: [],
    draft: null,
  });
}

const build = (parts: KeyParts, fields: Fields): Reminder =>
  makeReminder(
    parts,
    fields,
    toInstant(dateOf(fields.day), timeOf(fields.minuteOfDay), fields.zone),
  );

/** Reminders with unique keys; a third of the time more than one page (100 records) of list results. */
const remindersArb = fc
  .oneof(
    {
      weight: 2,
      arbitrary: fc.uniqueArray(fc.record({ parts: keyArb, fields: fieldsArb }), {
        selector: (e) => e.parts.key,
        maxLength: 20,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(fc.record({ parts: keyArb, fields: fieldsArb }), {
        selector: (e) => e.parts.key,
        minLength: 101,
        maxLength: 130,
      }),
    },
  )
  .map((entries) => entries.map((e) => build(e.parts, e.fields)));

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
