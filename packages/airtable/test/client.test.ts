import { AirtableClient, syncAirtable } from '@runner-up/airtable';
import { isRunnerUpError } from '@runner-up/core';
import { buildReminders, startAirtableEmulator } from '@runner-up/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAST, FAST_EMULATOR } from './harness';

const TOKEN = 'patSECRETsecret.0123456789abcdef';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const page = { records: [], offset: undefined };

function client(
  fetchFn: typeof fetch,
  overrides: Partial<ConstructorParameters<typeof AirtableClient>[0]> = {},
) {
  return new AirtableClient({
    token: TOKEN,
    baseId: 'appTEST',
    endpointUrl: 'https://airtable.test',
    requestsPerSecond: 5,
    maxRetries: 3,
    timeoutMs: 30_000,
    rateLimitWaitMs: 30_000,
    retryDelayMs: 500,
    fetch: fetchFn,
    ...overrides,
  });
}

const caught = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error & { code?: string },
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('AirtableClient pacing and retries', () => {
  it('spaces requests 10% wider than requestsPerSecond asks: at five a second, one every 220 ms', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const fetchFn = vi.fn(async () => {
      started.push(Date.now());
      return json(200, { tables: [] });
    });
    const api = client(fetchFn as unknown as typeof fetch);
    const runs = Promise.all([1, 2, 3, 4, 5, 6].map(() => api.listTables()));
    await vi.advanceTimersByTimeAsync(2000);
    await runs;
    const gaps = started.slice(1).map((at, i) => at - started[i]!);
    expect(gaps).toEqual([220, 220, 220, 220, 220]);
  });

  it('keeps 220 ms between the requests that really start, when a timer fires late', async () => {
    // Real timers: the first request holds the event loop for 350 ms, so the second one's timer
    // (due at 200 ms) fires late. The third, reserved for 400 ms, used to go out 50 ms after the
    // second: six requests in one second, over Airtable's five.
    const started: number[] = [];
    const fetchFn = vi.fn(async () => {
      started.push(performance.now());
      if (started.length === 1) {
        const until = performance.now() + 350;
        while (performance.now() < until) {
          // busy: nothing else runs
        }
      }
      return json(200, { tables: [] });
    });
    const api = client(fetchFn as unknown as typeof fetch);
    await Promise.all([1, 2, 3, 4].map(() => api.listTables()));
    const gaps = started.slice(1).map((at, i) => at - started[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(340);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(219.5);
  });

  it('keeps the spacing across clients of one base that send with one fetch, and only of one base', async () => {
    const started: Array<[string, number]> = [];
    // One fetch, as every client in a real program shares the global one.
    const shared = vi.fn(async (url: string) => {
      started.push([url.includes('appOTHER') ? 'other' : 'shared', performance.now()]);
      return json(200, { tables: [] });
    }) as unknown as typeof fetch;
    // 10 a second: 110 ms apart.
    const one = client(shared, { baseId: 'appSHARED', requestsPerSecond: 10 });
    const two = client(shared, { baseId: 'appSHARED', requestsPerSecond: 10 });
    const other = client(shared, { baseId: 'appOTHER', requestsPerSecond: 10 });
    await one.listTables();
    // A second sync right after the first, and one next to it on another base.
    await Promise.all([two.listTables(), two.listTables(), other.listTables()]);
    const at = (who: string) => started.filter(([w]) => w === who).map(([, t]) => t);
    const [first, second, third] = at('shared');
    expect(second! - first!).toBeGreaterThanOrEqual(109.5);
    expect(third! - second!).toBeGreaterThanOrEqual(109.5);
    // The other base did not wait for this one's last request.
    expect(at('other')[0]! - first!).toBeLessThan(100);
  });

  it('keeps no spacing between clients that send with fetch functions of their own (tests, mocks)', async () => {
    const started: number[] = [];
    const own = () =>
      vi.fn(async () => {
        started.push(performance.now());
        return json(200, { tables: [] });
      }) as unknown as typeof fetch;
    const one = client(own(), { baseId: 'appMOCKED', requestsPerSecond: 1 });
    const two = client(own(), { baseId: 'appMOCKED', requestsPerSecond: 1 });
    await one.listTables();
    await two.listTables();
    // At one a second, a shared pace would hold the second request 1.1 s.
    expect(started[1]! - started[0]!).toBeLessThan(500);
  });

  it('lists again from the start when Airtable says the offset expired, twice at most', async () => {
    vi.useFakeTimers();
    const first = {
      records: [{ id: 'rec1', createdTime: '2026-01-01T00:00:00.000Z', fields: {} }],
      offset: 'itr1/rec1',
    };
    const second = {
      records: [{ id: 'rec2', createdTime: '2026-01-01T00:00:00.000Z', fields: {} }],
    };
    const expired = () =>
      json(422, {
        error: { type: 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', message: 'Iterator expired' },
      });
    const answer = (expiries: number) => {
      let left = expiries;
      return vi.fn(async (url: string) => {
        if (!url.includes('offset=')) return json(200, first);
        if (left > 0) {
          left -= 1;
          return expired();
        }
        return json(200, second);
      });
    };
    const recovered = answer(2);
    const listing = client(recovered as unknown as typeof fetch).listRecords('Reminders', {
      fields: [],
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await listing).map((r) => r.id)).toEqual(['rec1', 'rec2']);
    // Page one, expired, page one, expired, page one, page two.
    expect(recovered).toHaveBeenCalledTimes(6);

    const stuck = answer(3);
    const failing = caught(
      client(stuck as unknown as typeof fetch).listRecords('Reminders', { fields: [] }),
    );
    await vi.advanceTimersByTimeAsync(5000);
    const error = await failing;
    expect(error.code).toBe('remote_request_failed');
    expect(error.message).toContain('422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
    expect(error.message).toContain("the listing's offset expired");
    expect(stuck).toHaveBeenCalledTimes(6);
  });

  it('waits 30 s after a 429 without Retry-After, then retries', async () => {
    vi.useFakeTimers();
    const fetchFn = vi
      .fn()
      .mockResolvedValueOnce(json(429, { errors: [{ error: 'RATE_LIMIT_REACHED' }] }))
      .mockResolvedValue(json(200, page));
    const api = client(fetchFn as unknown as typeof fetch);
    const done = api.listRecords('Reminders', { fields: [] });
    await vi.advanceTimersByTimeAsync(29_900);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await done;
    expect(api.retries).toBe(1);
  });

  it('honours Retry-After when the answer carries it', async () => {
    vi.useFakeTimers();
    const fetchFn = vi
      .fn()
      .mockResolvedValueOnce(json(429, {}, { 'retry-after': '2' }))
      .mockResolvedValue(json(200, page));
    const api = client(fetchFn as unknown as typeof fetch);
    const done = api.listRecords('Reminders', { fields: [] });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await done;
  });

  it('waits at most 60 s whatever Retry-After says, as the Notion sink does', async () => {
    vi.useFakeTimers();
    const fetchFn = vi
      .fn()
      .mockResolvedValueOnce(json(429, {}, { 'retry-after': '86400' }))
      .mockResolvedValueOnce(
        json(429, {}, { 'retry-after': new Date(Date.now() + 7_200_000).toUTCString() }),
      )
      .mockResolvedValue(json(200, page));
    const api = client(fetchFn as unknown as typeof fetch);
    const done = api.listRecords('Reminders', { fields: [] });
    await vi.advanceTimersByTimeAsync(59_900);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    await done;
  });

  it('caps the doubling back-off at 60 s', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const fetchFn = vi.fn(async () => {
      started.push(Date.now());
      return json(503, { error: { type: 'SERVICE_UNAVAILABLE' } });
    });
    const api = client(fetchFn as unknown as typeof fetch, { retryDelayMs: 20_000 });
    const error = caught(api.listTables());
    await vi.advanceTimersByTimeAsync(200_000);
    await error;
    expect(started.slice(1).map((at, i) => at - started[i]!)).toEqual([20_000, 40_000, 60_000]);
  });

  it('names the table and the base when a table request answers 404, the base alone otherwise', async () => {
    const notFound = vi.fn(async () => json(404, { error: { type: 'NOT_FOUND' } }));
    const api = client(notFound as unknown as typeof fetch);
    expect(await caught(api.listRecords('Remindres', { fields: ['Key'] }))).toMatchObject({
      code: 'not_found',
      path: ['table'],
      message:
        '[runner-up] [airtable] Table "Remindres" was not found in the base appTEST (GET /v0/appTEST/Remindres: 404 NOT_FOUND). Check the table\'s name (or id) and the base id.',
    });
    expect(await caught(api.listTables())).toMatchObject({
      code: 'not_found',
      path: ['baseId'],
      message: expect.stringContaining('Check the base id appTEST.'),
    });
  });

  it('says a record being updated is gone when an update answers 404, not that the table is (regression)', async () => {
    // Airtable answers a table it does not know with 403; a 404 on an update is a record deleted
    // in Airtable after the sync read it.
    const gone = vi.fn(async () =>
      json(404, { error: { type: 'NOT_FOUND', message: 'Could not find record rec123' } }),
    );
    const error = await caught(
      client(gone as unknown as typeof fetch).updateRecords('Reminders', [], true),
    );
    expect(error).toMatchObject({
      code: 'remote_request_failed',
      message:
        '[runner-up] [airtable] PATCH /v0/appTEST/Reminders failed (404 NOT_FOUND: Could not find record rec123): a record of table "Reminders" being updated is gone (or the table), most likely deleted in Airtable while the sync ran. Run the sync again: it reads the table afresh and creates the rows that are missing.',
    });
    expect(error).not.toHaveProperty('path', ['table']);
  });

  it("calls Airtable's 403 for a base or table it cannot see not_found, other 403s a refusal", async () => {
    const notSeen = vi.fn(async () =>
      json(403, {
        error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', message: 'Invalid permissions.' },
      }),
    );
    const api = client(notSeen as unknown as typeof fetch);
    expect(await caught(api.updateRecords('Remindres', [], true))).toMatchObject({
      code: 'not_found',
      path: ['table'],
      message:
        '[runner-up] [airtable] Table "Remindres" was not found in the base appTEST, or the token cannot reach it (PATCH /v0/appTEST/Remindres: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: Invalid permissions.). Check the table\'s name (or id) and the base id. The token needs access to that base.',
    });
    expect(await caught(api.listTables())).toMatchObject({
      code: 'not_found',
      path: ['baseId'],
      message:
        '[runner-up] [airtable] The base appTEST was not found, or the token cannot reach it (GET /v0/meta/bases/appTEST/tables: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: Invalid permissions.). Check the base id, and that the token has the scope schema.bases:read and access to that base.',
    });
    const refused = vi.fn(async () => json(403, { error: { type: 'INVALID_PERMISSIONS' } }));
    expect(
      await caught(
        client(refused as unknown as typeof fetch).listRecords('Reminders', { fields: [] }),
      ),
    ).toMatchObject({
      code: 'remote_request_failed',
      message: expect.stringContaining('Check the token (AIRTABLE_TOKEN)'),
    });
  });

  it('backs off 500 ms, 1 s, 2 s on 5xx and gives up after maxRetries', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const fetchFn = vi.fn(async () => {
      started.push(Date.now());
      return json(503, { error: { type: 'SERVICE_UNAVAILABLE' } });
    });
    const api = client(fetchFn as unknown as typeof fetch);
    const error = caught(api.listTables());
    await vi.advanceTimersByTimeAsync(10_000);
    const failure = await error;
    expect(failure.code).toBe('remote_request_failed');
    expect(failure.message).toContain('after 3 retries');
    expect(started.slice(1).map((at, i) => at - started[i]!)).toEqual([500, 1000, 2000]);
  });

  it('says "1 retry", not "1 retries"', async () => {
    const fetchFn = vi.fn(async () => json(503, { error: { type: 'SERVICE_UNAVAILABLE' } }));
    const api = client(fetchFn as unknown as typeof fetch, { maxRetries: 1, retryDelayMs: 0 });
    expect((await caught(api.listTables())).message).toBe(
      '[runner-up] [airtable] GET /v0/meta/bases/appTEST/tables failed after 1 retry: 503 SERVICE_UNAVAILABLE.',
    );
    const limited = vi.fn(async () => json(429, {}, { 'retry-after': '0' }));
    const again = client(limited as unknown as typeof fetch, { maxRetries: 1 });
    expect((await caught(again.listTables())).message).toContain('(429) after 1 retry;');
  });

  it('stops with `rate_limited` when 429s outlast the retries', async () => {
    const fetchFn = vi.fn(async () => json(429, {}, { 'retry-after': '0' }));
    const api = client(fetchFn as unknown as typeof fetch, { requestsPerSecond: 1000 });
    const failure = await caught(api.listTables());
    expect(failure.code).toBe('rate_limited');
    expect(fetchFn).toHaveBeenCalledTimes(4);
  });

  it('gives up a request that takes longer than timeoutMs and retries it', async () => {
    let calls = 0;
    const fetchFn = ((_url: string, init: RequestInit) => {
      calls += 1;
      if (calls === 1) {
        return new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      }
      return Promise.resolve(json(200, { tables: [] }));
    }) as unknown as typeof fetch;
    const api = client(fetchFn, { timeoutMs: 20, retryDelayMs: 1, requestsPerSecond: 1000 });
    await expect(api.listTables()).resolves.toEqual([]);
    expect(api.retries).toBe(1);
  });

  it('rejects with `aborted` while waiting out a 429', async () => {
    const controller = new AbortController();
    const fetchFn = vi.fn(async () => {
      setTimeout(() => controller.abort(), 5);
      return json(429, {});
    });
    const api = client(fetchFn as unknown as typeof fetch, { signal: controller.signal });
    const failure = await caught(api.listTables());
    expect(failure.code).toBe('aborted');
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('rejects a response of the wrong shape instead of guessing', async () => {
    const api = client((async () => json(200, { tables: 'no' })) as unknown as typeof fetch);
    const failure = await caught(api.listTables());
    expect(failure.code).toBe('remote_request_failed');
    expect(failure.message).toContain('unexpected response');
  });
});

describe('the default pace against the per-base limit', () => {
  it('syncs without a single 429 from a base that allows 5 requests in any second', async () => {
    // The emulator's default limit is Airtable's, counted at arrival over a rolling second.
    const emulator = await startAirtableEmulator({ token: TOKEN });
    const statuses: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    try {
      const options = {
        token: TOKEN,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
        fetch: counting,
        // A 429 would stop the sync rather than wait out the emulator's 30 s.
        maxRetries: 0,
      };
      // Eleven batches of writes, then a listing and eleven of updates: about 25 requests.
      const first = await syncAirtable(buildReminders(105), options);
      expect(first.created).toBe(105);
      const moved = buildReminders(105).map((reminder) => ({
        ...reminder,
        why: `${reminder.why}!`,
      }));
      const second = await syncAirtable(moved, options);
      expect(second.updated).toBe(105);
      expect(statuses.length).toBeGreaterThan(20);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    } finally {
      await emulator.close();
    }
  }, 30_000);
});

describe('list requests', () => {
  it('send pageSize 100, the fields and the formula, with spaces as %20, and follow offset', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => {
      urls.push(url);
      return json(200, urls.length === 1 ? { records: [], offset: 'itr1/rec1' } : { records: [] });
    }) as unknown as typeof fetch;
    await client(fetchFn, { requestsPerSecond: 1000 }).listRecords('My table', {
      fields: ['Due date', 'a+b'],
      filterByFormula: "NOT({Key} = '')",
    });
    expect(urls).toHaveLength(2);
    expect(urls[0]).not.toContain('+');
    const first = new URL(urls[0]!);
    expect(first.pathname).toBe('/v0/appTEST/My%20table');
    expect(first.searchParams.get('pageSize')).toBe('100');
    expect(first.searchParams.getAll('fields[]')).toEqual(['Due date', 'a+b']);
    expect(first.searchParams.get('filterByFormula')).toBe("NOT({Key} = '')");
    expect(new URL(urls[1]!).searchParams.get('offset')).toBe('itr1/rec1');
  });
});

describe('the token', () => {
  it('goes only into the Authorization header', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return json(200, { tables: [] });
    }) as unknown as typeof fetch;
    await client(fetchFn).listTables();
    expect(seen[0]!.url).not.toContain(TOKEN);
    expect((seen[0]!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never appears in an error, whatever fails', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      const base = {
        ...FAST,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
      };
      const failures = await Promise.all([
        caught(syncAirtable(buildReminders(2), { ...base, token: TOKEN })),
        caught(syncAirtable(buildReminders(2), { ...base, token: TOKEN, baseId: 'app/../x' })),
        caught(syncAirtable(buildReminders(2), { ...base, token: TOKEN, table: 'Missing' })),
        caught(
          syncAirtable(buildReminders(2), {
            ...base,
            token: TOKEN,
            endpointUrl: 'http://127.0.0.1:9',
            maxRetries: 0,
          }),
        ),
        caught(syncAirtable(buildReminders(2), { ...base, token: TOKEN, timeoutMs: -1 })),
      ]);
      for (const failure of failures) {
        expect(isRunnerUpError(failure)).toBe(true);
        const everything = JSON.stringify({
          message: failure.message,
          stack: failure.stack,
          cause: String((failure as { cause?: unknown }).cause),
          issues: (failure as { issues?: unknown }).issues,
        });
        expect(everything).not.toContain(TOKEN);
        expect(everything).not.toContain('SECRET');
      }
      expect(failures[0]!.message).toMatch(
        /^\[runner-up\] \[airtable\] Airtable refused .*401 AUTHENTICATION_REQUIRED/,
      );
      expect(failures[0]!.message).toContain('schema.bases:read');
    } finally {
      await emulator.close();
    }
  });

  it('is taken out of an error body that echoes the Authorization header', async () => {
    // A proxy, or a service answering in its stead, may quote the request back.
    const echo = (status: number) =>
      (async (_url: string, init: RequestInit) => {
        const header = (init.headers as Record<string, string>).Authorization!;
        return json(status, { error: { type: `BAD ${header}`, message: `bad header ${header}` } });
      }) as unknown as typeof fetch;
    for (const [status, overrides] of [
      [422, {}],
      [401, {}],
      [503, { maxRetries: 0 }],
    ] as const) {
      const failure = await caught(client(echo(status), overrides).listTables());
      expect(isRunnerUpError(failure)).toBe(true);
      expect(failure.message).not.toContain(TOKEN);
      expect(failure.message).toContain('Bearer [redacted]');
    }
  });
});
