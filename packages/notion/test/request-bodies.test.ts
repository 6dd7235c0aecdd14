import { readFileSync, writeFileSync } from 'node:fs';
import { buildReminders, changeReminder } from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { toRichText } from '../src/properties';
import { notionFixture } from './harness';

type Fixture = Awaited<ReturnType<typeof notionFixture>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.teardown();
  fixture = undefined;
});

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function expectGolden(name: string, value: unknown) {
  const file = new URL(`./__golden__/${name}.json`, import.meta.url);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const writes = (f: Fixture) =>
  f.emulator.log.filter((e) => e.method !== 'GET' && !e.path.endsWith('/query'));

describe('Notion request bodies (as the official client sends them)', () => {
  it('creates a page with every runner-up property and neither Done nor Notes', async () => {
    fixture = await notionFixture();
    const [reminder] = buildReminders(1);
    await fixture.sink.sync([reminder!]);
    const [create] = writes(fixture);
    expect(create).toMatchObject({ method: 'POST', path: '/v1/pages', status: 200 });
    expectGolden('create-page', create!.body);
  });

  it('updates only the changed properties of a page', async () => {
    fixture = await notionFixture();
    const [reminder] = buildReminders(1);
    await fixture.sink.sync([reminder!]);
    const moved = changeReminder(reminder!, {
      title: 'Check in before the winner’s 90th day',
      due: '2027-07-01T14:30:00.000Z',
      local: { date: '2027-07-01', time: '09:30', timezone: 'America/Chicago' },
    });
    await fixture.sink.sync([moved]);
    const update = writes(fixture)[1]!;
    expect(update).toMatchObject({
      method: 'PATCH',
      path: `/v1/pages/${fixture.emulator.pages()[0]!.id}`,
    });
    expectGolden('update-page', update.body);
  });

  it('cancels a vanished reminder by setting only its Status', async () => {
    fixture = await notionFixture();
    await fixture.sink.sync(buildReminders(1));
    await fixture.sink.sync([]);
    expectGolden('cancel-page', writes(fixture)[1]!.body);
  });

  it('splits long text into 2000-character rich text objects and reads it back as unchanged', async () => {
    fixture = await notionFixture();
    const why = `${'a'.repeat(1999)}😀${'b'.repeat(2500)}`;
    const reminder = changeReminder(buildReminders(1)[0]!, { why });
    await fixture.sink.sync([reminder]);
    const body = writes(fixture)[0]!.body as {
      properties: { Why: { rich_text: Array<{ text: { content: string } }> } };
    };
    const chunks = body.properties.Why.rich_text.map((t) => t.text.content);
    expect(chunks.map((c) => c.length)).toEqual([1999, 2000, 502]);
    expect(chunks.join('')).toBe(why);
    expect(await fixture.sink.sync([reminder])).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it("keeps a page's request under Notion's 500KB limit by cutting its longest texts, and a rerun writes nothing", async () => {
    fixture = await notionFixture();
    // Each text within the 100 × 2000-character limit; together about 1 MB of two-byte letters.
    const reminder = changeReminder(buildReminders(1)[0]!, {
      title: 'é'.repeat(150_000),
      why: 'ü'.repeat(200_000),
      organization: `Acme ${'ø'.repeat(100_000)}`,
    });
    await expect(fixture.sink.sync([reminder])).resolves.toMatchObject({ created: 1 });
    const [create] = writes(fixture);
    expect(create).toMatchObject({ method: 'POST', status: 200 });
    expect(Buffer.byteLength(JSON.stringify(create!.body))).toBeLessThanOrEqual(500_000);
    const [page] = fixture.emulator.pages() as Array<{
      properties: Record<
        string,
        { title?: Array<{ plain_text: string }>; rich_text?: Array<{ plain_text: string }> }
      >;
    }>;
    const read = (name: string) => {
      const value = page!.properties[name]!;
      return (value.title ?? value.rich_text ?? []).map((t) => t.plain_text).join('');
    };
    // The short texts are whole; the long ones are cut to one share each, the longest no longer.
    expect(read('Key')).toBe(reminder.key);
    expect(read('Opportunity')).toBe(reminder.opportunityId);
    expect(read('Why').length).toBeLessThan(reminder.why.length);
    expect(read('Name').length).toBeLessThan(reminder.title.length);
    expect(reminder.why.startsWith(read('Why'))).toBe(true);
    expect(reminder.title.startsWith(read('Name'))).toBe(true);
    expect(reminder.organization.startsWith(read('Organization'))).toBe(true);
    expect(await fixture.sink.sync([reminder])).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('never splits a surrogate pair across rich text objects', () => {
    const text = `${'x'.repeat(1999)}😀`;
    expect(toRichText(text).map((t) => t.text.content)).toEqual(['x'.repeat(1999), '😀']);
    expect(toRichText('')).toEqual([]);
  });
});
