import { inspect } from 'node:util';
import { Client } from '@notionhq/client';
import { isRunnerUpError, type RunnerUpError } from '@runner-up/core';
import { notionPlugin, notionSink, syncNotion } from '@runner-up/notion';
import { buildReminders, startHttpEmulator, startNotionEmulator } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { FAST } from './harness';

const caught = (run: () => unknown): RunnerUpError => {
  try {
    run();
  } catch (error) {
    expect(isRunnerUpError(error)).toBe(true);
    return error as RunnerUpError;
  }
  throw new Error('expected an error');
};

const rejected = async (promise: Promise<unknown>): Promise<RunnerUpError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isRunnerUpError(error), String(error)).toBe(true);
  return error as RunnerUpError;
};

describe('notion options', () => {
  it('names a missing token', () => {
    const error = caught(() => notionSink({ databaseId: 'db' }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toMatch(/^\[runner-up\] \[notion\] Missing required option `auth`/);
    expect(error.path).toEqual(['auth']);
  });

  it('names a missing database', () => {
    const error = caught(() => notionSink({ auth: 'secret_x' }));
    expect(error.message).toBe(
      '[runner-up] [notion] Missing required option `databaseId` (or `dataSourceId`).',
    );
  });

  it('names an invalid option and its path', () => {
    const error = caught(() =>
      notionSink({ auth: 'secret_x', databaseId: 'db', requestsPerSecond: 0 }),
    );
    expect(error.message).toMatch(/^\[runner-up\] \[notion\] Invalid option `requestsPerSecond`: /);
    expect(error.path).toEqual(['requestsPerSecond']);
  });

  it('rejects unknown options and a field map that sends two fields to one property', () => {
    expect(
      caught(() => notionSink({ auth: 'a', databaseId: 'd', databaseID: 'x' } as never)).message,
    ).toBe('[runner-up] [notion] Unknown option `databaseID`; did you mean `databaseId`?');
    expect(
      caught(() => notionSink({ auth: 'a', databaseId: 'd', fieldMap: { Why: 'Notes' } })).message,
    ).toMatch(/maps both `Why` and `Notes` to the property "Notes"/);
  });

  it('makes a plugin that registers the notion sink with its capabilities', () => {
    const plugin = notionPlugin({ auth: 'secret_x', databaseId: 'db' });
    expect(plugin.name).toBe('notion');
    expect(plugin.sinks.notion.capabilities).toEqual({
      dryRun: true,
      completions: true,
      cancel: true,
      batchSize: 1,
    });
  });
});

describe('notion client option', () => {
  it('refuses a client without the data source API (as @notionhq/client 4 is) before any request', () => {
    const v4Like = {
      databases: { query: () => {}, retrieve: () => {} },
      pages: { create: () => {} },
    };
    const error = caught(() =>
      notionSink({ client: v4Like as unknown as Client, databaseId: 'db' }),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['client']);
    expect(error.message).toBe(
      '[runner-up] [notion] Invalid option `client`: expected a `Client` of `@notionhq/client` 5.x (one with `dataSources`, which Notion API 2025-09-03 needs).',
    );
  });

  it('takes any object with the methods of a 5.x Client, such as one from another copy of the package', async () => {
    const emulator = await startNotionEmulator();
    try {
      const real = new Client({ auth: emulator.token, baseUrl: emulator.url, retry: false });
      // Only the parts the sync calls: as a Client of another copy of @notionhq/client looks
      // to the type checker, which compares it by shape.
      const { databases, dataSources, pages } = real;
      const report = await syncNotion(buildReminders(3), {
        client: { databases, dataSources, pages },
        databaseId: emulator.databaseId,
        ...FAST,
      });
      expect(report.created).toBe(3);
    } finally {
      await emulator.close();
    }
  });
});

describe('notion token', () => {
  it('refuses a token that cannot go in a header (a copied `…` or a line break) at once, without showing it', async () => {
    for (const auth of ['secret_AbC…', 'secret_AbCdEf123\n', 'secret AbC']) {
      const error = caught(() => notionSink({ auth, databaseId: 'db' }));
      expect(error.code).toBe('invalid_options');
      expect(error.path).toEqual(['auth']);
      expect(error.message).toBe(
        '[runner-up] [notion] Invalid option `auth`: expected the token as it was issued (visible ASCII characters, no spaces or line breaks); it holds another character, such as a line break or the `…` of an example.',
      );
      expect(JSON.stringify(error)).not.toContain('AbC');
    }
    // Before a single request: nothing listens there, and nothing is retried.
    const error = await rejected(
      syncNotion([], { auth: 'secret_…', baseUrl: 'http://127.0.0.1:9', databaseId: 'db' }),
    );
    expect(error.code).toBe('invalid_options');
  });
});

describe('notion baseUrl', () => {
  it('refuses one holding a user name or password, without showing it', () => {
    const error = caught(() =>
      notionSink({
        auth: 'secret_x',
        databaseId: 'db',
        baseUrl: 'http://proxy:hunter2@127.0.0.1:9',
      }),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['baseUrl']);
    expect(error.message).toBe(
      '[runner-up] [notion] Invalid option `baseUrl`: expected no user name or password in the URL: they are never sent (fetch refuses such a URL); give the URL without them.',
    );
    expect(inspect(error)).not.toContain('hunter2');
  });
});

describe('notion errors', () => {
  it('never shows the token, even when Notion rejects it', async () => {
    const emulator = await startNotionEmulator({ token: 'secret_the_real_one' });
    try {
      const token = 'secret_ThisMustNeverBeShown_123';
      const error = await rejected(
        syncNotion(buildReminders(1), {
          auth: token,
          baseUrl: emulator.url,
          databaseId: emulator.databaseId,
          ...FAST,
        }),
      );
      expect(error.code).toBe('remote_request_failed');
      expect(error.message).toMatch(/\(401 unauthorized\)/);
      expect(error.message).toMatch(/NOTION_TOKEN/);
      expect(inspect(error, { depth: 10 })).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain(token);
    } finally {
      await emulator.close();
    }
  });

  it('says to share the database when it is not found', async () => {
    const emulator = await startNotionEmulator();
    try {
      const error = await rejected(
        syncNotion([], {
          auth: emulator.token,
          baseUrl: emulator.url,
          databaseId: 'nope',
          ...FAST,
        }),
      );
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(/Share the database with your integration/);
    } finally {
      await emulator.close();
    }
  });

  it('gives up with code rate_limited after bounded retries', async () => {
    const emulator = await startNotionEmulator({
      faults: { probability: 1, kinds: ['429'] },
      faultRetryAfterSeconds: 0,
    });
    try {
      const error = await rejected(
        syncNotion([], {
          auth: emulator.token,
          baseUrl: emulator.url,
          databaseId: emulator.databaseId,
          ...FAST,
          maxRetries: 2,
        }),
      );
      expect(error.code).toBe('rate_limited');
      expect(emulator.requests.total).toBe(3);
    } finally {
      await emulator.close();
    }
  });

  it('after a 429, sends nothing until Retry-After has passed: also requests that were already waiting for their turn', async () => {
    // The sixth request is refused with Retry-After: 1; the others were paced 3 a second, 3 at a
    // time, so some had taken their turn before the 429 came in (regression: those went out inside
    // the pause, and one 429 became several).
    const emulator = await startNotionEmulator({
      faults: { script: [{ at: 6, kind: '429' }] },
      faultRetryAfterSeconds: 1,
    });
    const sent: number[] = [];
    let refusedAt: number | undefined;
    let refused = 0;
    const client = new Client({
      auth: emulator.token,
      baseUrl: emulator.url,
      // As the sink makes its own client: the retries are the sink's.
      retry: false,
      logger: () => {},
      fetch: async (url, init) => {
        sent.push(Date.now());
        const response = await fetch(url, init);
        if (response.status === 429) {
          refused += 1;
          refusedAt ??= Date.now();
        }
        return response;
      },
    });
    try {
      const report = await syncNotion(buildReminders(10), {
        client,
        databaseId: emulator.databaseId,
        ...FAST,
        requestsPerSecond: 3,
        maxConcurrency: 3,
      });
      expect(report.created).toBe(10);
      expect(refusedAt).toBeDefined();
      const inside = sent.filter((at) => at > refusedAt! && at < refusedAt! + 1000);
      expect(inside).toEqual([]);
      expect(refused).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('waits and retries when the service rate-limits it, and counts each retry once', async () => {
    const emulator = await startNotionEmulator({ rateLimit: { ratePerSecond: 20, burst: 2 } });
    try {
      const report = await syncNotion(buildReminders(6), {
        auth: emulator.token,
        baseUrl: emulator.url,
        databaseId: emulator.databaseId,
        ...FAST,
        // Pace faster than the emulator allows, so it answers 429.
        requestsPerSecond: 1000,
      });
      expect(report.created).toBe(6);
      // One retry per 429 the service answered: nothing else failed here.
      const limited = emulator.log.filter((entry) => entry.status === 429).length;
      expect(limited).toBeGreaterThan(0);
      expect(report.retries).toBe(limited);
      expect(report.requests).toBe(emulator.requests.total);
      expect(emulator.pages()).toHaveLength(6);
    } finally {
      await emulator.close();
    }
  });

  it('fails clearly when the answers are not Notion’s', async () => {
    const server = await startHttpEmulator(() => ({ status: 200, body: { hello: 'world' } }));
    try {
      const error = await rejected(
        syncNotion([], { auth: 'secret_x', baseUrl: server.url, dataSourceId: 'ds', ...FAST }),
      );
      expect(error.code).toBe('remote_request_failed');
      expect(error.message).toMatch(
        /^\[runner-up\] \[notion\] Unexpected answer to a data source lookup: `properties` .*Is `baseUrl` pointing at the Notion API\?$/,
      );
    } finally {
      await server.close();
    }
  });

  it('ends the failure with a full stop before saying it gave up, and counts one retry as one', async () => {
    const server = await startHttpEmulator(() => ({ status: 200 }));
    await server.close();
    const error = await rejected(
      syncNotion([], {
        auth: 'secret_x',
        baseUrl: server.url,
        dataSourceId: 'ds',
        ...FAST,
        maxRetries: 1,
      }),
    );
    expect(error.code).toBe('remote_request_failed');
    expect(error.message).toBe(
      '[runner-up] [notion] Reading the data source failed: fetch failed. Gave up after 1 retry; run the sync again.',
    );
  });
});
