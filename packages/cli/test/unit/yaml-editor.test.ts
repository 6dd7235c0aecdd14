import { describe, expect, it } from 'vitest';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { parse } from 'yaml';
import { YamlEditor } from '../../src/file/yaml-editor';

function opportunity(editor: YamlEditor, index: number): YAMLMap {
  return (editor.doc.get('opportunities', true) as YAMLSeq).items[index] as YAMLMap;
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
      'opportunities:\n  - id: a\n    snoozedUntil: 2027-01-01   # why\n',
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
});
