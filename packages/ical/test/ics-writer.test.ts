import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IcsWriter } from '../src/ics-writer';
import { escapeText, foldLine } from '../src/text';
import { toIcs } from '../src/to-ics';
import { octets, physicalLines, reminder } from './helpers';

/** Text built from the characters escaping and folding treat differently, lone surrogates included. */
const nastyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', ';', '\\', '\n', '\r', '\r\n', '\t', '\u0000', '\u001f', '\u007f'),
      fc.constantFrom('é', '—', '漢', '😀', '\ud83d', '\ude00', '\u2028'),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.string({ maxLength: 90 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** A property name and parameters with the colon, leaving 0 to 74 octets on the first line. */
const head = fc.integer({ min: 1, max: 75 }).map((length) => `${'X'.repeat(length - 1)}:`);

function written(write: (out: IcsWriter) => void): string {
  const out = new IcsWriter();
  write(out);
  return out.toString();
}

describe('IcsWriter', () => {
  it('writes a TEXT line exactly as foldLine(escapeText(...)) does, whatever the text', () => {
    fc.assert(
      fc.property(head, nastyText, (name, value) => {
        expect(written((out) => out.textLine(name, value))).toBe(
          `${foldLine(name + escapeText(value))}\r\n`,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same as the reference from every start column, escapes and wide characters at every fold', () => {
    const value = 'ab,c;d\\e\nf\r\ng\u0007h é—漢😀 '.repeat(12);
    for (let length = 1; length <= 75; length++) {
      const name = `${'X'.repeat(length - 1)}:`;
      for (let cut = 0; cut < 30; cut++) {
        const text = value.slice(cut);
        expect(written((out) => out.textLine(name, text))).toBe(
          `${foldLine(name + escapeText(text))}\r\n`,
        );
      }
    }
  });

  it('folds a list of TEXT values with raw separators as one line', () => {
    fc.assert(
      fc.property(head, fc.array(nastyText, { minLength: 1, maxLength: 4 }), (name, values) => {
        const text = written((out) => {
          out.startLine(name);
          values.forEach((value, i) => {
            if (i > 0) out.appendRaw(',');
            out.appendText(value);
          });
          out.endLine();
        });
        expect(text).toBe(`${foldLine(name + values.map(escapeText).join(','))}\r\n`);
      }),
    );
  });

  it('folds between a backslash and the character it escapes when the line is full there', () => {
    const text = written((out) => out.textLine('X:', `${'a'.repeat(72)},b`));
    expect(text).toBe(`X:${'a'.repeat(72)}\\\r\n ,b\r\n`);
  });

  it('moves a character whose UTF-8 does not fit whole to the next line', () => {
    const text = written((out) => out.textLine('X:', `${'a'.repeat(71)}😀b`));
    expect(text).toBe(`X:${'a'.repeat(71)}\r\n 😀b\r\n`);
  });

  it('writes non-ASCII text given to write() as UTF-8 too (the platform encoder path)', () => {
    const out = new IcsWriter();
    out.write('NAME:ASCII\r\n');
    out.write('NAME:Relances — été 😀\r\n');
    expect(out.toString()).toBe('NAME:ASCII\r\nNAME:Relances — été 😀\r\n');
    expect(new TextDecoder().decode(out.toBytes())).toBe(out.toString());
  });

  it('puts prepended text in front of what was written', () => {
    const out = new IcsWriter();
    out.write('B\r\n');
    out.prepend('A — first\r\n');
    expect(out.toString()).toBe('A — first\r\nB\r\n');
  });

  it('keeps everything when the buffer grows, with and without an expected event count', () => {
    for (const expected of [0, 3, 1000]) {
      const out = new IcsWriter(expected);
      const lines: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const value = `event ${i}, ${'é'.repeat(i % 50)} ${'x'.repeat(i % 120)}`;
        out.textLine('SUMMARY:', value);
        out.endEvent();
        lines.push(`${foldLine(`SUMMARY:${escapeText(value)}`)}\r\n`);
      }
      expect(out.toString()).toBe(lines.join(''));
    }
  });
});

describe('toIcs with large calendars', () => {
  it('writes every event of a calendar past the first buffer size, lines within 75 octets', () => {
    const reminders = Array.from({ length: 400 }, (_, i) =>
      reminder({
        key: `acme-pm/step/${i + 1}`,
        occurrence: i + 1,
        title: `Relancer Hélène — ${i}`,
        why: `Note ${i}: ${'ça, '.repeat(i % 40)}`,
      }),
    );
    const ics = toIcs(reminders, { now: '2026-11-30T12:00:00Z' });
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(400);
    expect(ics).toContain('SUMMARY:Relancer Hélène — 399\r\n');
    for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('finds a duplicate key among thousands, wherever it hashes', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      reminder({ key: `org-${i % 97}-pm/check-in/${i + 1}`, occurrence: i + 1 }),
    );
    expect(() => toIcs(many, { now: '2026-11-30T12:00:00Z' })).not.toThrow();
    const withDuplicate = [...many, reminder({ key: many[1234]!.key })];
    expect(() => toIcs(withDuplicate, { now: '2026-11-30T12:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'duplicate_id', path: [3000, 'key'] }),
    );
  });
});
