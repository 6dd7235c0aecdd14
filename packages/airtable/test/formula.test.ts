import {
  airtableSink,
  fieldEqualsFormula,
  formulaField,
  formulaString,
  nonEmptyFieldFormula,
} from '@runner-up/airtable';
import {
  buildReminders,
  changeReminder,
  matchesFormula,
  parseFormula,
  reminderTableFields,
  startAirtableEmulator,
} from '@runner-up/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST, FAST_EMULATOR } from './harness';

const NASTY = [`it's`, `say "hi"`, 'close } brace', 'back\\slash', 'two\nlines', `\\"}{'\r\t`];

describe('formulaString', () => {
  it('double-quotes a value and backslash-escapes backslashes, quotes and line breaks', () => {
    expect(formulaString('plain')).toBe('"plain"');
    expect(formulaString(`say "hi"`)).toBe('"say \\"hi\\""');
    expect(formulaString('back\\slash')).toBe('"back\\\\slash"');
    expect(formulaString('two\nlines\r\tend')).toBe('"two\\nlines\\r\\tend"');
    expect(formulaString(`it's`)).toBe(`"it's"`);
  });

  it('reads back as exactly the same string in a formula, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(parseFormula(formulaString(value))).toEqual({ kind: 'string', value });
      }),
    );
  });
});

describe('formulaField', () => {
  it('wraps a field name in braces and escapes a closing brace and a backslash', () => {
    expect(formulaField('Due')).toBe('{Due}');
    expect(formulaField('Odd } name')).toBe('{Odd \\} name}');
    expect(formulaField('a\\b')).toBe('{a\\\\b}');
  });

  it('reads back as a reference to exactly that field, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        expect(parseFormula(formulaField(name))).toEqual({ kind: 'field', name });
      }),
    );
  });
});

describe('filters built from data', () => {
  it('match only the record holding that exact value, even with quotes, braces and newlines', () => {
    const field = 'Key "}\\ {x}';
    const records = NASTY.map((value) => ({ [field]: value }));
    for (const value of NASTY) {
      const formula = parseFormula(fieldEqualsFormula(field, value));
      expect(records.filter((fields) => matchesFormula(formula, fields))).toEqual([
        { [field]: value },
      ]);
    }
  });

  it('select every record with a non-empty key', () => {
    const formula = parseFormula(nonEmptyFieldFormula('Key'));
    expect(matchesFormula(formula, { Key: 'a' })).toBe(true);
    expect(matchesFormula(formula, {})).toBe(false);
    expect(matchesFormula(formula, { Key: '' })).toBe(false);
  });
});

describe('keys and names with quotes, braces, backslashes and newlines, end to end', () => {
  it('sync once, make no write the second time, and can be found by an escaped filter', async () => {
    const rename = (name: string) => `${name} {"it's"} \\ }`;
    const fieldMap = Object.fromEntries(
      reminderTableFields().map((field) => [field.name, rename(field.name)]),
    );
    const emulator = await startAirtableEmulator({
      ...FAST_EMULATOR,
      tables: [
        {
          name: `Follow-ups "2027" {all}`,
          fields: reminderTableFields().map((field) => ({ ...field, name: rename(field.name) })),
        },
      ],
    });
    try {
      const reminders = buildReminders(NASTY.length).map((reminder, i) =>
        changeReminder(reminder, {
          key: `${reminder.opportunityId}/${NASTY[i]}/1`,
          stepId: NASTY[i]!,
          title: `Write to ${NASTY[i]}`,
          organization: NASTY[(i + 1) % NASTY.length]!,
        }),
      );
      const sink = airtableSink({
        ...FAST,
        token: emulator.token,
        baseId: emulator.baseId,
        table: `Follow-ups "2027" {all}`,
        endpointUrl: emulator.url,
        fieldMap,
      });
      const first = await sink.sync(reminders);
      expect(first).toMatchObject({ created: reminders.length, updated: 0 });
      const writes = emulator.requests.writes;
      const second = await sink.sync(reminders);
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: reminders.length });
      expect(emulator.requests.writes).toBe(writes);

      const stored = emulator.state.records(`Follow-ups "2027" {all}`);
      expect(stored.map((r) => r.fields[fieldMap.Key!]).sort()).toEqual(
        reminders.map((r) => r.key).sort(),
      );

      for (const reminder of reminders) {
        const url = new URL(
          `${emulator.url}/v0/${emulator.baseId}/${encodeURIComponent(`Follow-ups "2027" {all}`)}`,
        );
        url.searchParams.set('filterByFormula', fieldEqualsFormula(fieldMap.Key!, reminder.key));
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${emulator.token}` },
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as {
          records: Array<{ fields: Record<string, unknown> }>;
        };
        expect(body.records.map((r) => r.fields[fieldMap.Name!])).toEqual([reminder.title]);
      }
    } finally {
      await emulator.close();
    }
  });
});
