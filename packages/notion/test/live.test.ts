import { syncNotion } from '@runner-up/notion';
import { buildReminders } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';

// Runs against a real Notion database only when both are set, e.g. in a scheduled CI job:
// NOTION_TOKEN (an integration secret) and NOTION_TEST_DATABASE_ID (a database shared with it,
// used for nothing else: every keyed row not in the run is marked cancelled).
const auth = process.env.NOTION_TOKEN;
const databaseId = process.env.NOTION_TEST_DATABASE_ID;

describe.skipIf(!auth || !databaseId)('Notion sync against the live API', () => {
  it('creates rows, leaves them alone on a rerun, and cancels them when the plan empties', async () => {
    const options = { auth: auth!, databaseId: databaseId!, createMissingProperties: true };
    const reminders = buildReminders(3, { prefix: `live-${Date.now().toString(36)}` });
    expect((await syncNotion(reminders, { ...options, dryRun: true })).created).toBe(3);
    expect((await syncNotion(reminders, options)).created).toBe(3);
    expect(await syncNotion(reminders, options)).toMatchObject({
      created: 0,
      updated: 0,
      cancelled: 0,
      unchanged: 3,
    });
    expect((await syncNotion([], options)).cancelled).toBe(3);
  }, 120_000);
});
