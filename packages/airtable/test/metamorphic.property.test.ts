/**
 * Metamorphic properties of the Airtable sink against the testkit emulator: relations between two
 * syncs that must hold whatever the reminders are (docs/airtable.md, "What a sync does"). The ones
 * every sink shares come from the testkit's `runSinkProperties`.
 */
import type { Reminder } from '@runner-up/core';
import {
  longTextArb,
  type OwnedRow,
  ownedFields,
  rowsByKey,
  runSinkProperties,
  sinkReminderArbitraries,
  withSinkFixture,
  writesDuring,
} from '@runner-up/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { airtableHarness } from './harness';

// ---- generators ---------------------------------------------------------------------------

// Airtable reads keys inside formulas: texts and ids that a formula would misread.
const arbitraries = sinkReminderArbitraries({
  extraTexts: [`NOT({Key} = '') "}" \\ OR(1)`],
  oddIds: true,
});
const { textArb, keyArb, fieldsArb, build } = arbitraries;

// ---- reading the remote ---------------------------------------------------------------------

/** What the table must hold for a reminder, read the way `airtableRemoteView` reads a record. */
const expectedRow = (r: Reminder): OwnedRow => ({
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
  runSinkProperties(airtableHarness, { arbitraries, row: 'record', expectedRow });

  it('long texts with emoji, newlines and formula characters survive exactly, and a rerun writes nothing', async () => {
    const longText = longTextArb(20_000);
    await fc.assert(
      fc.asyncProperty(
        keyArb,
        fieldsArb,
        fc.oneof(longText, textArb),
        fc.oneof(longText, textArb),
        async (parts, fields, title, why) =>
          withSinkFixture(airtableHarness, async ({ sink, remote }) => {
            const reminder = build(parts, { ...fields, title, why });
            await sink.sync([reminder]);
            const [row] = (await rowsByKey(remote, 'record')).values();
            expect(ownedFields(row!)).toEqual(expectedRow(reminder));
            expect(await writesDuring(remote, () => sink.sync([reminder]))).toBe(0);
          }),
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
