import { isDeepStrictEqual } from 'node:util';
import { formatPath, RunnerUpError } from '@runner-up/core';
import {
  type Alias,
  Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parse,
  parseDocument,
  type Scalar,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/** Options of {@link YamlEditor}. */
export interface YamlEditorOptions {
  /** The file name as the user gave it, for the positions in errors. @default 'the file' */
  file?: string;
}

/**
 * Edits a YAML file so that only the edited lines change. Each change is made twice: on the
 * `yaml` Document (setIn/addIn semantics, the source of truth for what the data becomes) and as a
 * splice of the original text (which keeps every other byte: comments, spacing, quoting, blank
 * lines, flow or block style). {@link YamlEditor.toString} returns the spliced text when it
 * parses to exactly the edited Document's data, and otherwise falls back to printing the
 * Document, which keeps comments and key order but may respace some lines.
 *
 * New lines end the way the file's lines do (`\r\n` in a CRLF file), and a file written as JSON
 * gets JSON (`{"on": "2026-12-01"}`), so it stays JSON. A node shared through a YAML anchor and
 * alias is never changed: that would change every place that shares it, so the edit is refused
 * with an `invalid_options` error naming both places.
 */
export class YamlEditor {
  /** The parsed file, which each edit changes too: it decides what the data becomes. */
  readonly doc: Document;
  private readonly edits: TextEdit[] = [];
  private exact = true;
  /** Lists this edit wrote as new block lines (from `[]`, or created): where their next line goes. */
  private readonly opened = new Map<YAMLSeq, { at: number; indent: string }>();
  /** Flow lists this edit wrote inside a flow map (`, key: [...]`): their text is rebuilt per item. */
  private readonly openedFlow = new Map<
    YAMLSeq,
    { edit: TextEdit; items: FlatItem[]; render: () => string }
  >();
  /** Flow lists spread over lines that this edit appended to: where their next line goes. */
  private readonly openedLines = new Map<
    YAMLSeq,
    { at: number; render: (text: string) => string }
  >();
  /** JSON-style flow maps this edit added a key to on a line of its own. */
  private readonly linedMaps = new Set<YAMLMap>();
  /** Where the file ends without a line break and this edit already added one. */
  private readonly brokenAt = new Set<number>();
  /** The file's line break, which every new line ends with. */
  private readonly eol: string;
  private readonly file: string;

  constructor(
    /** The file's text as given; edits leave it as it is ({@link YamlEditor.toString} has them). */
    readonly text: string,
    options: YamlEditorOptions = {},
  ) {
    this.doc = parseDocument(text, { version: '1.2', schema: 'core' });
    this.eol = lineBreakOf(text);
    this.file = options.file ?? 'the file';
  }

  /**
   * Sets `key` of `map` to the plain value `value` (a string, number or boolean), double-quoted
   * in a map written as JSON (`"snoozedUntil": "2027-01-05"`).
   */
  setScalar(map: YAMLMap, key: string, value: string): void {
    const current = map.get(key, true) as unknown;
    const json = isJsonStyle(map);
    // The text of the new value, or `undefined` when it cannot be written on its line.
    const text = json ? quoted(value) : needsQuotes(value) ? undefined : value;
    // An alias to a plain value, replaced by a value of its own, changes only this map: then only
    // the map itself being shared is refused.
    const ownAlias = isAlias(current) && isScalar(current.resolve(this.doc));
    this.refuseShared(
      map,
      !ownAlias && (isAlias(current) || isScalar(current)) ? current : undefined,
    );
    if (ownAlias) {
      const range = current.range;
      map.set(key, value);
      if (range && text !== undefined) this.splice(range[0], range[1] - range[0], text);
      else this.exact = false;
      return;
    }
    if (isScalar(current)) {
      const range = current.range;
      // A quoted value stays quoted as it was (`"2026-01-01"`, `'2026-01-01'`), as JSON does.
      const style = json ? 'QUOTE_DOUBLE' : current.type;
      const own =
        style === 'QUOTE_DOUBLE'
          ? quoted(value)
          : style === 'QUOTE_SINGLE'
            ? `'${value.replaceAll("'", "''")}'`
            : text;
      current.value = value;
      // Otherwise re-chosen on print, since the new value may need quotes.
      if (style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE') current.type = style;
      else delete (current as Scalar).type;
      if (range && own !== undefined) this.splice(range[0], range[1] - range[0], own);
      else this.exact = false;
      return;
    }
    map.set(key, value);
    this.appendPair(map, text === undefined ? undefined : { key, block: [], flow: text });
  }

  /**
   * Appends `item` (a flat record) to the sequence at `key` of `map`, creating it if missing, in
   * the style of the items already there (`{ a: 1 }` flow maps or block maps, or JSON's
   * `{"a": "1"}` in a file written as JSON).
   */
  appendToList(map: YAMLMap, key: string, item: FlatItem): void {
    const list = map.get(key, true) as unknown;
    this.refuseShared(map, isAlias(list) || isSeq(list) ? list : undefined);
    if (isSeq(list)) {
      const openedFlow = this.openedFlow.get(list);
      if (openedFlow) {
        list.items.push(this.doc.createNode(item) as YAMLMap);
        openedFlow.items.push(item);
        openedFlow.edit.insert = openedFlow.render();
        return;
      }
      const opened = this.opened.get(list);
      if (opened) {
        // A second item for a list whose block lines this edit wrote: the line after.
        const node = this.doc.createNode(item) as YAMLMap;
        node.flow = true;
        list.items.push(node);
        this.splice(opened.at, 0, `${opened.indent}- ${flowText(item, true)}${this.eol}`);
        return;
      }
      const last = list.items[list.items.length - 1];
      const flowItems = list.items.length === 0 || (isMap(last) && Boolean(last.flow));
      const node = this.doc.createNode(item) as YAMLMap;
      node.flow = flowItems;
      if (list.flow && list.items.length === 0 && map.flow) {
        // Inside `{ ... }` no block lines can go: `[]` becomes `[{...}]` where it stands.
        list.items.push(node);
        this.fillEmptyFlowList(map, list, item);
        return;
      }
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
    const padded = this.isPadded(map);
    const json = isJsonStyle(map);
    const items = [item];
    const flowList = () => `[${items.map((record) => flowText(record, padded, json)).join(', ')}]`;
    const added = this.appendPair(map, {
      key,
      block: [`  - ${flowText(item, true)}`],
      flow: flowList(),
    });
    if (added?.flow) {
      this.openedFlow.set(seq, { edit: added.edit, items, render: () => added.render(flowList()) });
    } else if (added) {
      this.opened.set(seq, { at: added.at, indent: `${added.indent}  ` });
    }
  }

  /** The new text: spliced when that is provably the edited data, else the printed Document. */
  toString(): string {
    // The printer drops a byte order mark; the file keeps the one it had.
    const bom = this.text.startsWith('\ufeff') ? '\ufeff' : '';
    const printed = () =>
      bom +
      this.doc.toString({ flowCollectionPadding: false, lineWidth: 0 }).replace(/\r?\n/g, this.eol);
    if (!this.exact) return printed();
    const spliced = applyEdits(this.text, this.edits);
    // A splice the parser rejects, or that reads as other data: print the Document instead.
    const reread = parseDocument(spliced, { version: '1.2', schema: 'core' });
    if (reread.errors.length === 0 && sameData(reread.contents, this.doc.contents)) return spliced;
    return printed();
  }

  private splice(at: number, remove: number, insert: string): void {
    this.edits.push({ at, remove, insert });
  }

  /**
   * The line break that new lines inserted at `at` need first: only where the file's last line
   * ends without one, and only once there, as later insertions at `at` follow the first.
   */
  private lineBreakAt(at: number): string {
    if (at === 0 || this.text[at - 1] === '\n' || this.brokenAt.has(at)) return '';
    this.brokenAt.add(at);
    return this.eol;
  }

  /**
   * Adds `key` to `map`: in a block map as lines after its last value (before the blank lines and
   * comments that follow it, which belong to what comes next), at the indentation of its keys; in
   * a flow map as `, key: value` before its closing brace. Returns where it went, or `undefined`
   * when the map cannot be spliced.
   */
  private appendPair(
    map: YAMLMap,
    pair: { key: string; block: string[]; flow: string } | undefined,
  ):
    | { flow: false; at: number; indent: string }
    | { flow: true; edit: TextEdit; render: (value: string) => string }
    | undefined {
    const first = map.items[0]?.key;
    const range = map.range;
    if (!pair || !range || !isScalar(first) || !first.range) {
      this.exact = false;
      return undefined;
    }
    if (map.flow) {
      const close = this.text.lastIndexOf('}', range[1] - 1);
      if (close <= range[0]) {
        this.exact = false;
        return undefined;
      }
      // After the last value, so a brace on a line of its own stays there, and before a comment
      // after it (`cadence: false # no reminders`), which would otherwise swallow the new pair.
      const valueEnd = lastValueEnd(map) ?? range[0] + 1;
      const lined = this.appendPairLine(map, pair, valueEnd, close);
      if (lined) return lined;
      const comment = this.text.slice(valueEnd, close).indexOf('#');
      let at = comment >= 0 ? valueEnd + comment : close;
      while (at > range[0] && /\s/.test(this.text[at - 1] ?? '')) at -= 1;
      const separator = this.text[at - 1] === ',' ? ' ' : ', ';
      const key = isJsonStyle(map) ? quoted(pair.key) : scalarText(pair.key, true);
      const render = (value: string) => `${separator}${key}: ${value}`;
      const edit: TextEdit = { at, remove: 0, insert: render(pair.flow) };
      this.edits.push(edit);
      return { flow: true, edit, render };
    }
    const indent = ' '.repeat(this.keyColumn(map, first.range[0]));
    const at = lineEndAfter(this.text, contentEnd(map));
    const prefix = this.lineBreakAt(at);
    const lines =
      pair.block.length === 0 ? [`${pair.key}: ${pair.flow}`] : [`${pair.key}:`, ...pair.block];
    this.splice(at, 0, prefix + lines.map((line) => `${indent}${line}${this.eol}`).join(''));
    return { flow: false, at, indent };
  }

  /**
   * Adds `key: value` on a line of its own after the last one, at its indentation, to a flow map
   * spread over lines as JSON is written (`{`, `"id": "a",`, `}`), or to a YAML flow map written
   * one key a line. Returns `undefined` for any other layout.
   */
  private appendPairLine(
    map: YAMLMap,
    pair: { key: string; flow: string },
    valueEnd: number,
    close: number,
  ): { flow: true; edit: TextEdit; render: (value: string) => string } | undefined {
    const lastKey = [...map.items]
      .reverse()
      .map((item) => item.key as unknown)
      .find(hasRange);
    const json = isJsonStyle(map);
    if (!lastKey?.range || !(json || this.keysStartLines(map))) return undefined;
    const indent = this.text.slice(lineStartOf(this.text, lastKey.range[0]), lastKey.range[0]);
    if (!/^[ \t]*$/.test(indent) || !this.text.slice(valueEnd, close).includes('\n')) {
      return undefined;
    }
    let after = valueEnd;
    while (this.text[after] === ' ' || this.text[after] === '\t') after += 1;
    const trailing = this.text[after] === ',';
    const lineBreak = this.text.indexOf('\n', trailing ? after + 1 : valueEnd);
    const at = this.text[lineBreak - 1] === '\r' ? lineBreak - 1 : lineBreak;
    // The comma after the last value goes straight after it, once; later pairs bring their own.
    const first = !this.linedMaps.has(map);
    this.linedMaps.add(map);
    if (first && !trailing) this.splice(valueEnd, 0, ',');
    const lead = first || trailing ? '' : ',';
    const render = (value: string) =>
      `${lead}${this.eol}${indent}${json ? quoted(pair.key) : scalarText(pair.key, true)}: ${value}${trailing ? ',' : ''}`;
    const edit: TextEdit = { at, remove: 0, insert: render(pair.flow) };
    this.edits.push(edit);
    return { flow: true, edit, render };
  }

  /** True when `map` has two or more keys from the file, each starting a line of its own. */
  private keysStartLines(map: YAMLMap): boolean {
    const keys = map.items.map((item) => item.key as unknown).filter(hasRange);
    return (
      keys.length > 1 &&
      keys.every(
        (key) =>
          key.range &&
          /^[ \t]*$/.test(this.text.slice(lineStartOf(this.text, key.range[0]), key.range[0])),
      )
    );
  }

  /**
   * The column of a block map's keys: that of a key starting its own line, else of the first key
   * (at `firstKey`), before any anchor or tag written ahead of it (`- &acme id: a`).
   */
  private keyColumn(map: YAMLMap, firstKey: number): number {
    for (const { key } of map.items) {
      if (!hasRange(key) || !key.range) continue;
      const lineStart = lineStartOf(this.text, key.range[0]);
      if (/^[ \t]*$/.test(this.text.slice(lineStart, key.range[0]))) {
        return key.range[0] - lineStart;
      }
    }
    const before = this.text.slice(lineStartOf(this.text, firstKey), firstKey);
    const properties = /(?:[&!]\S*[ \t]+)+$/.exec(before)?.[0].length ?? 0;
    return columnOf(this.text, firstKey) - properties;
  }

  /** True when the flow map is written with spaces inside its braces: `{ a: 1 }`. */
  private isPadded(map: YAMLMap): boolean {
    return map.flow === true && Boolean(map.range) && this.text[(map.range?.[0] ?? 0) + 1] === ' ';
  }

  /**
   * Refuses to change `map` or its `value` when either is shared through a YAML alias: the change
   * would show up in every place that shares it (`touchpoints: *tp` on another opportunity).
   */
  private refuseShared(map: YAMLMap, value: Node | Alias | undefined): void {
    const anchored = new Set<Node>([map]);
    if (value && !isAlias(value)) anchored.add(value);
    let found: { alias: Alias; path: ReadonlyArray<string | number>; target: Node } | undefined;
    let ancestorsOfMap: Set<unknown> = new Set();
    visit(this.doc, (_key, node, path) => {
      if (node === map) ancestorsOfMap = new Set(path);
    });
    visit(this.doc, {
      Alias: (_key, alias, path) => {
        const target = alias.resolve(this.doc);
        if (!target) return undefined;
        if (
          alias === value ||
          anchored.has(target as Node) ||
          (ancestorsOfMap.has(target) && isCollection(target))
        ) {
          found = { alias, path: dataPath(path, alias), target: target as Node };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (!found) return;
    const { alias, target } = found;
    const anchor = `&${alias.source}`;
    const aliasAt = this.position(alias.range?.[0]);
    const anchorOffset = target.range ? this.text.lastIndexOf(anchor, target.range[0]) : -1;
    const anchorAt = this.position(anchorOffset >= 0 ? anchorOffset : target.range?.[0]);
    const anchorPath = this.pathOf(target);
    throw new RunnerUpError(
      'invalid_options',
      `${aliasAt.text} \`${formatPath(found.path)}\`: the alias \`*${alias.source}\` shares the value anchored as \`${anchor}\` at ${anchorAt.text} \`${formatPath(anchorPath)}\`, so this change would change both; nothing was written. Write the value out in full in place of \`*${alias.source}\` (and drop \`${anchor}\` if nothing else uses it), then run the command again.`,
      { file: this.file, path: found.path, line: aliasAt.line, column: aliasAt.column },
    );
  }

  /** The data path of `target` in the document. */
  private pathOf(target: unknown): ReadonlyArray<string | number> {
    let result: ReadonlyArray<string | number> = [];
    visit(this.doc, (_key, node, path) => {
      if (node !== target) return undefined;
      result = dataPath(path, node);
      return visit.BREAK;
    });
    return result;
  }

  /** `file:line:col` of an offset (1-based), or just the file when unknown. */
  private position(offset: number | undefined): {
    text: string;
    line?: number;
    column?: number;
  } {
    if (offset === undefined || offset < 0) return { text: this.file };
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - lineStartOf(this.text, offset) + 1;
    return { text: `${this.file}:${line}:${column}`, line, column };
  }

  /**
   * Replaces the `[]` of a flow list inside a flow map with `[{...}]`, rebuilt as more items come
   * in this edit; the map's braces cannot hold block lines.
   */
  private fillEmptyFlowList(map: YAMLMap, list: YAMLSeq, item: FlatItem): void {
    const range = list.range;
    if (!range || !/^\[\s*\]$/.test(this.text.slice(range[0], range[1]))) {
      this.exact = false;
      return;
    }
    const padded = this.isPadded(map);
    const json = isJsonStyle(map);
    const items = [item];
    const render = () => `[${items.map((record) => flowText(record, padded, json)).join(', ')}]`;
    const edit: TextEdit = { at: range[0], remove: range[1] - range[0], insert: render() };
    this.edits.push(edit);
    this.openedFlow.set(list, { edit, items, render });
  }

  /**
   * Replaces the `[]` after `key` with a block list holding `item` as its first line. A `[]` on a
   * line of its own (under `key:`) goes with its line, and the list takes its indentation.
   */
  private openEmptyFlowList(map: YAMLMap, key: string, list: YAMLSeq, item: FlatItem): void {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const range = list.range;
    if (!keyRange || !range || !/^\[\s*\]$/.test(this.text.slice(range[0], range[1]))) {
      this.exact = false;
      return;
    }
    const at = lineEndAfter(this.text, range[1]);
    const lineStart = lineStartOf(this.text, range[0]);
    const ownLine =
      lineStart > keyRange[0] && /^[ \t]*$/.test(this.text.slice(lineStart, range[0]));
    let indent = ' '.repeat(columnOf(this.text, keyRange[0]) + 2);
    let prefix: string | undefined;
    if (ownLine && /^[ \t]*\r?\n?$/.test(this.text.slice(range[1], at))) {
      // `key:` then `[]` alone on the next line: the line goes, leaving no blank one behind.
      indent = ' '.repeat(columnOf(this.text, range[0]));
      prefix = '';
      this.splice(lineStart, at - lineStart, '');
    } else if (ownLine) {
      // `[] # c` alone on its line: the comment stays there, at the list's indentation.
      let to = range[1];
      while (this.text[to] === ' ' || this.text[to] === '\t') to += 1;
      indent = ' '.repeat(columnOf(this.text, range[0]));
      this.splice(range[0], to - range[0], '');
    } else {
      // Drop the brackets with one blank around them: `key: [] # c` reads `key: # c`, and
      // `key:<tab>[]` leaves no tab at the end of its line. A comment set apart by more than
      // one space is aligned with others: blanks take the brackets' place, so it stays in its
      // column.
      let from = range[0];
      let to = range[1];
      if (/^ {2,}#/.test(this.text.slice(to, at))) {
        this.splice(from, to - from, ' '.repeat(to - from));
      } else {
        if (this.text[to] === ' ' || this.text[to] === '\t') to += 1;
        else if (this.text[from - 1] === ' ' || this.text[from - 1] === '\t') from -= 1;
        this.splice(from, to - from, '');
      }
    }
    prefix ??= this.lineBreakAt(at);
    this.splice(at, 0, `${prefix}${indent}- ${flowText(item, true)}${this.eol}`);
    this.opened.set(list, { at, indent });
  }

  private spliceIntoList(list: YAMLSeq, item: FlatItem, flowItems: boolean): void {
    const range = list.range;
    if (!range) {
      this.exact = false;
      return;
    }
    // The last item from the file: items appended earlier in this edit have no position yet.
    const previous = lastPlaced(list);
    if (list.flow) {
      const close = this.text.lastIndexOf(']', range[1]);
      if (close < range[0]) {
        this.exact = false;
        return;
      }
      if (this.text.slice(range[0], close).includes('\n')) {
        this.spliceIntoFlowLines(list, previous, item, close);
        return;
      }
      // `[{ ... }]` on one line: insert before the closing bracket.
      const padded = /\{ /.test(this.text.slice(range[0], close));
      const json = isJsonStyle(previous);
      // An empty list never gets here: `[]` is filled or opened by appendToList.
      const text = flowText(item, padded, json);
      // A trailing comma (`[{...},]`) stays last: the new item goes after it, with its own.
      let end = close;
      while (end > range[0] && /\s/.test(this.text[end - 1] ?? '')) end -= 1;
      if (this.text[end - 1] === ',') this.splice(end, 0, ` ${text},`);
      else this.splice(close, 0, `, ${text}`);
      return;
    }
    if (!previous?.range) {
      this.exact = false;
      return;
    }
    // The list starts at its first dash, whatever follows it (`- &intro {...}`, `- !!map`, `- # c`).
    const lead = this.text.slice(lineStartOf(this.text, range[0]), range[0]);
    if (this.text[range[0]] !== '-' || !/^ *$/.test(lead)) {
      this.exact = false;
      return;
    }
    const indent = lead;
    const padded = /^\{ /.test(this.text.slice(previous.range[0], previous.range[1]));
    const json = isJsonStyle(previous);
    const lines = flowItems
      ? [`${indent}- ${flowText(item, padded, json)}`]
      : blockText(item).map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`);
    const at = lineEndAfter(this.text, contentEnd(previous));
    const prefix = this.lineBreakAt(at);
    this.splice(at, 0, prefix + lines.map((line) => `${line}${this.eol}`).join(''));
  }

  /**
   * Appends to a flow list spread over several lines (`[` and `]` on different lines). The new
   * item goes on a line of its own after `previous`, the last one from the file (and after a
   * comment on its line), indented as the line that one starts on; when it is still on the `[`
   * line, the new item goes after it on that line. A trailing comma (`{...},`) stays last.
   */
  private spliceIntoFlowLines(
    list: YAMLSeq,
    previous: Node | undefined,
    item: FlatItem,
    close: number,
  ): void {
    const range = list.range;
    if (!range || !previous?.range) {
      this.exact = false;
      return;
    }
    const padded = /\{ /.test(this.text.slice(range[0], close));
    const text = flowText(item, padded, isJsonStyle(previous));
    const opened = this.openedLines.get(list);
    if (opened) {
      this.splice(opened.at, 0, opened.render(text));
      return;
    }
    const end = previous.range[1];
    let after = end;
    while (this.text[after] === ' ' || this.text[after] === '\t') after += 1;
    const trailing = this.text[after] === ',';
    const tail = trailing ? after + 1 : end;
    if (!this.text.slice(range[0], previous.range[0]).includes('\n')) {
      // The items are all on the `[` line: the new one joins them there.
      const render = (next: string) => (trailing ? ` ${next},` : `, ${next}`);
      this.splice(tail, 0, render(text));
      this.openedLines.set(list, { at: tail, render });
      return;
    }
    const lineBreak = this.text.indexOf('\n', tail);
    let at = tail;
    if (lineBreak >= 0 && lineBreak < close) {
      at = this.text[lineBreak - 1] === '\r' ? lineBreak - 1 : lineBreak;
    }
    // Written with leading commas (`, {...}` opening each line after the first): the new item
    // opens its line with one too, spaced as the last.
    const lead = this.text.slice(lineStartOf(this.text, previous.range[0]), previous.range[0]);
    if (!trailing && /^[ \t]*,[ \t]*$/.test(lead)) {
      const render = (next: string) => `${this.eol}${lead}${next}`;
      this.splice(at, 0, render(text));
      this.openedLines.set(list, { at, render });
      return;
    }
    const indent = blanksBefore(this.text, previous.range[0]);
    const line = (next: string) => `${this.eol}${indent}${next}${trailing ? ',' : ''}`;
    // The comma after the last item goes straight after it, ahead of a comment on its line.
    if (!trailing) this.splice(end, 0, ',');
    this.splice(at, 0, line(text));
    this.openedLines.set(list, { at, render: (next) => `${trailing ? '' : ','}${line(next)}` });
  }
}

/** The last item of `list` that comes from the file: items appended in this edit have no position. */
function lastPlaced(list: YAMLSeq): Node | undefined {
  for (let i = list.items.length - 1; i >= 0; i -= 1) {
    const node = list.items[i] as unknown;
    if (hasRange(node)) return node;
  }
  return undefined;
}

/** True when `node` is a flow map written as JSON: its keys from the file are all double-quoted. */
function isJsonStyle(node: unknown): boolean {
  if (!isMap(node) || !node.flow) return false;
  const keys = node.items.map((pair) => pair.key as unknown).filter(hasRange);
  return keys.length > 0 && keys.every((key) => isScalar(key) && key.type === 'QUOTE_DOUBLE');
}

/** An item {@link YamlEditor.appendToList} writes: text, or a boolean written `true` or `false`. */
export type FlatItem = Record<string, string | boolean>;

/**
 * A one-line flow map, quoted where YAML needs it: `{ on: 2026-12-01, note: "a, b" }`; with
 * `json`, every key and value double-quoted, as JSON writes it: `{"on": "2026-12-01"}`.
 */
function flowText(item: FlatItem, padded: boolean, json = false): string {
  const pairs = Object.entries(item).map(([key, value]) =>
    json
      ? `${quoted(key)}: ${typeof value === 'boolean' ? value : quoted(value)}`
      : pairText(key, value, true),
  );
  if (pairs.length === 0) return '{}';
  return padded ? `{ ${pairs.join(', ')} }` : `{${pairs.join(', ')}}`;
}

/** The lines of a block map, one a key, quoted where YAML needs it. */
function blockText(item: FlatItem): string[] {
  return Object.entries(item).map(([key, value]) => pairText(key, value, false));
}

function pairText(key: string, value: string | boolean, flow: boolean): string {
  const text = typeof value === 'boolean' ? String(value) : scalarText(value, flow);
  return `${scalarText(key, flow)}: ${text}`;
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
 * True when two YAML nodes hold the same data, as `toJS` would give it, compared without expanding
 * aliases: an alias is the same as an alias of the same name, and anchors must match. Expanding
 * them (`toJS`) would hit yaml's limit of 100 uses of an anchor, so in a file that shares a value
 * more often than that, every edit fell back to printing the whole file; and a file's aliases
 * could stand for far more data than its text.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (isAlias(a) || isAlias(b)) return isAlias(a) && isAlias(b) && a.source === b.source;
  if (anchorOf(a) !== anchorOf(b)) return false;
  if (isSeq(a) || isSeq(b)) {
    return (
      isSeq(a) &&
      isSeq(b) &&
      a.items.length === b.items.length &&
      a.items.every((item, index) => sameData(item, b.items[index]))
    );
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b) || a.items.length !== b.items.length) return false;
    const values = new Map(b.items.map((pair) => [scalarValue(pair.key), pair.value]));
    return a.items.every((pair) => {
      const key = scalarValue(pair.key);
      return values.has(key) && sameData(pair.value, values.get(key));
    });
  }
  return Object.is(scalarValue(a), scalarValue(b));
}

/** The value of a scalar node, or the value itself when it is none (a key set as a string). */
function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : (node ?? null);
}

function anchorOf(node: unknown): string | undefined {
  return isScalar(node) || isCollection(node) ? (node.anchor ?? undefined) : undefined;
}

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
  return quoted(value);
}

/**
 * `value` double-quoted on one line, escaped so that YAML and JSON both read it back as it is:
 * `"two\nlines"`.
 */
function quoted(value: string): string {
  let text = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    text +=
      NAMED_ESCAPES[char] ??
      (ESCAPED.test(char) ? `\\u${code.toString(16).padStart(4, '0')}` : char);
  }
  return `"${text}"`;
}

/** True when a value cannot be written as a plain scalar in block context. */
function needsQuotes(value: string): boolean {
  return new Document(value).toString().trimEnd() !== value;
}

/** `\r\n` when the file's first line ends so, else `\n`. */
function lineBreakOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Where a node's own text ends: for a block collection, the end of its last value, so not the
 * blank lines and comments after it (which the parser counts in the collection's range, but
 * which a reader takes to introduce what comes next).
 */
function contentEnd(node: Node): number {
  if (isCollection(node) && !node.flow) {
    // The last item from the file: items added by this edit have no position yet.
    for (let i = node.items.length - 1; i >= 0; i -= 1) {
      const item = node.items[i] as unknown;
      const value = isPair(item) ? (item.value ?? item.key) : item;
      if (hasRange(value)) return contentEnd(value);
    }
  }
  return node.range?.[1] ?? 0;
}

/** Where the last key or value of a flow map that has a position ends. */
function lastValueEnd(map: YAMLMap): number | undefined {
  for (let i = map.items.length - 1; i >= 0; i -= 1) {
    const pair = map.items[i];
    const node = (pair?.value ?? pair?.key) as unknown;
    if (hasRange(node)) return node.range?.[1];
  }
  return undefined;
}

function hasRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && Boolean((value as Node).range);
}

/** The data path (keys and indexes) of `node`, from the ancestors `visit` hands a visitor. */
function dataPath(ancestors: readonly unknown[], node: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i += 1) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent) && child === parent.value) {
      const key = isScalar(parent.key) ? parent.key.value : parent.key;
      path.push(typeof key === 'number' ? key : String(key));
    } else if (isSeq(parent)) {
      path.push(parent.items.indexOf(child as never));
    }
  }
  return path;
}

/** The blanks that start the line holding `offset`: its indentation. */
function blanksBefore(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
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
