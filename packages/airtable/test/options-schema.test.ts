import {
  airtablePlugin,
  airtableSink,
  parseAirtableOptions,
  syncAirtable,
} from '@runner-up/airtable';
import { createRegistry, toLocal } from '@runner-up/core';
import { buildReminders, reminderTableFields, startAirtableEmulator } from '@runner-up/testkit';
import { describe, expect, it } from 'vitest';
import { FAST, FAST_EMULATOR } from './harness';

const valid = { token: 'pat-x', baseId: 'appABC', table: 'Reminders' };

const rejection = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as Error & { code: string; path: unknown[]; issues: Array<{ message: string }> };
  }
  throw new Error('expected a throw');
};

describe('options', () => {
  it('names a missing required option the way every runner-up plugin does', () => {
    const error = rejection(() => parseAirtableOptions({ token: 'pat-x', table: 'Reminders' }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe('[runner-up] [airtable] Missing required option `baseId`.');
    expect(error.path).toEqual(['baseId']);
  });

  it('refuses a token that cannot go in a header (a copied `…` or a line break) at once, without showing it', async () => {
    for (const token of ['patAbC…', 'patAbCdEf123\n', 'pat AbC']) {
      const error = rejection(() => parseAirtableOptions({ ...valid, token }));
      expect(error.code).toBe('invalid_options');
      expect(error.path).toEqual(['token']);
      expect(error.message).toBe(
        '[runner-up] [airtable] Invalid option `token`: expected the token as it was issued (visible ASCII characters, no spaces or line breaks); it holds another character, such as a line break or the `…` of an example.',
      );
      expect(JSON.stringify(error)).not.toContain('AbC');
    }
    // Before a single request: no emulator is running, and nothing is retried.
    await expect(syncAirtable([], { ...valid, token: 'pat…' })).rejects.toMatchObject({
      code: 'invalid_options',
    });
  });

  it('refuses a misspelt option, so a typo of `dryRun` does not write for real', async () => {
    const error = rejection(() => parseAirtableOptions({ ...valid, dryrun: true }));
    expect(error).toMatchObject({
      code: 'invalid_options',
      path: ['dryrun'],
      message: '[runner-up] [airtable] Unknown option `dryrun`; did you mean `dryRun`?',
    });
    // Before a single request: no emulator is running.
    await expect(syncAirtable([], { ...valid, dryrun: true } as never)).rejects.toMatchObject({
      code: 'invalid_options',
      path: ['dryrun'],
    });
  });

  it('lists every invalid option at once', () => {
    const error = rejection(() =>
      airtableSink({ ...valid, requestsPerSecond: 0, fieldMap: { Due: '' } } as never),
    );
    expect(error.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('`fieldMap.Due`'),
      expect.stringContaining('`requestsPerSecond`'),
    ]);
  });

  it('refuses a timeoutMs past ten minutes, which a timer would fire at once', () => {
    const error = rejection(() => parseAirtableOptions({ ...valid, timeoutMs: 2 ** 31 }));
    expect(error).toMatchObject({ code: 'invalid_options', path: ['timeoutMs'] });
    expect(parseAirtableOptions({ ...valid, timeoutMs: 600_000 }).timeoutMs).toBe(600_000);
  });

  it('rejects a fieldMap entry for a field the sync does not know', () => {
    const error = rejection(() => parseAirtableOptions({ ...valid, fieldMap: { Deadline: 'x' } }));
    expect(error.message).toContain('`fieldMap');
  });

  it('refuses a fieldMap that sends two fields to one column, such as the Notes that are yours', async () => {
    expect(
      rejection(() => parseAirtableOptions({ ...valid, fieldMap: { Why: 'Notes' } })),
    ).toMatchObject({
      code: 'invalid_options',
      path: ['fieldMap', 'Why'],
      message:
        '[runner-up] [airtable] `fieldMap` maps both `Why` and `Notes` to the field "Notes"; give each its own field.',
    });
    const both = rejection(() =>
      parseAirtableOptions({ ...valid, fieldMap: { Organization: 'Company', Contact: 'Company' } }),
    );
    expect(both).toMatchObject({ path: ['fieldMap', 'Contact'] });
    expect(both.message).toContain('maps both `Organization` and `Contact` to the field "Company"');
    // A field mapped onto another's default name.
    expect(
      rejection(() => parseAirtableOptions({ ...valid, fieldMap: { Key: 'Name' } })),
    ).toMatchObject({
      path: ['fieldMap', 'Key'],
    });
    // Before a single request: no emulator is running.
    await expect(syncAirtable([], { ...valid, fieldMap: { Why: 'Notes' } })).rejects.toMatchObject({
      code: 'invalid_options',
    });
    // Swapping two names is fine.
    expect(
      parseAirtableOptions({ ...valid, fieldMap: { Why: 'Reason', Notes: 'Why' } }).fieldMap,
    ).toEqual({ Why: 'Reason', Notes: 'Why' });
  });

  it('refuses an endpointUrl holding a user name or password, without showing it', () => {
    for (const endpointUrl of [
      'http://proxy:hunter2@127.0.0.1:9',
      'https://only-user@api.example',
    ]) {
      const error = rejection(() => airtableSink({ ...valid, endpointUrl }));
      expect(error.code).toBe('invalid_options');
      expect(error.path).toEqual(['endpointUrl']);
      expect(error.message).toBe(
        '[runner-up] [airtable] Invalid option `endpointUrl`: expected no user name or password in the URL: they are never sent (fetch refuses such a URL); give the URL without them.',
      );
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('hunter2');
    }
  });

  it('fills in the documented defaults', () => {
    expect(parseAirtableOptions(valid)).toMatchObject({
      endpointUrl: 'https://api.airtable.com',
      requestsPerSecond: 5,
      maxRetries: 5,
      timeoutMs: 30_000,
      rateLimitWaitMs: 30_000,
      checkSchema: true,
      typecast: true,
      dryRun: false,
      fieldMap: {},
    });
  });

  it('makes a plugin that registers the `airtable` sink with its capabilities', () => {
    const registry = createRegistry([airtablePlugin(valid)]);
    expect(registry.sinks.get('airtable')?.capabilities).toEqual({
      dryRun: true,
      completions: true,
      cancel: true,
      batchSize: 10,
    });
  });
});

describe('schema check', () => {
  it('lists every missing and mistyped field before writing anything', async () => {
    const fields = reminderTableFields()
      .filter((field) => field.name !== 'Due' && field.name !== 'Why')
      .map((field) => (field.name === 'Done' ? { ...field, type: 'singleLineText' } : field));
    const emulator = await startAirtableEmulator({
      ...FAST_EMULATOR,
      tables: [{ name: 'Reminders', fields }],
    });
    try {
      const error = await syncAirtable(buildReminders(3), {
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
      }).catch((e: unknown) => e as Error & { code: string; issues: Array<{ path: unknown[] }> });
      expect(error).toMatchObject({ code: 'remote_schema_mismatch' });
      expect((error as Error).message).toBe(
        [
          '[runner-up] [airtable] Table "Reminders" does not have the fields the sync needs:',
          '  - missing field "Due": add it as dateTime',
          '  - missing field "Why": add it as multilineText or singleLineText or richText',
          '  - field "Done" is singleLineText, expected checkbox',
          'Add or change them in Airtable: the sync never changes the fields of a table.',
        ].join('\n'),
      );
      expect((error as { issues: Array<{ path: unknown[] }> }).issues.map((i) => i.path)).toEqual([
        ['fields', 'Due'],
        ['fields', 'Why'],
        ['fields', 'Done'],
      ]);
      expect(emulator.requests.writes).toBe(0);
      expect(emulator.requests.reads).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('names renamed fields by both names and finds a table by id', async () => {
    const emulator = await startAirtableEmulator({
      ...FAST_EMULATOR,
      tables: [
        {
          id: 'tblFollowUps00001',
          name: 'Follow-ups',
          fields: reminderTableFields().filter((field) => field.name !== 'Notes'),
        },
      ],
    });
    try {
      const options = {
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'tblFollowUps00001',
        endpointUrl: emulator.url,
      };
      const error = await syncAirtable(buildReminders(1), {
        ...options,
        fieldMap: { Due: 'Follow up on' },
      }).catch((e: unknown) => e as Error);
      expect((error as Error).message).toContain('missing field "Follow up on" (for Due)');
      // Notes is the user's own field: a table without it still syncs.
      await expect(syncAirtable(buildReminders(1), options)).resolves.toMatchObject({ created: 1 });
    } finally {
      await emulator.close();
    }
  });

  it('says which tables exist when the table is not there (not_found, as a 404 is)', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      await expect(
        syncAirtable([], {
          ...FAST,
          token: emulator.token,
          baseId: emulator.baseId,
          table: 'Remindres',
          endpointUrl: emulator.url,
        }),
      ).rejects.toMatchObject({
        code: 'not_found',
        path: ['table'],
        message: `[runner-up] [airtable] Table "Remindres" was not found in the base ${emulator.baseId} (tables: "Reminders"). Check the table's name (or id) and the base id.`,
      });
    } finally {
      await emulator.close();
    }
  });

  it('never repeats the token, given by mistake as the table, in its messages', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      for (const checkSchema of [true, false]) {
        const error = await syncAirtable(buildReminders(1), {
          ...FAST,
          token: emulator.token,
          baseId: emulator.baseId,
          table: emulator.token,
          endpointUrl: emulator.url,
          checkSchema,
        }).then(
          () => expect.unreachable('the sync should have failed'),
          (e: unknown) =>
            e as Error & { code: string; path: unknown[]; issues: { message: string }[] },
        );
        expect(error).toMatchObject({ code: 'not_found', path: ['table'] });
        expect(error.message).toContain('Table "[redacted]" was not found');
        for (let e: unknown = error; e instanceof Error; e = e.cause) {
          expect(e.message).not.toContain(emulator.token);
        }
        // Its issues (what `--json` prints) are kept, redacted too.
        expect(error.issues.map((issue) => issue.message)).toEqual([error.message]);
      }
    } finally {
      await emulator.close();
    }
  });

  it('calls an unknown table not_found, naming it and the base, with checkSchema off too', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      const error = await syncAirtable(buildReminders(1), {
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Remindres',
        endpointUrl: emulator.url,
        checkSchema: false,
      }).then(
        () => expect.unreachable('the sync should have failed'),
        (e: unknown) => e as Error & { code: string; path: unknown[] },
      );
      expect(error).toMatchObject({ code: 'not_found', path: ['table'] });
      expect(error.message).toMatch(
        new RegExp(
          `^\\[runner-up\\] \\[airtable\\] Table "Remindres" was not found in the base ${emulator.baseId}, or the token cannot reach it \\(GET /v0/${emulator.baseId}/Remindres: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: .*\\)\\. Check the table's name \\(or id\\) and the base id\\. The token needs access to that base\\.$`,
        ),
      );
    } finally {
      await emulator.close();
    }
  });

  it('calls a base the token cannot see not_found, with the check on (baseId) and off (table)', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      const options = {
        ...FAST,
        token: emulator.token,
        baseId: 'appNotSharedWith',
        table: 'Reminders',
        endpointUrl: emulator.url,
      };
      await expect(syncAirtable(buildReminders(1), options)).rejects.toMatchObject({
        code: 'not_found',
        path: ['baseId'],
        message: expect.stringMatching(
          /^\[runner-up\] \[airtable\] The base appNotSharedWith was not found, or the token cannot reach it \(GET \/v0\/meta\/bases\/appNotSharedWith\/tables: 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: .*\)\. Check the base id, and that the token has the scope schema\.bases:read and access to that base\.$/,
        ),
      });
      await expect(
        syncAirtable(buildReminders(1), { ...options, checkSchema: false }),
      ).rejects.toMatchObject({
        code: 'not_found',
        path: ['table'],
        message: expect.stringContaining(
          'Table "Reminders" was not found in the base appNotSharedWith, or the token cannot reach it',
        ),
      });
    } finally {
      await emulator.close();
    }
  });
});

describe('sync', () => {
  it('creates with performUpsert on Key and updates by id, ten records a request at most', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      const options = {
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
      };
      const reminders = buildReminders(25);
      const report = await syncAirtable(reminders, options);
      expect(report).toMatchObject({ created: 25, requests: 1 + 1 + 3 });
      const changed = reminders.map((r) => ({ ...r, status: 'due' as const }));
      await syncAirtable(changed, options);
      const writes = emulator.log.filter((entry) => entry.method === 'PATCH');
      expect(writes.map((entry) => entry.records)).toEqual([10, 10, 5, 10, 10, 5]);
      expect(emulator.state.records('Reminders').every((r) => r.fields.Status === 'due')).toBe(
        true,
      );
    } finally {
      await emulator.close();
    }
  });

  it('reads 100 records a page and reports progress', async () => {
    const emulator = await startAirtableEmulator({ ...FAST_EMULATOR });
    try {
      const options = {
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
      };
      const reminders = buildReminders(230);
      await syncAirtable(reminders, options);
      const progress: unknown[] = [];
      const report = await syncAirtable(reminders, {
        ...options,
        onProgress: (p) => progress.push(p),
      });
      expect(report).toMatchObject({ unchanged: 230, requests: 1 + 3 });
      expect(progress).toEqual([
        { phase: 'read', done: 100 },
        { phase: 'read', done: 200 },
        { phase: 'read', done: 230 },
      ]);
    } finally {
      await emulator.close();
    }
  });
});

describe('waits', () => {
  it('refuses a rateLimitWaitMs or retryDelayMs over 60 s, the ceiling of every wait', () => {
    for (const option of ['rateLimitWaitMs', 'retryDelayMs']) {
      const error = rejection(() => parseAirtableOptions({ ...valid, [option]: 120_000 }));
      expect(error.code).toBe('invalid_options');
      expect(error.path).toEqual([option]);
    }
    expect(parseAirtableOptions({ ...valid, rateLimitWaitMs: 60_000 }).rateLimitWaitMs).toBe(
      60_000,
    );
  });
});

describe('reminders sharing a key', () => {
  it('are refused before any request, as the Notion sink does', async () => {
    const [a, b] = buildReminders(2);
    let requests = 0;
    const counting: typeof fetch = () => {
      requests += 1;
      return Promise.reject(new Error('no request expected'));
    };
    const error = await syncAirtable([a!, { ...b!, key: a!.key }], {
      ...valid,
      fetch: counting,
      maxRetries: 0,
    }).then(
      () => expect.unreachable('the sync should have been refused'),
      (e: unknown) => e as Error & { code: string; path: unknown[] },
    );
    expect(error).toMatchObject({ code: 'invalid_options', path: [1, 'key'] });
    expect(error.message).toMatch(/Two reminders share the key "opp-1\/thank-you\/1"/);
    expect(requests).toBe(0);
  });
});

describe('completion dates', () => {
  const setup = async (doneAt?: { type: string; options?: { referencedFieldIds?: string[] } }) => {
    const emulator = await startAirtableEmulator({
      ...FAST_EMULATOR,
      tables: [
        {
          name: 'Reminders',
          fields: [...reminderTableFields(), ...(doneAt ? [{ name: 'Done at', ...doneAt }] : [])],
        },
      ],
    });
    const options = {
      ...FAST,
      token: emulator.token,
      baseId: emulator.baseId,
      table: 'Reminders',
      endpointUrl: emulator.url,
    };
    return { emulator, options };
  };
  const idOf = (emulator: Awaited<ReturnType<typeof startAirtableEmulator>>, key: string) =>
    emulator.state.records('Reminders').find((r) => r.fields.Key === key)!.id;

  it("dates a completion by a `Done at` field, in the owner's zone", async () => {
    const { emulator, options } = await setup({ type: 'dateTime' });
    try {
      const reminders = buildReminders(2);
      await syncAirtable(reminders, options);
      // 03:00 UTC on 4 February is still the evening of 3 February in Chicago.
      emulator.state.update('Reminders', idOf(emulator, reminders[0]!.key), {
        Done: true,
        'Done at': '2027-02-04T03:00:00.000Z',
      });
      const report = await syncAirtable(reminders, options);
      expect(report.completed).toMatchObject([{ key: reminders[0]!.key, on: '2027-02-03' }]);
    } finally {
      await emulator.close();
    }
  });

  it('reads the time a "Last modified time" field recorded when Done was ticked', async () => {
    const { emulator, options } = await setup({
      type: 'lastModifiedTime',
      options: { referencedFieldIds: ['Done'] },
    });
    try {
      const reminders = buildReminders(2);
      await syncAirtable(reminders, options);
      const id = idOf(emulator, reminders[1]!.key);
      expect(emulator.state.records('Reminders').find((r) => r.id === id)!.fields['Done at']).toBe(
        undefined,
      );
      emulator.state.update('Reminders', id, { Done: true });
      const stamped = emulator.state.records('Reminders').find((r) => r.id === id)!.fields[
        'Done at'
      ] as string;
      expect(Number.isNaN(Date.parse(stamped))).toBe(false);
      const report = await syncAirtable(reminders, options);
      expect(report.completed).toEqual([
        expect.objectContaining({
          key: reminders[1]!.key,
          on: toLocal(Date.parse(stamped), 'America/Chicago').date,
        }),
      ]);
    } finally {
      await emulator.close();
    }
  });

  it("falls back to the reminder's own date when the table has no `Done at`", async () => {
    const { emulator, options } = await setup();
    try {
      const reminders = buildReminders(2);
      await syncAirtable(reminders, options);
      emulator.state.update('Reminders', idOf(emulator, reminders[1]!.key), { Done: true });
      const report = await syncAirtable(reminders, options);
      expect(report.completed).toMatchObject([{ on: reminders[1]!.local.date }]);
      // and for a reminder no longer planned, the Due date in the owner's zone
      const later = await syncAirtable(reminders.slice(0, 1), options);
      expect(later.completed).toMatchObject([
        { on: toLocal(Date.parse(reminders[1]!.due), 'America/Chicago').date },
      ]);
    } finally {
      await emulator.close();
    }
  });

  // 03:00 UTC on 1 December is still 30 November (21:00) in America/Chicago, the owner's zone.
  const tickEveryRecord = (emulator: Awaited<ReturnType<typeof startAirtableEmulator>>) => {
    for (const record of emulator.state.records('Reminders'))
      emulator.state.update('Reminders', record.id, {
        Done: true,
        'Done at': '2026-12-01T03:00:00.000Z',
      });
  };

  it("dates the tick of a reminder that left the plan in the owner's zone, not in UTC", async () => {
    const { emulator, options } = await setup({ type: 'dateTime' });
    try {
      const [kept, gone] = buildReminders(2);
      await syncAirtable([kept!, gone!], options);
      tickEveryRecord(emulator);
      const report = await syncAirtable([kept!], { ...options, dryRun: true });
      expect(Object.fromEntries(report.completed.map((c) => [c.key, c.on]))).toEqual({
        [kept!.key]: '2026-11-30',
        [gone!.key]: '2026-11-30',
      });
    } finally {
      await emulator.close();
    }
  });

  it('dates ticks in `timeZone` when the plan is empty', async () => {
    const { emulator, options } = await setup({ type: 'dateTime' });
    try {
      await syncAirtable(buildReminders(2), options);
      tickEveryRecord(emulator);
      const sink = airtableSink({ ...options, timeZone: 'America/Chicago' });
      const report = await sink.sync([], { dryRun: true });
      expect(report.completed.map((c) => c.on)).toEqual(['2026-11-30', '2026-11-30']);
      const inUtc = await syncAirtable([], { ...options, dryRun: true });
      expect(inUtc.completed.map((c) => c.on)).toEqual(['2026-12-01', '2026-12-01']);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a `timeZone` that is not an IANA zone, naming the option', () => {
    const error = rejection(() => airtableSink({ ...valid, timeZone: 'Central Time' }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toMatch(/^\[runner-up\] \[airtable\] Invalid option `timeZone`: unknown/);
  });
});
