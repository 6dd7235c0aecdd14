import { describe, expect, it } from 'vitest';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { parse } from 'yaml';
import { YamlEditor } from '../../src/file/yaml-editor';

function opportunity(editor: YamlEditor, index: number): YAMLMap {
  return (editor.doc.get('opportunities', true) as YAMLSeq).items[index] as YAMLMap;
}

/** The lines of `text` that hold nothing or only blanks (the text after its last line break aside). */
function blankLines(text: string): string[] {
  return text
    .split('\n')
    .slice(0, -1)
    .filter((line) => /^[ \t]*\r?$/.test(line));
}

describe('YamlEditor', () => {
  it('turns an empty flow list, `touchpoints: []`, into a block list of one-line items', () => {
    const text = 'opportunities:\n  - id: a   # keep\n    touchpoints: [] # none yet\n';
    let editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      channel: 'call',
    });
    const once = editor.toString();
    expect(once).toBe(
      'opportunities:\n  - id: a   # keep\n    touchpoints: # none yet\n      - { on: 2026-12-01, channel: call }\n',
    );
    // The next entry goes on a line of its own, as `runner-up log` run twice would write it.
    editor = new YamlEditor(once);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-02',
      channel: 'email',
    });
    expect(editor.toString()).toBe(`${once}      - { on: 2026-12-02, channel: email }\n`);
  });

  it('puts several items appended in one edit to `[]` on lines of their own, in order', () => {
    const text = 'opportunities:\n  - id: a\n    touchpoints: []\n  - id: b\n';
    const editor = new YamlEditor(text);
    for (const on of ['2026-12-01', '2026-12-02']) {
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on });
    }
    expect(editor.toString()).toBe(
      'opportunities:\n  - id: a\n    touchpoints:\n      - { on: 2026-12-01 }\n      - { on: 2026-12-02 }\n  - id: b\n',
    );
  });

  it('turns `[]` at the end of a line or of the file into a block list too', () => {
    for (const text of ['a:\n  list: []\nb: 1\n', 'a:\n  list: [ ]']) {
      const editor = new YamlEditor(text);
      editor.appendToList(editor.doc.get('a', true) as YAMLMap, 'list', { on: '2026-12-01' });
      const out = editor.toString();
      expect(out.startsWith('a:\n  list:\n    - { on: 2026-12-01 }\n')).toBe(true);
      expect(parse(out).a.list).toEqual([{ on: '2026-12-01' }]);
    }
  });

  it('appends to a block list of block maps in block style, quoting what YAML needs quoted', () => {
    const text = [
      'opportunities:',
      '  - id: a',
      '    touchpoints:',
      '      - on: 2026-11-01',
      '        channel: email',
      '    title: x',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      note: 'yes: #1, and more',
    });
    const out = editor.toString();
    expect(out).toBe(
      text.replace(
        '    title: x',
        '      - on: 2026-12-01\n        note: "yes: #1, and more"\n    title: x',
      ),
    );
    expect(parse(out).opportunities[0].touchpoints[1].note).toBe('yes: #1, and more');
  });

  it('adds a missing key at the indentation of the map, after its last value', () => {
    const text =
      'opportunities:\n  - id: a\n    dates:\n      decided: 2026-11-20\n  # next one\n  - id: b\n';
    const editor = new YamlEditor(text);
    editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-01');
    expect(editor.toString()).toBe(
      'opportunities:\n  - id: a\n    dates:\n      decided: 2026-11-20\n    snoozedUntil: 2027-01-01\n  # next one\n  - id: b\n',
    );
  });

  it('replaces a scalar and nothing around it', () => {
    const text = 'opportunities:\n  - id: a\n    snoozedUntil: "2026-12-15"   # why\n';
    const editor = new YamlEditor(text);
    editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-01');
    expect(editor.toString()).toBe(
      'opportunities:\n  - id: a\n    snoozedUntil: "2027-01-01"   # why\n',
    );
  });

  it('falls back to printing the document when the text cannot be spliced, with the same data', () => {
    const text = 'opportunities:\n  - { id: a, title: x } # flow\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      channel: 'call',
    });
    const out = editor.toString();
    expect(parse(out)).toEqual({
      opportunities: [
        { id: 'a', title: 'x', touchpoints: [{ on: '2026-12-01', channel: 'call' }] },
      ],
    });
    expect(out).toContain('# flow');
  });

  it('keeps several appends to one list in the order they were made', () => {
    const text =
      'opportunities:\n  - id: a\n    touchpoints:\n      - { on: 2026-11-01, channel: email }\n';
    const editor = new YamlEditor(text);
    for (const on of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on, channel: 'call' });
    }
    const out = editor.toString();
    expect(out.startsWith(text)).toBe(true);
    expect(parse(out).opportunities[0].touchpoints.map((t: { on: string }) => t.on)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
  });

  it('ends the lines it adds with CRLF in a CRLF file (regression: inserted lines ended in LF only)', () => {
    const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
    const text = crlf([
      'opportunities:',
      '  - id: a',
      '    touchpoints:',
      '      - on: 2026-11-01',
      '        channel: email',
      '  - id: b',
      '    touchpoints: []',
      '  - id: c',
      '    dates: {decided: 2026-11-20}',
    ]);
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      channel: 'call',
    });
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-01' });
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-02' });
    editor.appendToList(opportunity(editor, 2), 'touchpoints', { on: '2026-12-01' });
    editor.setScalar(opportunity(editor, 2), 'snoozedUntil', '2027-01-05');
    expect(editor.toString()).toBe(
      crlf([
        'opportunities:',
        '  - id: a',
        '    touchpoints:',
        '      - on: 2026-11-01',
        '        channel: email',
        '      - on: 2026-12-01',
        '        channel: call',
        '  - id: b',
        '    touchpoints:',
        '      - { on: 2026-12-01 }',
        '      - { on: 2026-12-02 }',
        '  - id: c',
        '    dates: {decided: 2026-11-20}',
        '    touchpoints:',
        '      - { on: 2026-12-01 }',
        '    snoozedUntil: 2027-01-05',
      ]),
    );
  });

  it('prints a CRLF file with CRLF line ends when it cannot splice it', () => {
    // A comment inside an empty flow list: the splice cannot place it, so the file is printed.
    const text =
      'opportunities:\r\n  - id: a\r\n    touchpoints: [ # none yet\r\n    ]\r\n  - id: b\r\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    const out = editor.toString();
    expect(out).not.toMatch(/[^\r]\n/);
    expect(out).toContain('# none yet');
    expect(parse(out).opportunities[0].touchpoints).toEqual([{ on: '2026-12-01' }]);
  });

  it('adds a missing key before the blank line and comment that introduce the next item (regression: snoozedUntil went under the next item’s comment)', () => {
    const text = [
      'opportunities:',
      '- id: one',
      '  touchpoints:',
      '  - on: 2026-11-23   # block style',
      '    channel: email',
      '',
      '  # a comment about two',
      '- id: two',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-05');
    expect(editor.toString()).toBe(
      text.replace('    channel: email\n', '    channel: email\n  snoozedUntil: 2027-01-05\n'),
    );
  });

  it('appends after the last value of a list item, not after the comment that follows it', () => {
    const text = [
      'opportunities:',
      '  - id: one',
      '    touchpoints:',
      '      - on: 2026-11-23',
      '        dates:',
      '          x: 1',
      '',
      '    # about the next key',
      '    title: T',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    expect(editor.toString()).toBe(
      text.replace('          x: 1\n', '          x: 1\n      - on: 2026-12-01\n'),
    );
  });

  it('adds to an opportunity written as one flow map in place, keeping every other byte (regression: the whole file was reprinted)', () => {
    const text = [
      'opportunities:',
      '- id: one',
      '',
      '  # a comment between opportunities',
      '- {id: three, dates: {decided: 2026-11-20}} # flow opp',
      '- { id: four }',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 1), 'touchpoints', {
      on: '2026-12-01',
      channel: 'call',
    });
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-02', note: 'a, b' });
    editor.setScalar(opportunity(editor, 1), 'snoozedUntil', '2027-01-05');
    editor.appendToList(opportunity(editor, 2), 'touchpoints', { on: '2026-12-01' });
    expect(editor.toString()).toBe(
      text
        .replace(
          '{decided: 2026-11-20}}',
          '{decided: 2026-11-20}, touchpoints: [{on: 2026-12-01, channel: call}, {on: 2026-12-02, note: "a, b"}], snoozedUntil: 2027-01-05}',
        )
        .replace('{ id: four }', '{ id: four, touchpoints: [{ on: 2026-12-01 }] }'),
    );
  });

  it('adds to a flow map spread over lines, or with a trailing comma, in place', () => {
    const text = 'opportunities:\n  - {id: a,\n     title: T\n    }\n  - {id: b, }\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    editor.setScalar(opportunity(editor, 1), 'snoozedUntil', '2027-01-05');
    expect(editor.toString()).toBe(
      'opportunities:\n  - {id: a,\n     title: T, touchpoints: [{on: 2026-12-01}]\n    }\n  - {id: b, snoozedUntil: 2027-01-05 }\n',
    );
  });

  it('fills `touchpoints: []` inside a flow map in place (regression: `[]` became block lines inside `{ ... }` and the whole file was reprinted)', () => {
    const text = [
      'opportunities:',
      '  - {id: a, dates: {decided: 2026-11-23}, touchpoints: []}',
      '',
      '  # b next',
      '  - id: b   # spaced as written',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-02', note: 'a, b' });
    expect(editor.toString()).toBe(
      text.replace(
        'touchpoints: []}',
        'touchpoints: [{on: 2026-12-01}, {on: 2026-12-02, note: "a, b"}]}',
      ),
    );
  });

  it('fills `"touchpoints": []` in a JSON-style file in place, in JSON (regression: `[{on: 2026-12-01}]` left the file no longer JSON)', () => {
    const text = [
      '{',
      '  "opportunities": [',
      '    {',
      '      "id": "a",',
      '      "touchpoints": []',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    const out = editor.toString();
    expect(out).toBe(text.replace('"touchpoints": []', '"touchpoints": [{"on": "2026-12-01"}]'));
    expect(JSON.parse(out).opportunities[0].touchpoints).toEqual([{ on: '2026-12-01' }]);
  });

  it('writes new touchpoints and keys in JSON in a file written as JSON, so it stays JSON (regression: `{on: 2026-12-01, channel: email}` and `snoozedUntil: 2027-01-05` were written unquoted)', () => {
    const data = {
      version: 1,
      opportunities: [
        { id: 'a', touchpoints: [{ on: '2026-11-01', channel: 'email' }] },
        { id: 'b', title: 'B' },
        { id: 'c', snoozedUntil: '2026-12-15' },
      ],
    };
    const note = 'say "hi"\nand go';
    // As `JSON.stringify(data, null, 2)` writes a file: one key a line, objects spread out.
    const pretty = `${JSON.stringify(data, null, 2)}\n`;
    let editor = new YamlEditor(pretty);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      channel: 'email',
      note,
    });
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-01' });
    editor.setScalar(opportunity(editor, 1), 'snoozedUntil', '2027-01-05');
    editor.setScalar(opportunity(editor, 2), 'snoozedUntil', '2027-01-05');
    let out = editor.toString();
    expect(out).toBe(
      pretty
        .replace(
          '          "channel": "email"\n        }\n',
          '          "channel": "email"\n        },\n        {"on": "2026-12-01", "channel": "email", "note": "say \\"hi\\"\\nand go"}\n',
        )
        .replace(
          '"title": "B"\n',
          '"title": "B",\n      "touchpoints": [{"on": "2026-12-01"}],\n      "snoozedUntil": "2027-01-05"\n',
        )
        .replace('"2026-12-15"', '"2027-01-05"'),
    );
    expect(JSON.parse(out)).toEqual({
      version: 1,
      opportunities: [
        {
          id: 'a',
          touchpoints: [
            { on: '2026-11-01', channel: 'email' },
            { on: '2026-12-01', channel: 'email', note },
          ],
        },
        { id: 'b', title: 'B', touchpoints: [{ on: '2026-12-01' }], snoozedUntil: '2027-01-05' },
        { id: 'c', snoozedUntil: '2027-01-05' },
      ],
    });
    // The same file on one line: every new item and key is JSON too.
    const compact = JSON.stringify(data);
    editor = new YamlEditor(compact);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-01' });
    editor.setScalar(opportunity(editor, 1), 'snoozedUntil', '2027-01-05');
    out = editor.toString();
    expect(out).toBe(
      compact
        .replace('"email"}]', '"email"}, {"on": "2026-12-01"}]')
        .replace(
          '"title":"B"}',
          '"title":"B", "touchpoints": [{"on": "2026-12-01"}], "snoozedUntil": "2027-01-05"}',
        ),
    );
    expect(JSON.parse(out).opportunities[1].snoozedUntil).toBe('2027-01-05');
  });

  it('turns `[]` on the line under its key into a block list without leaving a blank line (regression: a line of spaces was left behind)', () => {
    const cases: Array<[string, string]> = [
      ['    touchpoints:\n      []\n', '    touchpoints:\n      - { on: 2026-12-01 }\n'],
      // The list takes the indentation the `[]` had.
      [
        '    touchpoints: # c\n        [ ]\n',
        '    touchpoints: # c\n        - { on: 2026-12-01 }\n',
      ],
      // A comment after the `[]` stays on its line.
      [
        '    touchpoints:\n      [] # none yet\n',
        '    touchpoints:\n      # none yet\n      - { on: 2026-12-01 }\n',
      ],
    ];
    for (const [before, after] of cases) {
      for (const end of ['  - id: b\n', '']) {
        const text = `opportunities:\n  - id: a\n${before}${end}`;
        const editor = new YamlEditor(text);
        editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
        const out = editor.toString();
        expect(out).toBe(`opportunities:\n  - id: a\n${after}${end}`);
        expect(blankLines(out)).toEqual([]);
      }
    }
    // At the end of a file with no last line break, and with CRLF line ends, twice.
    for (const eol of ['\n', '\r\n']) {
      const text = ['opportunities:', '  - id: a', '    touchpoints:', '      []'].join(eol);
      let editor = new YamlEditor(text);
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-02' });
      expect(editor.toString()).toBe(
        [
          'opportunities:',
          '  - id: a',
          '    touchpoints:',
          '      - { on: 2026-12-01 }',
          '      - { on: 2026-12-02 }',
          '',
        ].join(eol),
      );
      editor = new YamlEditor(`${text}${eol}`);
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
      expect(blankLines(editor.toString())).toEqual([]);
    }
  });

  it('appends to a flow list spread over lines in place, a line an item, at their indentation (regression: the whole file was reprinted)', () => {
    const text = [
      'opportunities:',
      '  - id: a',
      '    touchpoints: [',
      '      {on: 2026-11-01, channel: email},',
      '      {on: 2026-11-02} # the call ]',
      '    ]',
      '',
      '  # b next, spaced as written',
      '  - id:   b',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', {
      on: '2026-12-01',
      channel: 'email',
    });
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-02', note: 'a, b' });
    expect(editor.toString()).toBe(
      text.replace(
        '      {on: 2026-11-02} # the call ]\n',
        [
          '      {on: 2026-11-02}, # the call ]',
          '      {on: 2026-12-01, channel: email},',
          '      {on: 2026-12-02, note: "a, b"}',
          '',
        ].join('\n'),
      ),
    );
  });

  it('keeps a spread flow list’s trailing comma, alignment and line ends when it appends', () => {
    const cases: Array<[string[], string[]]> = [
      // A trailing comma stays last.
      [
        ['    touchpoints: [', '      { on: 2026-11-01 },  # c', '    ]'],
        [
          '    touchpoints: [',
          '      { on: 2026-11-01 },  # c',
          '      { on: 2026-12-01 },',
          '      { on: 2026-12-02 },',
          '    ]',
        ],
      ],
      // Items aligned under the first, with the bracket closing on the last line.
      [
        ['    touchpoints: [{on: 2026-11-01},', '                  {on: 2026-11-02}]'],
        [
          '    touchpoints: [{on: 2026-11-01},',
          '                  {on: 2026-11-02},',
          '                  {on: 2026-12-01},',
          '                  {on: 2026-12-02}]',
        ],
      ],
      // All the items on the `[` line: the new ones join them there.
      [
        ['    touchpoints: [{on: 2026-11-01}', '    ]'],
        ['    touchpoints: [{on: 2026-11-01}, {on: 2026-12-01}, {on: 2026-12-02}', '    ]'],
      ],
      // Leading commas, the bracket closing on the last item's line or after it.
      [
        ['    touchpoints: [ {on: 2026-11-01}', '                 , {on: 2026-11-02} ]'],
        [
          '    touchpoints: [ {on: 2026-11-01}',
          '                 , {on: 2026-11-02}',
          '                 , {on: 2026-12-01}',
          '                 , {on: 2026-12-02} ]',
        ],
      ],
      [
        ['    touchpoints: [ {on: 2026-11-01}  # first', '      ,{on: 2026-11-02}  # c', '    ]'],
        [
          '    touchpoints: [ {on: 2026-11-01}  # first',
          '      ,{on: 2026-11-02}  # c',
          '      ,{on: 2026-12-01}',
          '      ,{on: 2026-12-02}',
          '    ]',
        ],
      ],
      // Inside an opportunity written as one flow map.
      [
        ['  - {id: c, touchpoints: [', '      {on: 2026-11-01}', '    ]}'],
        [
          '  - {id: c, touchpoints: [',
          '      {on: 2026-11-01},',
          '      {on: 2026-12-01},',
          '      {on: 2026-12-02}',
          '    ]}',
        ],
      ],
    ];
    for (const [before, after] of cases) {
      for (const eol of ['\n', '\r\n']) {
        const head = before[0]?.startsWith('  - {')
          ? ['opportunities:']
          : ['opportunities:', '  - id: a'];
        const text = [...head, ...before, '# end', ''].join(eol);
        const editor = new YamlEditor(text);
        for (const on of ['2026-12-01', '2026-12-02']) {
          editor.appendToList(opportunity(editor, 0), 'touchpoints', { on });
        }
        expect(editor.toString()).toBe([...head, ...after, '# end', ''].join(eol));
      }
    }
  });

  it('appends after the trailing comma of a flow list, keeping it (regression: `,, {...}` made the whole file reprint)', () => {
    const text =
      'opportunities:\n  - id: a\n    touchpoints: [{on: 2026-11-20, channel: call}, ]\n# end\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-02' });
    expect(editor.toString()).toBe(
      text.replace('call}, ]', 'call}, {on: 2026-12-01}, {on: 2026-12-02}, ]'),
    );
  });

  it('keeps the byte order mark when it prints the whole file (regression: the BOM was dropped)', () => {
    const text = '\ufeffopportunities:\n  - id: a # keep\n    title: T\n';
    const editor = new YamlEditor(text);
    // A value with a line break cannot be spliced as a plain scalar: the Document is printed.
    editor.setScalar(opportunity(editor, 0), 'title', 'two\nlines');
    const out = editor.toString();
    expect(out.startsWith('\ufeffopportunities:')).toBe(true);
    expect(parse(out).opportunities[0].title).toBe('two\nlines');
  });

  it('keeps the byte order mark when it splices', () => {
    const text = '\ufeffopportunities:\n  - {id: a, touchpoints: []}\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    expect(editor.toString()).toBe(
      '\ufeffopportunities:\n  - {id: a, touchpoints: [{on: 2026-12-01}]}\n',
    );
  });

  it('adds a key on a line of its own to a YAML flow map written one key a line (regression: it went on the last key’s line)', () => {
    const text = [
      'opportunities:',
      '  - {',
      '      id: a,',
      '      title: T # the role',
      '    }',
      '  - {',
      '      id: b,',
      '      title: U,',
      '    }',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-05');
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-01' });
    expect(editor.toString()).toBe(
      text
        .replace('T # the role', 'T, # the role\n      snoozedUntil: 2027-01-05')
        .replace('U,\n', 'U,\n      touchpoints: [{on: 2026-12-01}],\n'),
    );
  });

  it('keeps an aligned comment after `[]` in its column (regression: it moved left by the brackets’ width)', () => {
    const text =
      'opportunities:\n  - id: a                   # the role\n    touchpoints: []         # log appends here\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    const out = editor.toString();
    expect(out).toBe(
      'opportunities:\n  - id: a                   # the role\n    touchpoints:            # log appends here\n      - { on: 2026-12-01 }\n',
    );
    const [first, second] = out.split('\n').slice(1, 3);
    expect(second!.indexOf('#')).toBe(first!.indexOf('#'));
  });

  it('turns `touchpoints:<tab>[]` into a block list without leaving a tab at the end of the line', () => {
    const text = 'opportunities:\n  - id: a\n    touchpoints:\t[]\n';
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    expect(editor.toString()).toBe(
      'opportunities:\n  - id: a\n    touchpoints:\n      - { on: 2026-12-01 }\n',
    );
  });

  it('adds to a multi-line flow map before the comment after its last value (regression: the whole file was reprinted)', () => {
    const text = [
      'opportunities:',
      '  - {',
      '      id: a, title: T,',
      '      cadence: false # no reminders',
      '    }',
      '  - {',
      '      id: b, # the big one',
      '    }',
      '',
    ].join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
    editor.setScalar(opportunity(editor, 1), 'snoozedUntil', '2027-01-05');
    expect(editor.toString()).toBe(
      text
        .replace('false # no', 'false, touchpoints: [{on: 2026-12-01}] # no')
        .replace('b, # the', 'b, snoozedUntil: 2027-01-05 # the'),
    );
  });

  it('appends to a block list whose first item has an anchor, a tag or a comment after the dash (regression: the whole file was reprinted)', () => {
    for (const first of [
      '      - &intro { on: 2026-11-20 }',
      '      - !!map { on: 2026-11-20 }',
      '      - # first\n        { on: 2026-11-20 }',
    ]) {
      const text = `opportunities:\n  - id: a\n    touchpoints:\n${first}\n\n  # b next\n  - id: b\n`;
      const editor = new YamlEditor(text);
      editor.appendToList(opportunity(editor, 0), 'touchpoints', { on: '2026-12-01' });
      expect(editor.toString()).toBe(
        text.replace(`${first}\n`, `${first}\n      - { on: 2026-12-01 }\n`),
      );
    }
  });

  it('appends several items at the end of a file without a final line break with no blank line between them (regression: each append added its own line break)', () => {
    for (const eol of ['\n', '\r\n']) {
      for (const last of [
        '      - { on: 2026-11-01 }',
        '      - on: 2026-11-01\n        channel: email',
      ]) {
        const text = `opportunities:\n  - id: a\n    touchpoints:\n${last}`.replaceAll('\n', eol);
        const editor = new YamlEditor(text);
        for (const on of ['2026-12-01', '2026-12-02']) {
          editor.appendToList(opportunity(editor, 0), 'touchpoints', { on, channel: 'email' });
        }
        const out = editor.toString();
        expect(blankLines(out)).toEqual([]);
        expect(out.startsWith(text + eol)).toBe(true);
        expect(parse(out).opportunities[0].touchpoints.map((t: { on: string }) => t.on)).toEqual([
          '2026-11-01',
          '2026-12-01',
          '2026-12-02',
        ]);
      }
    }
  });

  it('adds a key at the indentation of the keys when the first has an anchor or tag (regression: it was indented past the anchor, and the whole file reprinted)', () => {
    for (const props of ['&acme ', '!!str ', '&acme !!str ']) {
      // Spaced as a person might: a reprint would respace `title:    x`.
      const text = `opportunities:\n  - ${props}id: a # Acme\n    title:    x\n\n  # --- next one ---\n  - id: b\n`;
      const editor = new YamlEditor(text);
      editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-05');
      expect(editor.toString()).toBe(
        text.replace('title:    x\n', 'title:    x\n    snoozedUntil: 2027-01-05\n'),
      );
    }
    // With no other key to take the column from.
    const single = 'opportunities:\n  - &acme id:   a\n';
    const editor = new YamlEditor(single);
    editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-05');
    expect(editor.toString()).toBe(`${single}    snoozedUntil: 2027-01-05\n`);
  });

  it('keeps the quotes of a value it replaces (regression: `snoozedUntil: "2026-01-01"` lost its quotes)', () => {
    const cases: [string, string][] = [
      ['"2026-01-01"', '"2027-01-05"'],
      ["'2026-01-01'", "'2027-01-05'"],
      ['2026-01-01', '2027-01-05'],
    ];
    for (const [before, after] of cases) {
      const text = `opportunities:\n  - "id":   a\n    "snoozedUntil": ${before} # until then\n`;
      const editor = new YamlEditor(text);
      editor.setScalar(opportunity(editor, 0), 'snoozedUntil', '2027-01-05');
      expect(editor.toString()).toBe(text.replace(before, after));
    }
  });

  it("splices a file that uses an anchor more than 100 times (regression: yaml's alias limit made it print the whole file)", () => {
    const lines = ['contacts: &c', '  - {name: Dana,   role: recruiter}', 'opportunities:'];
    for (let i = 0; i < 150; i++) {
      lines.push(`  # opportunity ${i}`, `  - id:   o${i}`, '    contacts: *c', '');
    }
    const text = lines.join('\n');
    const editor = new YamlEditor(text);
    editor.appendToList(opportunity(editor, 1), 'touchpoints', { on: '2026-12-01' });
    const out = editor.toString();
    const added = '    touchpoints:\n      - { on: 2026-12-01 }\n';
    expect(out).toBe(
      text.replace(
        '    contacts: *c\n\n  # opportunity 2',
        `    contacts: *c\n${added}\n  # opportunity 2`,
      ),
    );
  });

  it('refuses to append to a list shared through an anchor and alias, naming both places (regression: the other opportunity got the touchpoint too, or lost its own)', () => {
    const text = [
      'opportunities:',
      '  - id: one',
      '    touchpoints: &tp',
      '      - {on: 2026-11-21, channel: email}',
      '  - id: two',
      '    touchpoints: *tp',
      '',
    ].join('\n');
    for (const index of [0, 1]) {
      const editor = new YamlEditor(text, { file: 'runner-up.yaml' });
      let error: unknown;
      try {
        editor.appendToList(opportunity(editor, index), 'touchpoints', { on: '2026-12-01' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({
        code: 'invalid_options',
        path: ['opportunities', 1, 'touchpoints'],
        line: 6,
        column: 18,
      });
      const message = (error as Error).message;
      expect(message).toMatch(/^runner-up\.yaml:6:18 `opportunities\[1\]\.touchpoints`: /);
      expect(message).toContain(
        'anchored as `&tp` at runner-up.yaml:3:18 `opportunities[0].touchpoints`',
      );
      expect(editor.toString()).toBe(text);
    }
  });

  it('refuses to set a value other places share through an alias, and replaces an alias itself', () => {
    const text =
      'opportunities:\n  - id: one\n    snoozedUntil: &s 2027-01-01\n  - id: two\n    snoozedUntil: *s\n';
    const anchored = new YamlEditor(text);
    expect(() =>
      anchored.setScalar(opportunity(anchored, 0), 'snoozedUntil', '2027-02-01'),
    ).toThrow(
      /`opportunities\[1\]\.snoozedUntil`: the alias `\*s` shares the value anchored as `&s`/,
    );
    // The alias stood for a plain value: giving `two` its own changes nothing else (it used to
    // be refused as if it changed both).
    const alias = new YamlEditor(text);
    alias.setScalar(opportunity(alias, 1), 'snoozedUntil', '2027-02-01');
    expect(alias.toString()).toBe(text.replace('*s', '2027-02-01'));
    // A value that is merely anchored, with no alias using it, is edited as usual.
    const alone = new YamlEditor('opportunities:\n  - id: one\n    snoozedUntil: &s 2027-01-01\n');
    alone.setScalar(opportunity(alone, 0), 'snoozedUntil', '2027-02-01');
    expect(alone.toString()).toBe('opportunities:\n  - id: one\n    snoozedUntil: &s 2027-02-01\n');
  });
});
