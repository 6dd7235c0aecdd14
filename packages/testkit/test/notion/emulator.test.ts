import { APIResponseError, Client } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { type NotionEmulator, type NotionEmulatorOptions, startNotionEmulator } from '../../src';

let emulator: NotionEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: NotionEmulatorOptions = {}) {
  emulator = await startNotionEmulator(options);
  const client = new Client({
    auth: emulator.token,
    baseUrl: emulator.url,
    retry: false,
    logger: () => {},
  });
  return { emulator, client };
}

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(APIResponseError.isAPIResponseError(error), String(error)).toBe(true);
  return error as APIResponseError;
};

const text = (content: string) => [{ type: 'text' as const, text: { content } }];

describe('Notion emulator, driven by the official client', () => {
  it('resolves a database to its data source and lists the runner-up properties', async () => {
    const { emulator, client } = await start();
    const database = (await client.databases.retrieve({ database_id: emulator.databaseId })) as {
      data_sources: Array<{ id: string }>;
    };
    expect(database.data_sources).toEqual([
      { id: emulator.dataSourceId, name: expect.any(String) },
    ]);
    const source = await client.dataSources.retrieve({ data_source_id: emulator.dataSourceId });
    expect(
      Object.fromEntries(Object.entries(source.properties).map(([name, p]) => [name, p.type])),
    ).toEqual({
      Name: 'title',
      Key: 'rich_text',
      Due: 'date',
      Opportunity: 'rich_text',
      Organization: 'rich_text',
      Contact: 'rich_text',
      Action: 'select',
      Status: 'select',
      Why: 'rich_text',
      Done: 'checkbox',
      Notes: 'rich_text',
    });
  });

  it('can make a database with no data source: an empty data_sources, and 404 for the source', async () => {
    const { emulator, client } = await start({ withoutDataSource: true });
    const database = (await client.databases.retrieve({ database_id: emulator.databaseId })) as {
      object: string;
      data_sources: unknown[];
    };
    expect(database).toMatchObject({ object: 'database', data_sources: [] });
    const error = await failure(
      client.dataSources.retrieve({ data_source_id: emulator.dataSourceId }),
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe('object_not_found');
    const create = await failure(
      client.pages.create({
        parent: { type: 'database_id', database_id: emulator.databaseId },
        properties: { Name: { title: text('nowhere to go') } },
      }),
    );
    expect(create.status).toBe(404);
    expect(emulator.pages()).toEqual([]);
  });

  it('can make a database with several data sources, each with its own properties and pages', async () => {
    const second = '66666666-6666-4666-8666-666666666666';
    const { emulator, client } = await start({
      moreDataSources: [{ id: second, name: 'Archive', properties: { Title: 'title' } }],
    });
    const database = (await client.databases.retrieve({ database_id: emulator.databaseId })) as {
      data_sources: unknown[];
    };
    expect(database.data_sources).toEqual([
      { id: emulator.dataSourceId, name: 'runner-up reminders' },
      { id: second, name: 'Archive' },
    ]);
    const source = await client.dataSources.retrieve({ data_source_id: second });
    expect(source).toMatchObject({
      id: second,
      title: [{ plain_text: 'Archive' }],
      parent: { type: 'database_id', database_id: emulator.databaseId },
    });
    expect(Object.keys(source.properties)).toEqual(['Title']);

    const page = await client.pages.create({
      parent: { type: 'data_source_id', data_source_id: second.replace(/-/g, '') },
      properties: { Title: { title: text('kept apart') } },
    });
    expect(page).toMatchObject({ parent: { data_source_id: second } });
    expect(emulator.pages(second)).toHaveLength(1);
    expect(emulator.pages()).toEqual([]);
    const rows = await client.dataSources.query({ data_source_id: emulator.dataSourceId });
    expect(rows.results).toEqual([]);
    expect((await client.dataSources.query({ data_source_id: second })).results).toHaveLength(1);

    // A database parent does not say which of the two the page is for.
    const ambiguous = await failure(
      client.pages.create({
        parent: { type: 'database_id', database_id: emulator.databaseId },
        properties: { Name: { title: text('which one?') } },
      }),
    );
    expect(ambiguous).toMatchObject({ status: 400, code: 'validation_error' });
    expect(() => emulator.pages('99999999-9999-4999-8999-999999999999')).toThrow(/no data source/);
  });

  it('creates a page and renders a zoned date as an instant with offset, like Notion', async () => {
    const { emulator, client } = await start();
    const page = await client.pages.create({
      parent: { type: 'data_source_id', data_source_id: emulator.dataSourceId },
      properties: {
        Name: { title: text('Thank Dana') },
        Key: { rich_text: text('acme/thank-you/1') },
        Due: { date: { start: '2027-01-04T09:30:00', time_zone: 'America/Chicago' } },
        Status: { select: { name: 'upcoming' } },
      },
    });
    const props = (page as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(props.Due!.date).toEqual({
      start: '2027-01-04T09:30:00.000-06:00',
      end: null,
      time_zone: null,
    });
    expect(props.Status!.select).toMatchObject({ name: 'upcoming' });
    expect(props.Done!.checkbox).toBe(false);
    expect(props.Notes!.rich_text).toEqual([]);
    expect(emulator.requests).toMatchObject({ reads: 0, writes: 1 });
  });

  it('pages through query results with start_cursor and next_cursor', async () => {
    const { emulator, client } = await start();
    for (let i = 0; i < 7; i++) {
      await client.pages.create({
        parent: { type: 'data_source_id', data_source_id: emulator.dataSourceId },
        properties: { Name: { title: text(`row ${i}`) }, Key: { rich_text: text(`k${i}`) } },
      });
    }
    await client.pages.create({
      parent: { type: 'data_source_id', data_source_id: emulator.dataSourceId },
      properties: { Name: { title: text('no key') } },
    });
    const keys: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await client.dataSources.query({
        data_source_id: emulator.dataSourceId,
        filter: { property: 'Key', rich_text: { is_not_empty: true } },
        page_size: 3,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      calls += 1;
      for (const r of page.results as unknown as Array<{
        properties: { Key: { rich_text: Array<{ plain_text: string }> } };
      }>) {
        keys.push(r.properties.Key.rich_text[0]!.plain_text);
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(calls).toBe(3);
  });

  it('rejects a page_size above 100 with a validation_error', async () => {
    const { emulator, client } = await start();
    const error = await failure(
      client.dataSources.query({ data_source_id: emulator.dataSourceId, page_size: 101 }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_error');
    expect(error.message).toMatch(/page_size/);
  });

  it('answers a wrong token with a Notion-shaped 401', async () => {
    const { emulator } = await start();
    const client = new Client({
      auth: 'secret_wrong',
      baseUrl: emulator.url,
      retry: false,
      logger: () => {},
    });
    const error = await failure(
      client.dataSources.retrieve({ data_source_id: emulator.dataSourceId }),
    );
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });

  it('requires the Notion-Version header', async () => {
    const { emulator } = await start();
    const response = await fetch(`${emulator.url}/v1/data_sources/${emulator.dataSourceId}`, {
      headers: { authorization: `Bearer ${emulator.token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ object: 'error', code: 'missing_version' });
  });

  it('refuses a Notion-Version before data sources, rather than answer as 2025-09-03 does', async () => {
    const { emulator } = await start();
    for (const version of ['2022-06-28', '2025-09-02']) {
      const response = await fetch(`${emulator.url}/v1/data_sources/${emulator.dataSourceId}`, {
        headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': version },
      });
      expect(response.status, version).toBe(400);
      expect(await response.json()).toMatchObject({
        object: 'error',
        code: 'validation_error',
        message: expect.stringContaining(`Notion-Version \`${version}\` is before 2025-09-03`),
      });
    }
  });

  it('sorts a query by each sort in turn: properties and timestamps, either direction', async () => {
    const { emulator, client } = await start();
    const ids: Record<string, string> = {};
    for (const [name, key, done] of [
      ['a', 'k2', true],
      ['b', 'k3', false],
      ['c', 'k1', true],
    ] as const) {
      const page = await client.pages.create({
        parent: { type: 'data_source_id', data_source_id: emulator.dataSourceId },
        properties: {
          Name: { title: text(name) },
          Key: { rich_text: text(key) },
          Done: { checkbox: done },
        },
      });
      ids[page.id] = name;
    }
    const order = async (sorts: unknown) => {
      const rows = await client.dataSources.query({
        data_source_id: emulator.dataSourceId,
        sorts: sorts as never,
      });
      return rows.results.map((row) => ids[row.id]);
    };
    expect(await order([])).toEqual(['a', 'b', 'c']);
    expect(await order([{ timestamp: 'created_time', direction: 'descending' }])).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(await order([{ property: 'Key', direction: 'ascending' }])).toEqual(['c', 'a', 'b']);
    expect(await order([{ property: 'Key', direction: 'descending' }])).toEqual(['b', 'a', 'c']);
    // Done first (descending), then by key within each.
    expect(
      await order([
        { property: 'Done', direction: 'descending' },
        { property: 'Key', direction: 'ascending' },
      ]),
    ).toEqual(['c', 'a', 'b']);
    const error = await failure(
      client.dataSources.query({
        data_source_id: emulator.dataSourceId,
        sorts: [{ property: 'Key', direction: 'up' } as never],
      }),
    );
    expect(error.status).toBe(400);
  });

  it('rejects rich text content over 2000 characters and arrays over 100 items', async () => {
    const { emulator, client } = await start();
    const parent = { type: 'data_source_id' as const, data_source_id: emulator.dataSourceId };
    const long = await failure(
      client.pages.create({ parent, properties: { Why: { rich_text: text('x'.repeat(2001)) } } }),
    );
    expect(long).toMatchObject({ status: 400, code: 'validation_error' });
    expect(long.message).toMatch(/Why\.rich_text\[0\]\.text\.content\.length should be ≤ `2000`/);
    const many = await failure(
      client.pages.create({
        parent,
        properties: { Why: { rich_text: Array.from({ length: 101 }, () => text('a')[0]!) } },
      }),
    );
    expect(many.message).toMatch(/length should be ≤ `100`/);
    expect(emulator.pages()).toHaveLength(0);
  });

  it('refuses a request body over 500KB with a validation_error, writing nothing', async () => {
    const { emulator, client } = await start();
    const parent = { type: 'data_source_id' as const, data_source_id: emulator.dataSourceId };
    // Every object and array within its own limit: 3 properties × 100 objects × 2000 characters
    // of a 2-byte letter is about 1.2 MB.
    const full = Array.from({ length: 100 }, () => text('é'.repeat(2000))[0]!);
    const big = await failure(
      client.pages.create({
        parent,
        properties: {
          Why: { rich_text: full },
          Notes: { rich_text: full },
          Contact: { rich_text: full },
        },
      }),
    );
    expect(big).toMatchObject({ status: 400, code: 'validation_error' });
    expect(big.message).toMatch(/500KB/);
    expect(emulator.pages()).toHaveLength(0);
    // Just under the limit is taken.
    const half = Array.from({ length: 100 }, () => text('é'.repeat(1200))[0]!);
    await client.pages.create({ parent, properties: { Why: { rich_text: half } } });
    expect(emulator.pages()).toHaveLength(1);
  });

  it('answers a body that is not JSON with 400 invalid_json', async () => {
    const { emulator } = await start();
    const response = await fetch(`${emulator.url}/v1/pages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.token}`,
        'notion-version': '2025-09-03',
        'content-type': 'application/json',
      },
      body: '{"parent": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      object: 'error',
      status: 400,
      code: 'invalid_json',
    });
    expect(emulator.pages()).toHaveLength(0);
  });

  it('rejects a value of the wrong type and an unknown property', async () => {
    const { emulator, client } = await start();
    const parent = { type: 'data_source_id' as const, data_source_id: emulator.dataSourceId };
    const wrongType = await failure(
      client.pages.create({ parent, properties: { Done: { rich_text: text('yes') } } as never }),
    );
    expect(wrongType).toMatchObject({ status: 400, code: 'validation_error' });
    expect(wrongType.message).toBe('Done is expected to be checkbox.');
    const unknown = await failure(
      client.pages.create({ parent, properties: { Nope: { rich_text: text('x') } } }),
    );
    expect(unknown.message).toBe('Nope is not a property that exists.');
  });

  it('adds properties through a data source update', async () => {
    const { emulator, client } = await start({ properties: { Name: 'title' } });
    await client.dataSources.update({
      data_source_id: emulator.dataSourceId,
      properties: {
        Key: { rich_text: {} },
        Status: { select: { options: [{ name: 'upcoming' }] } },
      },
    });
    const source = await client.dataSources.retrieve({ data_source_id: emulator.dataSourceId });
    expect(source.properties.Key?.type).toBe('rich_text');
    expect(source.properties.Status?.type).toBe('select');
  });

  it('answers 429 rate_limited with Retry-After beyond the token bucket', async () => {
    const { emulator, client } = await start({ rateLimit: { ratePerSecond: 1, burst: 2 } });
    const get = () => client.dataSources.retrieve({ data_source_id: emulator.dataSourceId });
    await get();
    await get();
    const error = await failure(get());
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limited');
    expect((error.headers as Headers).get('retry-after')).toBe('1');
  });

  it('injects scripted faults: 503, a dropped connection, and a timeout that still applies the write', async () => {
    const { emulator } = await start({
      faults: {
        script: [
          { at: 1, kind: '503' },
          { at: 2, kind: 'drop' },
          { at: 3, kind: 'timeout' },
        ],
      },
      timeoutHoldMs: 300,
    });
    const quick = new Client({
      auth: emulator.token,
      baseUrl: emulator.url,
      retry: false,
      logger: () => {},
      timeoutMs: 100,
    });
    const get = () => quick.dataSources.retrieve({ data_source_id: emulator.dataSourceId });
    expect((await failure(get())).status).toBe(503);
    await expect(get()).rejects.toThrow();
    await expect(
      quick.pages.create({
        parent: { type: 'data_source_id', data_source_id: emulator.dataSourceId },
        properties: { Key: { rich_text: text('k') } },
      }),
    ).rejects.toThrow(/timed out/i);
    expect(emulator.pages()).toHaveLength(1);
    await expect(get()).resolves.toMatchObject({ object: 'data_source' });
    expect(emulator.faults.injected).toMatchObject({ '503': 1, drop: 1, timeout: 1 });
  });
});
