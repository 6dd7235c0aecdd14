import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/**
 * Edits a YAML file so that only the edited lines change. Each change is made twice: on the
 * `yaml` Document (setIn/addIn semantics, the source of truth for what the data becomes) and as a
 * splice of the original text (which keeps every other byte: comments, spacing, quoting, blank
 * lines, flow or block style). {@link YamlEditor.toString} returns the spliced text when it
 * parses to exactly the edited Document's data, and otherwise falls back to printing the
 * Document, which keeps comments and key order but may respace some lines.
 */
export class YamlEditor {
  readonly doc: Document;
  private readonly edits: TextEdit[] = [];
  private exact = true;
  /** Lists this edit wrote as new block lines (from `[]`, or created): where their next line goes. */
  private readonly opened = new Map<YAMLSeq, { at: number; indent: string }>();

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { version: '1.2', schema: 'core' });
  }

  /** Sets `key` of `map` to the plain value `value` (a string, number or boolean). */
  setScalar(map: YAMLMap, key: string, value: string): void {
    const current = map.get(key, true);
    if (isScalar(current)) {
      const range = current.range;
      current.value = value;
      delete (current as Scalar).type; // re-chosen on print, since the new value may need quotes
      if (range && !needsQuotes(value)) this.splice(range[0], range[1] - range[0], value);
      else this.exact = false;
      return;
    }
    map.set(key, value);
    this.appendLines(map, needsQuotes(value) ? undefined : [`${key}: ${value}`]);
  }

  /**
   * Appends `item` (a flat record) to the sequence at `key` of `map`, creating it if missing, in
   * the style of the items already there (`{ a: 1 }` flow maps or block maps).
   */
  appendToList(map: YAMLMap, key: string, item: Record<string, string>): void {
    const list = map.get(key, true);
    if (isSeq(list)) {
      const opened = this.opened.get(list);
      if (opened) {
        // A second item for a list whose block lines this edit wrote: the line after.
        const node = this.doc.createNode(item) as YAMLMap;
        node.flow = true;
        list.items.push(node);
        this.splice(opened.at, 0, `${opened.indent}- ${flowText(item, true)}\n`);
        return;
      }
      const last = list.items[list.items.length - 1];
      const flowItems = list.items.length === 0 || (isMap(last) && Boolean(last.flow));
      const node = this.doc.createNode(item) as YAMLMap;
      node.flow = flowItems;
      if (list.flow && list.items.length === 0) {
        // `touchpoints: []` becomes a block list, one item a line, so it stays readable as it grows.
        list.flow = false;
        list.items.push(node);
        this.openEmptyFlowList(map, key, list, item);
        return;
      }
      list.items.push(node);
      this.spliceIntoList(list, item, flowItems);
      return;
    }
    const node = this.doc.createNode(item) as YAMLMap;
    node.flow = true;
    const seq = this.doc.createNode([]) as YAMLSeq;
    seq.items.push(node);
    map.set(key, seq);
    const added = this.appendLines(map, [`${key}:`, `  - ${flowText(item, true)}`]);
    if (added) this.opened.set(seq, { at: added.at, indent: `${added.indent}  ` });
  }

  /** The new text: spliced when that is provably the edited data, else the printed Document. */
  toString(): string {
    const printed = () => this.doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
    if (!this.exact) return printed();
    const spliced = applyEdits(this.text, this.edits);
    try {
      const data = parse(spliced, { version: '1.2', schema: 'core' });
      if (isDeepStrictEqual(data, this.doc.toJS())) return spliced;
    } catch {
      // A splice the parser rejects: print the Document instead.
    }
    return printed();
  }

  private splice(at: number, remove: number, insert: string): void {
    this.edits.push({ at, remove, insert });
  }

  /**
   * Adds lines at the end of a block map, at the indentation of its keys. Returns where they went
   * and that indentation, or `undefined` when the map cannot be spliced.
   */
  private appendLines(
    map: YAMLMap,
    lines: string[] | undefined,
  ): { at: number; indent: string } | undefined {
    const first = map.items[0]?.key;
    const range = map.range;
    if (!lines || map.flow || !range || !isScalar(first) || !first.range) {
      this.exact = false;
      return undefined;
    }
    const indent = ' '.repeat(columnOf(this.text, first.range[0]));
    const at = lineEndAfter(this.text, range[1]);
    const prefix = at > 0 && this.text[at - 1] !== '\n' ? '\n' : '';
    this.splice(at, 0, prefix + lines.map((line) => `${indent}${line}\n`).join(''));
    return { at, indent };
  }

  /** Replaces the `[]` after `key` with a block list holding `item` as its first line. */
  private openEmptyFlowList(
    map: YAMLMap,
    key: string,
    list: YAMLSeq,
    item: Record<string, string>,
  ): void {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const range = list.range;
    if (!keyRange || !range || !/^\[\s*\]$/.test(this.text.slice(range[0], range[1]))) {
      this.exact = false;
      return;
    }
    // Drop the brackets with one space around them: `key: [] # c` reads `key: # c`.
    let from = range[0];
    let to = range[1];
    if (this.text[to] === ' ') to += 1;
    else if (this.text[from - 1] === ' ') from -= 1;
    this.splice(from, to - from, '');
    const indent = ' '.repeat(columnOf(this.text, keyRange[0]) + 2);
    const at = lineEndAfter(this.text, range[1]);
    const prefix = at > 0 && this.text[at - 1] !== '\n' ? '\n' : '';
    this.splice(at, 0, `${prefix}${indent}- ${flowText(item, true)}\n`);
    this.opened.set(list, { at, indent });
  }

  private spliceIntoList(list: YAMLSeq, item: Record<string, string>, flowItems: boolean): void {
    const range = list.range;
    if (!range) {
      this.exact = false;
      return;
    }
    if (list.flow) {
      // `[{ ... }]` on one line: insert before the closing bracket.
      const close = this.text.lastIndexOf(']', range[1]);
      if (close < range[0] || this.text.slice(range[0], close).includes('\n')) {
        this.exact = false;
        return;
      }
      const padded = /\{ /.test(this.text.slice(range[0], close));
      const text = flowText(item, list.items.length === 1 ? true : padded);
      this.splice(close, 0, list.items.length === 1 ? text : `, ${text}`);
      return;
    }
    // The last item from the file: items appended earlier in this edit have no position yet.
    const previous = [...list.items]
      .reverse()
      .find((node) => (node as { range?: unknown }).range) as
      | { range?: [number, number, number] }
      | undefined;
    const first = list.items[0] as { range?: [number, number, number] };
    if (!previous?.range || !first?.range) {
      this.exact = false;
      return;
    }
    const start = lineStartOf(this.text, first.range[0]);
    const lead = this.text.slice(start, first.range[0]);
    const dash = /^(\s*)-\s+$/.exec(lead);
    if (!dash) {
      this.exact = false;
      return;
    }
    const indent = dash[1]!;
    const padded = /^\{ /.test(this.text.slice(previous.range[0], previous.range[1]));
    const lines = flowItems
      ? [`${indent}- ${flowText(item, padded)}`]
      : blockText(item).map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`);
    const at = lineEndAfter(this.text, previous.range[1]);
    const prefix = at > 0 && this.text[at - 1] !== '\n' ? '\n' : '';
    this.splice(at, 0, prefix + lines.map((line) => `${line}\n`).join(''));
  }
}

/** A one-line flow map, quoted where YAML needs it: `{ on: 2026-12-01, note: "a, b" }`. */
function flowText(item: Record<string, string>, padded: boolean): string {
  const pairs = Object.entries(item).map(([key, value]) => pairText(key, value, true));
  if (pairs.length === 0) return '{}';
  return padded ? `{ ${pairs.join(', ')} }` : `{${pairs.join(', ')}}`;
}

/** The lines of a block map, one a key, quoted where YAML needs it. */
function blockText(item: Record<string, string>): string[] {
  return Object.entries(item).map(([key, value]) => pairText(key, value, false));
}

function pairText(key: string, value: string, flow: boolean): string {
  return `${scalarText(key, flow)}: ${scalarText(value, flow)}`;
}

/**
 * Characters never written as they are: control characters (tab and line breaks too), and the
 * invisible line and paragraph separators and byte order mark. Everything else YAML can print.
 */
const ESCAPED = /[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\u2028\u2029\ufeff]/u;
const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * `value` as one line of YAML in a block or flow map: plain when it reads back as the same string
 * there, else double-quoted with escapes (`"two\nlines"`), never a multi-line scalar.
 */
function scalarText(value: string, flow: boolean): string {
  if (!ESCAPED.test(value)) {
    const source = flow ? `[{k: ${value}}, { k: ${value} }]` : `k: ${value}\n`;
    const wanted = flow ? [{ k: value }, { k: value }] : { k: value };
    try {
      const read = parse(source, { version: '1.2', schema: 'core', logLevel: 'error' });
      if (isDeepStrictEqual(read, wanted)) return value;
    } catch {
      // Not readable as plain text here: quote it.
    }
  }
  let quoted = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    quoted +=
      NAMED_ESCAPES[char] ??
      (ESCAPED.test(char) ? `\\u${code.toString(16).padStart(4, '0')}` : char);
  }
  return `"${quoted}"`;
}

/** True when a value cannot be written as a plain scalar in block context. */
function needsQuotes(value: string): boolean {
  return new Document(value).toString().trimEnd() !== value;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The offset just past the end of the line holding `offset` (after its newline). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(0, offset - 1));
  return newline < 0 ? text.length : newline + 1;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Later offsets first so earlier ones stay valid; at one offset, in the order they were made.
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => b.edit.at - a.edit.at || b.index - a.index);
  let out = text;
  for (const { edit } of ordered) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  }
  return out;
}
