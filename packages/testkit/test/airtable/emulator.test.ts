import {
  type AirtableEmulator,
  type AirtableEmulatorOptions,
  startAirtableEmulator,
} from '@runner-up/testkit';
import Airtable from 'airtable';
import { afterEach, describe, expect, it } from 'vitest';

let emulator: AirtableEmulator | undefined;
const start = async (options: AirtableEmulatorOptions = {}) => {
  emulator = await startAirtableEmulator({ rateLimit: false, ...options });
  return emulator;
};
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const call = async (
  em: AirtableEmulator,
  method: string,
  path: string,
  body?: unknown,
  token = em.token,
) => {
  const response = await fetch(`${em.url}/v0/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary JSON answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const row = (i: number) => ({
  fields: { Name: `Reminder ${i}`, Key: `opp-${i}/step/1`, Status: 'upcoming' },
});

describe('the official airtable client against the emulator', () => {
  it('creates, selects page by page with a formula, and finds a record', async () => {
    const em = await start();
    const base = new Airtable({ apiKey: em.token, endpointUrl: em.url }).base(em.baseId);
    const table = base('Reminders');
    const created = await table.create(
      Array.from({ length: 10 }, (_, i) => row(i)),
      { typecast: true },
    );
    expect(created).toHaveLength(10);
    await table.create(Array.from({ length: 5 }, (_, i) => row(10 + i)));
    const single = await table.create({ Name: 'Loose note' });
    expect(single.get('Name')).toBe('Loose note');

    const pages: number[] = [];
    await table
      .select({ pageSize: 4, filterByFormula: "NOT({Key} = '')", fields: ['Name', 'Key'] })
      .eachPage((records, next) => {
        pages.push(records.length);
        next();
      });
    expect(pages).toEqual([4, 4, 4, 3]);

    const all = await table.select({ filterByFormula: '{Key} = "opp-7/step/1"' }).all();
    expect(all.map((r) => r.get('Name'))).toEqual(['Reminder 7']);
    expect(all[0]!.get('Status')).toBe('upcoming');

    const found = await table.find(created[3]!.id);
    expect(found.get('Key')).toBe('opp-3/step/1');

    const [updated] = await table.update([{ id: found.id, fields: { Done: true } }]);
    expect(updated!.get('Done')).toBe(true);
    expect(updated!.get('Name')).toBe('Reminder 3');
  });

  it('surfaces the emulator errors as the client expects them', async () => {
    const em = await start();
    const base = new Airtable({ apiKey: em.token, endpointUrl: em.url }).base(em.baseId);
    await expect(base('Reminders').create([{ fields: { Deadline: 'x' } }])).rejects.toMatchObject({
      error: 'UNKNOWN_FIELD_NAME',
      statusCode: 422,
    });
    // airtable.js names every 403 NOT_AUTHORIZED, whatever the body says.
    await expect(base('Nope').select().all()).rejects.toMatchObject({ statusCode: 403 });
    const wrongToken = new Airtable({ apiKey: 'wrong', endpointUrl: em.url }).base(em.baseId);
    await expect(wrongToken('Reminders').select().all()).rejects.toMatchObject({
      error: 'AUTHENTICATION_REQUIRED',
      statusCode: 401,
    });
  });
});

describe('records', () => {
  it('leaves empty cells out of responses, as Airtable does', async () => {
    const em = await start();
    const { body } = await call(em, 'POST', `${em.baseId}/Reminders`, {
      records: [{ fields: { Name: 'A', Contact: '', Done: false, Key: 'k' } }],
    });
    expect(body.records[0].fields).toEqual({ Name: 'A', Key: 'k' });
  });

  it('rejects a write of more than 10 records with 422 and stores nothing', async () => {
    const em = await start();
    const records = Array.from({ length: 11 }, (_, i) => row(i));
    for (const method of ['POST', 'PATCH']) {
      const response = await call(em, method, `${em.baseId}/Reminders`, {
        records,
        ...(method === 'PATCH' ? { performUpsert: { fieldsToMergeOn: ['Key'] } } : {}),
      });
      expect(response.status).toBe(422);
      expect(response.body.error.type).toBe('INVALID_REQUEST_UNKNOWN');
    }
    expect(em.state.records('Reminders')).toEqual([]);
  });

  it('deletes at most 10 records a request, as writes, and deletes nothing past that', async () => {
    const em = await start();
    const created = await call(em, 'POST', `${em.baseId}/Reminders`, {
      records: Array.from({ length: 10 }, (_, i) => row(i)),
    });
    const more = await call(em, 'POST', `${em.baseId}/Reminders`, { records: [row(10)] });
    const ids = [...created.body.records, ...more.body.records].map((r: { id: string }) => r.id);
    const query = (list: string[]) => list.map((id) => `records[]=${id}`).join('&');
    const refused = await call(em, 'DELETE', `${em.baseId}/Reminders?${query(ids)}`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.type).toBe('INVALID_REQUEST_UNKNOWN');
    expect(em.state.records('Reminders')).toHaveLength(11);
    const deleted = await call(em, 'DELETE', `${em.baseId}/Reminders?${query(ids.slice(0, 10))}`);
    expect(deleted.status).toBe(200);
    expect(em.state.records('Reminders')).toHaveLength(1);
  });

  it('upserts on fieldsToMergeOn: updates the match, creates the rest, says which', async () => {
    const em = await start();
    const first = await call(em, 'POST', `${em.baseId}/Reminders`, { records: [row(1)] });
    const id = first.body.records[0].id;
    const { status, body } = await call(em, 'PATCH', `${em.baseId}/Reminders`, {
      performUpsert: { fieldsToMergeOn: ['Key'] },
      records: [{ fields: { ...row(1).fields, Name: 'Renamed' } }, { fields: row(2).fields }],
    });
    expect(status).toBe(200);
    expect(body.updatedRecords).toEqual([id]);
    expect(body.createdRecords).toHaveLength(1);
    expect(em.state.records('Reminders').map((r) => r.fields.Name)).toEqual([
      'Renamed',
      'Reminder 2',
    ]);
  });

  it('rejects an unknown select option unless typecast, and a bad value for a column', async () => {
    const em = await start();
    const bad = await call(em, 'POST', `${em.baseId}/Reminders`, {
      records: [{ fields: { Status: 'snoozed' } }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.type).toBe('INVALID_MULTIPLE_CHOICE_OPTIONS');
    const cast = await call(em, 'POST', `${em.baseId}/Reminders`, {
      records: [{ fields: { Status: 'snoozed' } }],
      typecast: true,
    });
    expect(cast.status).toBe(200);
    const date = await call(em, 'POST', `${em.baseId}/Reminders`, {
      records: [{ fields: { Due: 'next tuesday' } }],
    });
    expect(date).toMatchObject({
      status: 422,
      body: { error: { type: 'INVALID_VALUE_FOR_COLUMN' } },
    });
  });

  it('rejects a formula it cannot parse with INVALID_FILTER_BY_FORMULA', async () => {
    const em = await start();
    for (const formula of [
      '{Key} = "unterminated',
      '{Key = 1',
      'SEARCH("a", {Key})',
      '{Nope} = 1',
    ]) {
      const response = await call(
        em,
        'GET',
        `${em.baseId}/Reminders?filterByFormula=${encodeURIComponent(formula)}`,
      );
      expect(response.status, formula).toBe(422);
      expect(response.body.error.type).toBe('INVALID_FILTER_BY_FORMULA');
    }
  });

  it('pages with offset and rejects a pageSize above 100', async () => {
    const em = await start();
    for (let i = 0; i < 25; i++) em.state.insert('Reminders', row(i).fields);
    const first = await call(em, 'GET', `${em.baseId}/Reminders?pageSize=10`);
    expect(first.body.records).toHaveLength(10);
    const second = await call(
      em,
      'GET',
      `${em.baseId}/Reminders?pageSize=10&offset=${encodeURIComponent(first.body.offset)}`,
    );
    expect(second.body.records[0].fields.Name).toBe('Reminder 10');
    expect((await call(em, 'GET', `${em.baseId}/Reminders?pageSize=101`)).status).toBe(422);
    expect((await call(em, 'GET', `${em.baseId}/Reminders?offset=bogus`)).status).toBe(422);
  });

  it('describes its tables through the metadata API', async () => {
    const em = await start();
    const { body } = await call(em, 'GET', `meta/bases/${em.baseId}/tables`);
    const table = body.tables[0];
    expect(table.name).toBe('Reminders');
    expect(table.primaryFieldId).toBe(table.fields[0].id);
    expect(
      table.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`),
    ).toContain('Done:checkbox');
  });

  it('answers 401 without the right token, 403 for a base or table it cannot see, 404 off the routes', async () => {
    const em = await start();
    const denied = await call(em, 'GET', `${em.baseId}/Reminders`, undefined, 'nope');
    expect(denied).toMatchObject({
      status: 401,
      body: { error: { type: 'AUTHENTICATION_REQUIRED' } },
    });
    // Airtable does not tell a missing base or table from one the token may not see.
    const notSeen = {
      status: 403,
      body: { error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND' } },
    };
    expect(await call(em, 'GET', 'appNOPE/Reminders')).toMatchObject(notSeen);
    expect(await call(em, 'GET', 'meta/bases/appNOPE/tables')).toMatchObject(notSeen);
    expect(await call(em, 'GET', `${em.baseId}/Remindres`)).toMatchObject(notSeen);
    expect(await call(em, 'PATCH', `${em.baseId}/Remindres`, { records: [row(1)] })).toMatchObject(
      notSeen,
    );
    expect(await call(em, 'GET', `meta/bases/${em.baseId}/nope`)).toMatchObject({
      status: 404,
      body: { error: { type: 'NOT_FOUND' } },
    });
  });
});

describe('rate limit', () => {
  it('answers 429 to a sixth request within a second, even spread out, and blocks the base', async () => {
    const em = await start({ rateLimit: {}, penaltySeconds: 0.3 });
    const started = performance.now();
    for (let i = 0; i < 5; i++)
      expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(200);
    // A token bucket of 5 a second would have refilled two requests by now.
    await new Promise((resolve) => setTimeout(resolve, 450));
    const sixth = await call(em, 'GET', `${em.baseId}/Reminders`);
    // On a machine so slow that a second passed, the first request has left the window.
    if (performance.now() - started < 1000) expect(sixth.status).toBe(429);
  });

  it('lets a base use its five again once a window has passed since each', async () => {
    const em = await start({ rateLimit: { requests: 5, windowMs: 200 }, penaltySeconds: 0.05 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++)
        expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('answers 429 once the base has used its window, and keeps it blocked for the penalty', async () => {
    // A long window (10 s) keeps this test independent of the machine's speed.
    const em = await start({ rateLimit: { requests: 5, windowMs: 10_000 }, penaltySeconds: 0.3 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await call(em, 'GET', `${em.baseId}/Reminders`)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(statuses[6]).toBe(429);
    const blocked = await call(em, 'GET', `${em.baseId}/Reminders`);
    expect(blocked.body).toEqual({
      errors: [
        { error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 350));
    // The penalty is over, but the window is still full: the next request starts a new penalty.
    expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(429);
  });

  it('keeps answering 429 for penaltySeconds after a 429, then serves again', async () => {
    const em = await start({ faults: { script: [{ at: 1, kind: '429' }] }, penaltySeconds: 0.3 });
    expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(429);
    expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await call(em, 'GET', `${em.baseId}/Reminders`)).status).toBe(200);
  });

  it('sends Retry-After only when asked to', async () => {
    const em = await start({
      faults: { script: [{ at: 1, kind: '429' }] },
      retryAfterHeader: true,
      penaltySeconds: 2,
    });
    const response = await fetch(`${em.url}/v0/${em.baseId}/Reminders`, {
      headers: { Authorization: `Bearer ${em.token}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
  });
});

describe('faults', () => {
  it('applies a write whose answer is dropped, so only idempotent writes survive it', async () => {
    const em = await start({ faults: { script: [{ at: 1, kind: 'drop' }] } });
    await expect(
      fetch(`${em.url}/v0/${em.baseId}/Reminders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${em.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ records: [row(1)] }),
      }),
    ).rejects.toThrow();
    expect(em.state.records('Reminders')).toHaveLength(1);
  });

  it('does not apply a write answered with a 5xx', async () => {
    const em = await start({ faults: { script: [{ at: 1, kind: '503' }] } });
    const response = await call(em, 'POST', `${em.baseId}/Reminders`, { records: [row(1)] });
    expect(response.status).toBe(503);
    expect(em.state.records('Reminders')).toEqual([]);
  });
});
