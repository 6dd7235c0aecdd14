import {
  type AirtableRecord,
  capCellText,
  diffRecords,
  MAX_CELL_TEXT,
  reminderFields,
  resolveFieldNames,
  syncAirtable,
} from '@runner-up/airtable';
import { buildReminders, startAirtableEmulator } from '@runner-up/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const names = resolveFieldNames({});
const record = (id: string, fields: Record<string, unknown>): AirtableRecord => ({
  id,
  createdTime: '2026-12-01T00:00:00.000Z',
  fields,
});

describe('diffRecords', () => {
  it('sends only the fields that differ', () => {
    const [reminder] = buildReminders(1);
    const fields = reminderFields(reminder!, names);
    const diff = diffRecords(
      [reminder!],
      [record('rec1', { ...fields, Name: 'Edited', Why: 'Changed', Done: true, Notes: 'mine' })],
      names,
    );
    expect(diff.update).toEqual([
      { id: 'rec1', fields: { Name: reminder!.title, Why: reminder!.why } },
    ]);
  });

  it('takes text read back with one line break at its end (a rich text Why) as unchanged', () => {
    // Otherwise every sync to a rich text Why rewrites every record.
    const [reminder] = buildReminders(1);
    const fields = reminderFields(reminder!, names);
    const read = (why: string) =>
      diffRecords([reminder!], [record('rec1', { ...fields, Why: why })], names);
    expect(read(`${fields.Why}\n`).unchanged).toBe(1);
    // Anything more is a change.
    expect(read(`${fields.Why}\n\n`).update).toEqual([
      { id: 'rec1', fields: { Why: reminder!.why } },
    ]);
    expect(read(`${fields.Why} `).update).toHaveLength(1);
  });

  it('reads a missing cell as empty and compares Due as an instant', () => {
    const [reminder] = buildReminders(4).filter((r) => r.contact === null);
    const fields: Record<string, unknown> = { ...reminderFields(reminder!, names) };
    delete fields.Contact; // Airtable leaves empty cells out
    fields.Due = reminder!.due.replace('.000Z', 'Z');
    expect(fields.Due).not.toBe(reminder!.due);
    const diff = diffRecords([reminder!], [record('rec1', fields)], names);
    expect(diff).toMatchObject({ update: [], create: [], unchanged: 1 });
  });

  it('cancels a vanished record once and leaves it alone when already cancelled', () => {
    const [a, b] = buildReminders(2);
    const records = [
      record('rec1', reminderFields(a!, names)),
      record('rec2', { ...reminderFields(b!, names), Status: 'cancelled' }),
    ];
    const diff = diffRecords([], records, names);
    expect(diff.update).toEqual([{ id: 'rec1', fields: { Status: 'cancelled' } }]);
    expect(diff.cancelled).toBe(1);
  });

  it('leaves a vanished record ticked Done as it is: finished work is not cancelled work', () => {
    const [a] = buildReminders(1);
    const diff = diffRecords(
      [],
      [record('rec1', { ...reminderFields(a!, names), Done: true })],
      names,
    );
    expect(diff.update).toEqual([]);
    expect(diff.cancelled).toBe(0);
    expect(diff.completed.map((c) => c.key)).toEqual([a!.key]);
  });

  it("dates a vanished record's tick in the zone of the plan, or in `timeZone`", () => {
    const [kept, gone] = buildReminders(2);
    // 03:00 UTC on 1 December is still 30 November in America/Chicago, the owner's zone.
    const ticked = (reminder: typeof kept) =>
      record(reminder!.key, {
        ...reminderFields(reminder!, names),
        Done: true,
        [names.DoneAt]: '2026-12-01T03:00:00.000Z',
      });
    const records = [ticked(kept), ticked(gone)];
    const on = (diff: ReturnType<typeof diffRecords>) => diff.completed.map((c) => c.on);
    expect(on(diffRecords([kept!], records, names))).toEqual(['2026-11-30', '2026-11-30']);
    expect(on(diffRecords([], records, names, { timeZone: 'America/Chicago' }))).toEqual([
      '2026-11-30',
      '2026-11-30',
    ]);
    expect(on(diffRecords([], records, names))).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('takes a Done tick on a copy of a vanished record: the completion, and no cancellation', () => {
    const [reminder] = buildReminders(1);
    const fields = reminderFields(reminder!, names);
    const diff = diffRecords(
      [],
      [record('recA', fields), record('recB', { ...fields, Done: true })],
      names,
      { timeZone: 'America/Chicago' },
    );
    expect(diff.update).toEqual([]);
    expect(diff.cancelled).toBe(0);
    expect(diff.completed).toEqual([
      expect.objectContaining({ key: reminder!.key, remoteId: 'recB' }),
    ]);
  });

  it('refuses two reminders sharing a key instead of keeping the first', () => {
    const [a, b] = buildReminders(2);
    const twin = { ...b!, key: a!.key };
    expect(() => diffRecords([a!, twin], [], names)).toThrow(
      expect.objectContaining({
        code: 'invalid_options',
        path: [1, 'key'],
        message: `[runner-up] [airtable] Two reminders share the key "${a!.key}"; keys must be unique.`,
      }),
    );
  });

  it('keeps the first of duplicated records in step and reports every copy', () => {
    const [reminder] = buildReminders(1);
    const fields = reminderFields(reminder!, names);
    const diff = diffRecords(
      [reminder!],
      [record('recA', fields), record('recB', { ...fields, Name: 'copy' }), record('recC', {})],
      names,
    );
    expect(diff.duplicates).toEqual([{ key: reminder!.key, remoteIds: ['recA', 'recB'] }]);
    expect(diff).toMatchObject({ create: [], update: [], unchanged: 1 });
  });

  it('leaves nothing to write once its own writes are applied, whatever the table held', () => {
    const all = buildReminders(30);
    const arbitraryTable = fc.array(
      fc.record({
        index: fc.nat({ max: 39 }),
        corrupt: fc.constantFrom('none', 'Name', 'Due', 'Status', 'Contact', 'Done'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.subarray(all), arbitraryTable, (planned, rows) => {
        let next = 0;
        const table: AirtableRecord[] = rows.map(({ index, corrupt }) => {
          // Indexes past the plan stand for records of reminders that no longer exist.
          const source = all[index % all.length]!;
          const fields: Record<string, unknown> = { ...reminderFields(source, names) };
          if (index >= all.length) fields.Key = `gone/${index}/1`;
          if (corrupt === 'Done') fields.Done = true;
          else if (corrupt === 'Due') fields.Due = '2030-01-01T00:00:00.000Z';
          else if (corrupt !== 'none') delete fields[corrupt];
          return record(`rec${next++}`, fields);
        });
        const first = diffRecords(planned, table, names);
        for (const create of first.create) table.push(record(`rec${next++}`, create.fields));
        for (const update of first.update) {
          const target = table.find((r) => r.id === update.id)!;
          target.fields = { ...target.fields, ...update.fields };
        }
        const second = diffRecords(planned, table, names);
        expect(second.create).toEqual([]);
        expect(second.update).toEqual([]);
        expect(second.unchanged).toBe(planned.length);
        expect(second.completed.map((c) => c.key).sort()).toEqual(
          first.completed.map((c) => c.key).sort(),
        );
      }),
    );
  });
});

describe('text past a cell’s 100,000 characters (Airtable refuses it, with the batch around it)', () => {
  it('is cut there, never inside a surrogate pair, and the key never is', () => {
    const [reminder] = buildReminders(1);
    const long = {
      ...reminder!,
      organization: 'x'.repeat(240_000),
      why: `${'y'.repeat(99_999)}😀!`,
    };
    const fields = reminderFields(long, names);
    expect(fields.Organization).toBe('x'.repeat(MAX_CELL_TEXT));
    // The emoji would straddle the limit: the cut falls before it.
    expect(fields.Why).toBe('y'.repeat(99_999));
    expect(fields.Key).toBe(reminder!.key);
    expect(capCellText('short')).toBe('short');
  });

  it('syncs against a table that refuses longer text, and a rerun writes nothing', async () => {
    const emulator = await startAirtableEmulator({ rateLimit: false });
    try {
      const options = {
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
        requestsPerSecond: 500,
      };
      const [reminder] = buildReminders(1);
      const long = { ...reminder!, organization: 'O'.repeat(240_000) };
      expect((await syncAirtable([long], options)).created).toBe(1);
      const [stored] = emulator.state.records('Reminders');
      expect((stored!.fields.Organization as string).length).toBe(MAX_CELL_TEXT);
      const again = await syncAirtable([long], options);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    } finally {
      await emulator.close();
    }
  });
});
