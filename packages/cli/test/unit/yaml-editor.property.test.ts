import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { parse } from 'yaml';
import { YamlEditor } from '../../src/file/yaml-editor';

type Style = 'absent' | 'empty' | 'flow' | 'flow-lines' | 'block-of-flow' | 'block-of-block';

interface Shape {
  style: Style;
  existing: number;
  comment: boolean;
  snoozed: boolean;
}

const notes = ['plain', 'a: b', '#hash', 'x, y', ' lead', "it's", '"q"', 'ünïcödé', '[x]', '{y}'];

/** Notes YAML cannot write plain: line breaks, tabs, quotes, backslashes, `#`, edge spaces, non-ASCII. */
const awkwardNotes = [
  'two\nlines',
  'crlf\r\nend',
  'tab\there',
  'say "hi"',
  'back\\slash',
  'a # b',
  'trail ',
  '  both  ',
  '',
  'true',
  '- dash',
  '東京 🎉',
  '\u0007bell\u2028sep\u0085nel',
];

/** Any one of those characters, joined at random, and any text at all. */
const noteArbitrary = fc.oneof(
  fc.constantFrom(...notes, ...awkwardNotes),
  fc.string({ unit: fc.constantFrom(...'a \n\r\t"\'\\#:,-{]é🎉'), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A pipeline-like file with one opportunity per shape, in the styles people write by hand. */
function fileOf(shapes: readonly Shape[]): string {
  // Lines a reprint would respace: they must come out byte for byte as they went in.
  const lines = [
    'version: 1',
    'owner:',
    '  timezone:   America/Chicago    # c',
    '  after: { businessDays: 2 }',
    'opportunities: # the list',
  ];
  shapes.forEach((shape, i) => {
    lines.push(`  - id: opp-${i}${shape.comment ? '   # keep me' : ''}`);
    lines.push(`    title: Role ${i}`);
    const day = (k: number) => `2026-01-${String(k + 1).padStart(2, '0')}`;
    if (shape.style === 'empty') lines.push(`    touchpoints: []${shape.comment ? ' # none' : ''}`);
    if (shape.style === 'flow') {
      const items = Array.from({ length: shape.existing + 1 }, (_, k) => `{ on: ${day(k)} }`);
      lines.push(`    touchpoints: [${items.join(', ')}]`);
    }
    if (shape.style === 'flow-lines') {
      // A flow list spread over lines, one item a line; the last gets a comma when appended to.
      lines.push('    touchpoints: [');
      for (let k = 0; k <= shape.existing; k++) {
        const end = k < shape.existing ? ',' : shape.comment ? ' # last one' : '';
        lines.push(`      { on: ${day(k)}, channel: email }${end}`);
      }
      lines.push('    ]');
    }
    if (shape.style === 'block-of-flow' || shape.style === 'block-of-block') {
      lines.push('    touchpoints:');
      for (let k = 0; k <= shape.existing; k++) {
        if (shape.style === 'block-of-flow')
          lines.push(`      - { on: ${day(k)}, channel: email }`);
        else lines.push(`      - on: ${day(k)}`, '        channel: email');
      }
    }
    if (shape.snoozed) lines.push('    snoozedUntil: 2026-02-01 # until then');
    if (shape.comment) lines.push('  # between opportunities');
  });
  return `${lines.join('\n')}\n`;
}

const shapeArbitrary: fc.Arbitrary<Shape> = fc.record({
  style: fc.constantFrom<Style>(
    'absent',
    'empty',
    'flow',
    'flow-lines',
    'block-of-flow',
    'block-of-block',
  ),
  existing: fc.nat({ max: 2 }),
  comment: fc.boolean(),
  snoozed: fc.boolean(),
});

const editArbitrary = fc.record({
  target: fc.nat(),
  appends: fc.array(
    fc.record({ on: fc.constantFrom('2026-12-01', '2026-12-02'), note: noteArbitrary }),
    { minLength: 1, maxLength: 3 },
  ),
  snooze: fc.option(fc.constantFrom('2027-01-01', '2027-02-03'), { nil: undefined }),
});

/** True when `lines` holds every one of `wanted`, in order (other lines may come between). */
function inOrder(lines: readonly string[], wanted: readonly string[]): boolean {
  let at = 0;
  for (const line of lines) if (at < wanted.length && line === wanted[at]) at++;
  return at === wanted.length;
}

describe('YamlEditor on hand-written files', () => {
  it('gives the edited data and keeps every other line, comment and style', () => {
    fc.assert(
      fc.property(
        fc.array(shapeArbitrary, { minLength: 1, maxLength: 3 }),
        editArbitrary,
        fc.boolean(),
        (shapes, edit, crlf) => {
          const text = fileOf(shapes);
          const target = edit.target % shapes.length;
          const expected = parse(text);
          // The same file with CRLF line ends: the new lines end in CRLF too.
          const editor = new YamlEditor(crlf ? text.replaceAll('\n', '\r\n') : text);
          const map = (editor.doc.get('opportunities', true) as YAMLSeq).items[target] as YAMLMap;
          const wanted = expected.opportunities[target];
          for (const item of edit.appends) {
            editor.appendToList(map, 'touchpoints', item);
            wanted.touchpoints = [...(wanted.touchpoints ?? []), item];
          }
          if (edit.snooze) {
            editor.setScalar(map, 'snoozedUntil', edit.snooze);
            wanted.snoozedUntil = edit.snooze;
          }
          const written = editor.toString();
          if (crlf) expect(written).not.toMatch(/(^|[^\r])\n/);
          const out = crlf ? written.replaceAll('\r\n', '\n') : written;
          expect(parse(out)).toEqual(expected);
          // Spliced, not reprinted: every line not edited is still there, in order. (A one-line
          // flow list is edited in place, as is the last item of a spread one, which gets a
          // comma, and a snooze replaces its value.)
          const lastSpread = /^ {6}\{ on: [^}]*\}( # last one)?$/;
          const untouched = text
            .split('\n')
            .filter(
              (line) =>
                !line.includes('touchpoints: [') &&
                !lastSpread.test(line) &&
                !(edit.snooze && line.includes('snoozedUntil')),
            );
          expect(inOrder(out.split('\n'), untouched)).toBe(true);
          // ...and the only other lines are the new ones, one line a value however awkward the
          // note: together, the rest of the file is byte-identical.
          const shape = shapes[target]!;
          const perItem = shape.style === 'block-of-block' ? 2 : shape.style === 'flow' ? 0 : 1;
          const added =
            edit.appends.length * perItem +
            (shape.style === 'absent' ? 1 : 0) +
            (edit.snooze && !shape.snoozed ? 1 : 0);
          expect(out.split('\n').length).toBe(text.split('\n').length + added);
          for (const comment of text.match(/# [a-z ]+/g) ?? []) expect(out).toContain(comment);
        },
      ),
      { numRuns: 300 },
    );
  });
});

type JsonTouchpoints = 'absent' | 'empty' | 'some';

describe('YamlEditor on files written as JSON', () => {
  it('keeps them JSON, whatever is appended or snoozed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            touchpoints: fc.constantFrom<JsonTouchpoints>('absent', 'empty', 'some'),
            snoozed: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        editArbitrary,
        fc.constantFrom(0, 2, 4),
        (shapes, edit, indent) => {
          const data = {
            version: 1,
            opportunities: shapes.map((shape, i) => ({
              id: `opp-${i}`,
              ...(shape.touchpoints === 'absent'
                ? {}
                : {
                    touchpoints:
                      shape.touchpoints === 'empty' ? [] : [{ on: '2026-01-01', channel: 'email' }],
                  }),
              ...(shape.snoozed ? { snoozedUntil: '2026-02-01' } : {}),
            })),
          };
          const text = `${JSON.stringify(data, null, indent || undefined)}\n`;
          const target = edit.target % shapes.length;
          const expected = structuredClone(data) as {
            opportunities: Array<Record<string, unknown>>;
          };
          const wanted = expected.opportunities[target] as Record<string, unknown>;
          const editor = new YamlEditor(text);
          const map = (editor.doc.get('opportunities', true) as YAMLSeq).items[target] as YAMLMap;
          for (const item of edit.appends) {
            editor.appendToList(map, 'touchpoints', item);
            wanted.touchpoints = [...((wanted.touchpoints as unknown[]) ?? []), item];
          }
          if (edit.snooze) {
            editor.setScalar(map, 'snoozedUntil', edit.snooze);
            wanted.snoozedUntil = edit.snooze;
          }
          expect(JSON.parse(editor.toString())).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
