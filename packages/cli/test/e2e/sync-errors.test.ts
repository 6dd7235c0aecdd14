/**
 * How `runner-up sync` fails. Anything the remote service answered (or failed to answer: 401, 403,
 * 404, 429 after the retries, 5xx, no connection) exits 1; a mistake found before asking it (a
 * missing token, a bad flag value, an invalid file) exits 2. The messages read well and never carry
 * the token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type EmulatorResult,
  startAirtableEmulator,
  startHttpEmulator,
  startNotionEmulator,
} from '@runner-up/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { type CliResult, runCli, scratchDir } from '../setup/run-cli';
import { AIRTABLE_TOKEN, NOTION_TOKEN, NOW } from '../setup/sync';

const DATABASE = '11111111-1111-4111-8111-111111111111';
const BASE = 'appRunnerUpTest01';

beforeAll(ensureBuilt, 600_000);

/** A server, and the `sync` command line and environment that point at it. */
interface Target {
  url: string;
  close(): Promise<void>;
}

/** An answer every request gets: to test statuses the emulators never give. */
const always = (result: EmulatorResult) => startHttpEmulator(() => result);

/** A URL nothing listens on. */
async function nowhere(): Promise<Target> {
  const server = await startHttpEmulator(() => ({ status: 200 }));
  await server.close();
  return { url: server.url, close: async () => {} };
}

const project = () => commentedProject().cwd;

async function syncNotion(target: Target, extra: string[] = []): Promise<CliResult> {
  try {
    return await runCli(['sync', 'notion', '--database', DATABASE, '--now', NOW, ...extra], {
      cwd: project(),
      env: { NOTION_TOKEN, NOTION_BASE_URL: target.url },
    });
  } finally {
    await target.close();
  }
}

async function syncAirtable(
  target: Target,
  { base = BASE, table = 'Reminders' }: { base?: string; table?: string } = {},
): Promise<CliResult> {
  try {
    return await runCli(['sync', 'airtable', '--base', base, '--table', table, '--now', NOW], {
      cwd: project(),
      env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: target.url },
    });
  } finally {
    await target.close();
  }
}

/** Exit 1 with one `[runner-up]` message on stderr that never shows a token. */
function expectRemoteFailure(result: CliResult): string {
  expect(result.stderr).toMatch(/^\[runner-up\] \[(notion|airtable)\] /m);
  expect(result.code).toBe(1);
  expect(result.stdout + result.stderr).not.toContain(NOTION_TOKEN);
  expect(result.stdout + result.stderr).not.toContain(AIRTABLE_TOKEN);
  return result.stderr;
}

// Retries back off for several seconds before giving up: these run side by side.
describe.concurrent('runner-up sync notion: every error from Notion exits 1', () => {
  it('401: the token is refused', async () => {
    const emulator = await startNotionEmulator({ token: 'secret_the_right_one_0000' });
    expect(expectRemoteFailure(await syncNotion(emulator))).toContain('(401 unauthorized)');
  });

  it('403: the integration may not read the database', async () => {
    const server = await always({
      status: 403,
      body: {
        object: 'error',
        status: 403,
        code: 'restricted_resource',
        message: 'Insufficient permissions for this endpoint.',
      },
    });
    expect(expectRemoteFailure(await syncNotion(server))).toContain('(403 restricted_resource)');
  });

  it('404: the database is unknown or not shared', async () => {
    const emulator = await startNotionEmulator({
      token: NOTION_TOKEN,
      databaseId: '99999999-9999-4999-8999-999999999999',
    });
    expect(expectRemoteFailure(await syncNotion(emulator))).toContain('(404 object_not_found)');
  });

  it('429 after the retries', async () => {
    const emulator = await startNotionEmulator({
      token: NOTION_TOKEN,
      faults: { probability: 1, kinds: ['429'] },
      faultRetryAfterSeconds: 0,
    });
    expect(expectRemoteFailure(await syncNotion(emulator))).toContain(
      'still rate limited after 5 retries',
    );
  });

  it('5xx after the retries', { timeout: 40_000 }, async () => {
    const emulator = await startNotionEmulator({
      token: NOTION_TOKEN,
      faults: { probability: 1, kinds: ['503'] },
    });
    expect(expectRemoteFailure(await syncNotion(emulator))).toContain(
      'Gave up after 5 retries; run the sync again.',
    );
  });

  it('no connection, in sentences that end with a full stop', { timeout: 40_000 }, async () => {
    const stderr = expectRemoteFailure(await syncNotion(await nowhere()));
    expect(stderr).toBe(
      '[runner-up] [notion] Reading the database failed: fetch failed. Gave up after 5 retries; run the sync again.\n',
    );
  });
});

describe.concurrent('runner-up sync airtable: every error from Airtable exits 1', () => {
  const emulator = (options: Parameters<typeof startAirtableEmulator>[0] = {}) =>
    startAirtableEmulator({ token: AIRTABLE_TOKEN, rateLimit: false, ...options });

  it('401: the token is refused', async () => {
    const server = await emulator({ token: 'patTheRightOne.000000' });
    expect(expectRemoteFailure(await syncAirtable(server))).toContain('(401 ');
  });

  it('403: the token may not read the base', async () => {
    const server = await always({
      status: 403,
      body: { error: { type: 'INVALID_PERMISSIONS', message: 'You are not permitted.' } },
    });
    expect(expectRemoteFailure(await syncAirtable(server))).toContain('(403 INVALID_PERMISSIONS');
  });

  it('403: the base is unknown, or the token cannot reach it', async () => {
    // Airtable answers both with one 403 (INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND).
    const result = await syncAirtable(await emulator(), { base: 'appNoSuchBase0001' });
    const message = expectRemoteFailure(result);
    expect(message).toContain(
      'The base appNoSuchBase0001 was not found, or the token cannot reach it',
    );
    expect(message).toContain('403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
  });

  it('the table is not in the base', async () => {
    const result = await syncAirtable(await emulator(), { table: 'Remindres' });
    expect(expectRemoteFailure(result)).toContain('Table "Remindres" was not found in the base');
  });

  it('429 after the retries', async () => {
    const server = await emulator({
      faults: { probability: 1, kinds: ['429'] },
      retryAfterHeader: true,
      penaltySeconds: 0,
    });
    expect(expectRemoteFailure(await syncAirtable(server))).toContain(
      'still rate limited (429) after 5 retries',
    );
  });

  it('5xx after the retries', { timeout: 40_000 }, async () => {
    const server = await emulator({ faults: { probability: 1, kinds: ['503'] } });
    expect(expectRemoteFailure(await syncAirtable(server))).toContain(
      'failed after 5 retries: 503',
    );
  });

  it('no connection', { timeout: 40_000 }, async () => {
    expect(expectRemoteFailure(await syncAirtable(await nowhere()))).toContain(
      'failed after 5 retries: the connection failed.',
    );
  });
});

describe.concurrent('runner-up sync: a mistake found before asking the service exits 2', () => {
  /** A service that must not be asked anything. */
  async function untouched() {
    let asked = 0;
    const server = await startHttpEmulator(() => {
      asked += 1;
      return { status: 500 };
    });
    return { url: server.url, close: () => server.close(), asked: () => asked };
  }

  const usage = (result: CliResult, message: string) => {
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
  };

  it('a missing token', async () => {
    const server = await untouched();
    const result = await runCli(['sync', 'airtable', '--base', BASE, '--table', 'Reminders'], {
      cwd: project(),
      env: { AIRTABLE_ENDPOINT_URL: server.url },
    });
    await server.close();
    usage(result, 'Missing AIRTABLE_TOKEN');
    expect(server.asked()).toBe(0);
  });

  it('a missing or malformed flag', async () => {
    const server = await untouched();
    // `--now` once: given twice with two values, it is refused as given twice.
    const badNow = await runCli(['sync', 'notion', '--database', DATABASE, '--now', 'yesterday'], {
      cwd: project(),
      env: { NOTION_TOKEN, NOTION_BASE_URL: server.url },
    });
    await server.close();
    usage(badNow, '`--now` expects an ISO instant');
    const noDatabase = await runCli(['sync', 'notion'], {
      cwd: project(),
      env: { NOTION_TOKEN },
    });
    usage(
      noDatabase,
      '[runner-up] [notion] Missing --database <id> (the database to sync with) or --data-source <id> (one of its data sources).',
    );
    expect(server.asked()).toBe(0);
  });

  it('a base id Airtable could never have given', async () => {
    const server = await untouched();
    const result = await runCli(['sync', 'airtable', '--base', 'app/../x', '--table', 'R'], {
      cwd: project(),
      env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: server.url },
    });
    await server.close();
    usage(result, '[runner-up] [airtable] `--base` expects an Airtable base id');
    expect(server.asked()).toBe(0);
  });

  // A table name given to --base went to Airtable and retried for 16 s before failing (exit 1).
  it('a --base that is no Airtable base id, a blank --table, a service URL that is no URL', async () => {
    const server = await untouched();
    const airtable = (args: string[], env: Record<string, string> = {}) =>
      runCli(['sync', 'airtable', ...args, '--dry-run'], {
        cwd: project(),
        env: { AIRTABLE_TOKEN, AIRTABLE_ENDPOINT_URL: server.url, ...env },
      });
    const byName = await airtable(['--base', 'Reminders', '--table', 'Reminders']);
    usage(
      byName,
      '[runner-up] [airtable] `--base` expects an Airtable base id: `app` and 14 letters or digits, as in the base\'s URL (airtable.com/appXXXXXXXXXXXXXX/...), got "Reminders".\n',
    );
    expect(byName.stderr).not.toContain('baseId');
    usage(await airtable(['--base', 'appRunnerUpTest0', '--table', 'R']), '`--base` expects');
    usage(
      await airtable(['--base', BASE, '--table', ' ']),
      '[runner-up] [airtable] `--table` expects the table\'s name or id (tbl...), got " ".',
    );
    usage(
      await airtable(['--base', BASE, '--table', 'R'], { AIRTABLE_ENDPOINT_URL: 'localhost:1' }),
      '[runner-up] [airtable] AIRTABLE_ENDPOINT_URL expects an http(s) URL',
    );
    usage(
      await runCli(['sync', 'notion', '--database', DATABASE], {
        cwd: project(),
        env: { NOTION_TOKEN, NOTION_BASE_URL: 'not a url' },
      }),
      '[runner-up] [notion] NOTION_BASE_URL expects an http(s) URL',
    );
    await server.close();
    expect(server.asked()).toBe(0);
  });

  it('an invalid pipeline file', async () => {
    const server = await untouched();
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'runner-up.yaml'), 'version: 1\nowner: {}\n');
    const result = await runCli(['sync', 'notion', '--database', DATABASE], {
      cwd,
      env: { NOTION_TOKEN, NOTION_BASE_URL: server.url },
    });
    await server.close();
    usage(result, 'is not a valid pipeline');
    expect(server.asked()).toBe(0);
  });
});
