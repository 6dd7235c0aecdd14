/**
 * Which data source the sync uses. A Notion database can hold several (API 2025-09-03): the sync
 * never picks one of several on its own, `dataSourceId` alone needs no database lookup, and with
 * both ids the data source must be one of the database's.
 */
import type { RunnerUpError } from '@runner-up/core';
import {
  ensureSchema,
  NotionDataSourceNotInDatabaseError,
  NotionSeveralDataSourcesError,
  syncNotion,
} from '@runner-up/notion';
import { buildReminders, type NotionEmulator, startNotionEmulator } from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST } from './harness';

const SECOND = '66666666-6666-4666-8666-666666666666';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';

let emulator: NotionEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A database holding two data sources with the runner-up properties: the default one, then SECOND. */
const twoDataSources = () =>
  startNotionEmulator({ moreDataSources: [{ id: SECOND, name: 'Archive "2026"' }] });

const connection = (e: NotionEmulator) => ({ auth: e.token, baseUrl: e.url, ...FAST });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as RunnerUpError,
  );

const databaseReads = (e: NotionEmulator) =>
  e.log.filter((entry) => entry.path.startsWith('/v1/databases/')).length;

describe('Notion data sources', () => {
  it('refuses a database with several data sources instead of syncing with the first, listing them', async () => {
    emulator = await twoDataSources();
    const error = await rejection(
      syncNotion(buildReminders(3), { ...connection(emulator), databaseId: emulator.databaseId }),
    );
    expect(error).toBeInstanceOf(NotionSeveralDataSourcesError);
    expect(error.code).toBe('remote_schema_mismatch');
    expect(error.path).toEqual(['databaseId']);
    const several = error as NotionSeveralDataSourcesError;
    expect(several.databaseId).toBe(emulator.databaseId);
    expect(several.dataSources).toEqual([
      { id: emulator.dataSourceId, name: 'runner-up reminders' },
      { id: SECOND, name: 'Archive "2026"' },
    ]);
    expect(error.message).toBe(
      [
        `[runner-up] [notion] The database ${emulator.databaseId} has 2 data sources, so which one to sync with is not clear:`,
        `  - ${emulator.dataSourceId} "runner-up reminders"`,
        `  - ${SECOND} "Archive \\"2026\\""`,
        'Pass the `dataSourceId` of the one to sync with.',
      ].join('\n'),
    );
    expect(emulator.requests.total).toBe(1);
    expect(emulator.pages()).toEqual([]);
    expect(emulator.pages(SECOND)).toEqual([]);
    expect(
      await ensureSchema({ ...connection(emulator), databaseId: emulator.databaseId }).catch(
        (e: unknown) => e,
      ),
    ).toBeInstanceOf(NotionSeveralDataSourcesError);
  });

  it('syncs with the data source `dataSourceId` names, the second one too, with no database lookup', async () => {
    emulator = await twoDataSources();
    const report = await syncNotion(buildReminders(3), {
      ...connection(emulator),
      dataSourceId: SECOND,
    });
    expect(report.created).toBe(3);
    expect(emulator.pages(SECOND)).toHaveLength(3);
    expect(emulator.pages()).toEqual([]);
    expect(databaseReads(emulator)).toBe(0);
  });

  it('with both ids, checks that the data source is one of the database’s, then syncs with it', async () => {
    emulator = await twoDataSources();
    // Ids as Notion's URLs show them: no dashes; the check does not care.
    const options = {
      ...connection(emulator),
      databaseId: emulator.databaseId.replace(/-/g, ''),
      dataSourceId: SECOND.replace(/-/g, '').toUpperCase(),
    };
    expect(await syncNotion(buildReminders(3), options)).toMatchObject({ created: 3 });
    expect(emulator.pages(SECOND)).toHaveLength(3);
    expect(emulator.pages()).toEqual([]);
    expect(databaseReads(emulator)).toBe(1);
    expect(await syncNotion(buildReminders(3), options)).toMatchObject({
      created: 0,
      unchanged: 3,
    });
  });

  it('with both ids, refuses a data source that is not the database’s, listing the database’s own', async () => {
    emulator = await twoDataSources();
    const error = await rejection(
      syncNotion(buildReminders(2), {
        ...connection(emulator),
        databaseId: emulator.databaseId,
        dataSourceId: UNKNOWN,
      }),
    );
    expect(error).toBeInstanceOf(NotionDataSourceNotInDatabaseError);
    expect(error.code).toBe('not_found');
    expect(error.path).toEqual(['dataSourceId']);
    expect(error).toMatchObject({
      databaseId: emulator.databaseId,
      dataSourceId: UNKNOWN,
      dataSources: [
        { id: emulator.dataSourceId, name: 'runner-up reminders' },
        { id: SECOND, name: 'Archive "2026"' },
      ],
    });
    expect(error.message).toBe(
      [
        `[runner-up] [notion] The data source ${UNKNOWN} is not one of the data sources of the database ${emulator.databaseId}:`,
        `  - ${emulator.dataSourceId} "runner-up reminders"`,
        `  - ${SECOND} "Archive \\"2026\\""`,
        'Pass the `dataSourceId` of one of them, or leave out `databaseId` to sync with that data source in whichever database holds it.',
      ].join('\n'),
    );
    expect(emulator.requests.total).toBe(1);
  });

  it('with both ids and a database with no data source, says it has none', async () => {
    emulator = await startNotionEmulator({ withoutDataSource: true });
    const error = await rejection(
      syncNotion([], {
        ...connection(emulator),
        databaseId: emulator.databaseId,
        dataSourceId: emulator.dataSourceId,
      }),
    );
    expect(error).toBeInstanceOf(NotionDataSourceNotInDatabaseError);
    expect(error.message).toBe(
      [
        `[runner-up] [notion] The data source ${emulator.dataSourceId} is not in the database ${emulator.databaseId}, which has no data source.`,
        'Leave out `databaseId` to sync with that data source in whichever database holds it.',
      ].join('\n'),
    );
  });

  it('gives a 404 the path of the option whose id Notion did not find', async () => {
    emulator = await startNotionEmulator();
    const source = await rejection(
      syncNotion([], { ...connection(emulator), dataSourceId: UNKNOWN }),
    );
    expect(source).toMatchObject({ code: 'not_found', path: ['dataSourceId'] });
    expect(source.message).toMatch(
      /^\[runner-up\] \[notion\] Reading the data source failed \(404 object_not_found\): .*Share the database with your integration/,
    );
    const database = await rejection(
      syncNotion([], { ...connection(emulator), databaseId: UNKNOWN }),
    );
    expect(database).toMatchObject({ code: 'not_found', path: ['databaseId'] });
  });
});
