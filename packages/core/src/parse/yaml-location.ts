import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
} from 'yaml';

/** A 1-based position in a text file. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Which part of a `key: value` pair a position should point at.
 * - `value`: the value (for an empty value, its key), or the deepest existing parent when
 *   the path goes further than the file does (a missing field points at its parent mapping).
 * - `key`: the key itself (an unrecognized or duplicate field).
 */
export type LocateTarget = 'value' | 'key';

/** Where a path leads in a parsed YAML document. */
export interface NodeLookup {
  /** The node at the end of the path, or the deepest node that exists on the way. */
  node: Node | null;
  /** The pair whose value `node` is, when it is one. */
  pair: Pair | undefined;
  /** How many path segments were found; less than the path length when it runs out. */
  found: number;
}

type AnyDocument = Document.Parsed | Document;

function resolve(node: unknown, doc: AnyDocument): unknown {
  return isAlias(node) ? node.resolve(doc as Document) : node;
}

/** The text a map key stands for, as `toJS()` would turn it into an object key. */
function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

/** Follows `path` through a document's maps and sequences as far as it goes. */
export function findNode(doc: AnyDocument, path: ReadonlyArray<string | number>): NodeLookup {
  let node = resolve(doc.contents, doc) as Node | null;
  let pair: Pair | undefined;
  let found = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const match = node.items.find((item) => keyText(item.key) === String(segment));
      if (!match) break;
      pair = match as Pair;
      node = resolve(match.value, doc) as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      pair = undefined;
      node = resolve(item, doc) as Node | null;
    } else break;
    found += 1;
    if (node === null) break;
  }
  return { node, pair, found };
}

function startOf(node: unknown): number | undefined {
  if (isPair(node)) return startOf(node.key) ?? startOf(node.value);
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * The text offset a path points at in a parsed document, or `undefined` when the document is
 * empty. See {@link LocateTarget} for which part of a pair is chosen.
 */
export function offsetOfPath(
  doc: AnyDocument,
  path: ReadonlyArray<string | number>,
  target: LocateTarget = 'value',
): number | undefined {
  const { node, pair, found } = findNode(doc, path);
  const complete = found === path.length;
  if (complete && pair !== undefined) {
    const emptyValue =
      node === null || (isScalar(node) && node.value === null && node.source === '');
    if (target === 'key' || emptyValue) return startOf(pair.key) ?? startOf(node);
  }
  if (!complete && found > 0 && node === null && pair !== undefined) return startOf(pair.key);
  return startOf(node);
}

/**
 * The path of the innermost pair or item that contains `offset` (used to name the field a
 * YAML syntax error is in).
 */
export function pathAtOffset(doc: AnyDocument, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  let node = doc.contents as unknown;
  const within = (n: unknown) => {
    const range = (n as Node | null)?.range;
    return range !== undefined && range !== null && range[0] <= offset && offset < range[2];
  };
  while (isCollection(node)) {
    let next: unknown;
    if (isMap(node)) {
      for (const item of node.items) {
        const keyRange = (item.key as Node | null)?.range;
        const keyStart = keyRange ? keyRange[0] : undefined;
        const valueEnd = (item.value as Node | null)?.range?.[2] ?? keyRange?.[2];
        if (keyStart !== undefined && valueEnd !== undefined && keyStart <= offset) {
          if (offset < valueEnd || (item.value === null && offset <= valueEnd)) {
            path.push(keyText(item.key));
            next = item.value;
            break;
          }
        }
      }
    } else {
      const index = node.items.findIndex(within);
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (next === undefined || next === node) break;
    node = next;
  }
  return path;
}

/**
 * Finds where `path` (e.g. `['opportunities', 2, 'dates', 'decided']`) is written in a YAML
 * text, 1-based, or `undefined` if the text is empty. Tools that point at a field in
 * `runner-up.yaml` (the CLI's messages, editor integrations) use this.
 *
 * @param target - `value` (default) points at the value, or at the deepest existing parent when
 *   the field is missing; `key` points at the key.
 */
export function locateYamlPath(
  text: string,
  path: ReadonlyArray<string | number>,
  target: LocateTarget = 'value',
): TextPosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false });
  const offset = offsetOfPath(doc, path, target);
  return offset === undefined ? undefined : positionOf(lineCounter, offset);
}

/** Converts a text offset to a 1-based line and column. */
export function positionOf(lineCounter: LineCounter, offset: number): TextPosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
