import { isRunnerUpError, type Reminder } from '@runner-up/core';
import { syncNotion } from '@runner-up/notion';
import { buildReminders, startNotionEmulator } from '@runner-up/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { keptBefore } from '../src/sync';
import { FAST } from './harness';

// 2026-12-01T03:00Z is still 2026-11-30 (21:00) in America/Chicago, the zone of buildReminders.
const TICKED_AT = Date.parse('2026-12-01T03:00:00Z');

describe('notion completions', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** Syncs `reminders`, ticks every row Done at {@link TICKED_AT}, and returns a dry run's options. */
  async function tickedRows(reminders: readonly Reminder[]) {
    let clock = Date.parse('2026-11-21T12:00:00Z');
    const emulator = await startNotionEmulator({ now: () => clock });
    close = () => emulator.close();
    const options = {
      auth: emulator.token,
      baseUrl: emulator.url,
      databaseId: emulator.databaseId,
      ...FAST,
    };
    await syncNotion(reminders, options);
    clock = TICKED_AT;
    for (const page of emulator.pages())
      emulator.editPage(page.id as string, { Done: { checkbox: true } });
    return { ...options, dryRun: true };
  }

  it('dates the tick of a reminder that left the plan in the owner zone, not in UTC', async () => {
    const [kept, gone] = buildReminders(2);
    const options = await tickedRows([kept!, gone!]);
    const report = await syncNotion([kept!], options);
    const on = Object.fromEntries(report.completed.map((c) => [c.key, c.on]));
    expect(on).toEqual({ [kept!.key]: '2026-11-30', [gone!.key]: '2026-11-30' });
  });

  it('dates ticks in `timeZone` when the plan is empty', async () => {
    const reminders = buildReminders(2);
    const options = await tickedRows(reminders);
    const report = await syncNotion([], { ...options, timeZone: 'America/Chicago' });
    expect(report.completed.map((c) => c.on)).toEqual(['2026-11-30', '2026-11-30']);
    const inUtc = await syncNotion([], options);
    expect(inUtc.completed.map((c) => c.on)).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('refuses a `timeZone` that is not an IANA zone, naming the option', async () => {
    const error = await syncNotion([], {
      auth: 'secret_x',
      databaseId: 'db',
      timeZone: 'Central Time',
    }).catch((e: unknown) => e);
    expect(isRunnerUpError(error) && error.code).toBe('invalid_options');
    expect((error as Error).message).toMatch(/^\[runner-up\] \[notion\] Invalid option `timeZone`/);
  });
});

describe('a key on two rows made within one minute (Notion rounds created_time to the minute)', () => {
  it('keeps the row of the smaller id, whichever order the two are listed in', () => {
    const a = { id: '1a', createdTime: '2026-12-01T10:00:00.000Z' };
    const b = { id: '2b', createdTime: '2026-12-01T10:00:00.000Z' };
    expect(keptBefore(a, b)).toBe(true);
    expect(keptBefore(b, a)).toBe(false);
    // The older row first, whatever its id.
    const older = { id: '9z', createdTime: '2026-12-01T09:59:00.000Z' };
    expect(keptBefore(older, a)).toBe(true);
    expect(keptBefore(a, older)).toBe(false);
  });

  it('keeps that same row in step run after run, and reports the other as a copy', async () => {
    const clock = Date.parse('2026-11-21T12:00:10Z');
    const emulator = await startNotionEmulator({ now: () => clock });
    try {
      const options = {
        auth: emulator.token,
        baseUrl: emulator.url,
        databaseId: emulator.databaseId,
        ...FAST,
      };
      const [reminder] = buildReminders(1);
      await syncNotion([reminder!], options);
      const [original] = emulator.pages();
      const copy = emulator.duplicatePage(original!.id as string);
      const rows = emulator.pages();
      // One minute for both: Notion cannot tell which came first.
      expect(new Set(rows.map((p) => p.created_time))).toEqual(
        new Set(['2026-11-21T12:00:00.000Z']),
      );
      const [kept, other] = [original!.id as string, copy].sort();
      for (const title of ['First change', 'Second change']) {
        const report = await syncNotion([{ ...reminder!, title }], options);
        expect(report.duplicates).toEqual([{ key: reminder!.key, remoteIds: [kept, other] }]);
        const properties = Object.fromEntries(
          emulator.pages().map((p) => [p.id, JSON.stringify(p.properties)]),
        );
        expect(properties[kept!]).toContain(title);
        expect(properties[other!]).not.toContain(title);
      }
    } finally {
      await emulator.close();
    }
  });
});
