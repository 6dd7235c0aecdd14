import { syncAirtable } from '@runner-up/airtable';
import { buildReminders } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';

// Runs against a real base only when all three are set. Use a table kept for this test: every run
// marks the records of earlier runs cancelled (nothing is ever deleted).
const token = process.env.AIRTABLE_TOKEN;
const baseId = process.env.AIRTABLE_BASE_ID;
const table = process.env.AIRTABLE_TEST_TABLE;

describe.skipIf(!token || !baseId || !table)(
  'live Airtable (AIRTABLE_TOKEN, AIRTABLE_BASE_ID, AIRTABLE_TEST_TABLE)',
  () => {
    it('creates, then makes no write on an unchanged plan, then cancels a vanished reminder', async () => {
      const options = { token: token!, baseId: baseId!, table: table! };
      const reminders = buildReminders(3, { prefix: `live-${Date.now().toString(36)}` });
      const first = await syncAirtable(reminders, options);
      expect(first.created).toBe(3);
      const second = await syncAirtable(reminders, options);
      expect(second).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: 3 });
      const third = await syncAirtable(reminders.slice(1), options);
      expect(third).toMatchObject({ created: 0, updated: 0, cancelled: 1, unchanged: 2 });
    }, 120_000);
  },
);
