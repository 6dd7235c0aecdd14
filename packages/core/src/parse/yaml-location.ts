import {
  type Alias,
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
  /** 1-based line. */
  line: number;
  /** 1-based column. */
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
  /**
   * The first alias (`*name`) on the way, and after how many segments: the path then goes on in
   * the anchor's value, which is written elsewhere in the file.
   */
  alias?: { node: Alias; depth: number };
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
  let alias: NodeLookup['alias'];
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const match = node.items.find((item) => keyText(item.key) === String(segment));
      if (!match) break;
      pair = match as Pair;
      next = match.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) break;
      pair = undefined;
    } else break;
    if (isAlias(next) && alias === undefined) alias = { node: next, depth: found + 1 };
    node = resolve(next, doc) as Node | null;
    found += 1;
    if (node === null) break;
  }
  return { node, pair, found, alias };
}

function startOf(node: unknown): number | undefined {
  if (isPair(node)) return startOf(node.key) ?? startOf(node.value);
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Where a path is in a document: see {@link locatePath}. */
export interface PathLocation {
  /** The text offset to point at. */
  offset: number;
  /**
   * When the path runs through an alias, `offset` is the alias (where the value is used), and
   * this is the anchor's name and where, inside its value, the path ends.
   */
  anchor?: { name: string; offset: number };
}

/**
 * Where a path points in a parsed document, or `undefined` when the document is empty. See
 * {@link LocateTarget} for which part of a pair is chosen. A path through an alias points at the
 * alias, as each use of a value is a use of its own; `anchor` says where the value is written.
 */
export function locatePath(
  doc: AnyDocument,
  path: ReadonlyArray<string | number>,
  target: LocateTarget = 'value',
): PathLocation | undefined {
  const { node, pair, found, alias } = findNode(doc, path);
  const complete = found === path.length;
  let offset: number | undefined;
  if (complete && pair !== undefined) {
    const emptyValue =
      node === null || (isScalar(node) && node.value === null && node.source === '');
    if (target === 'key' || emptyValue) offset = startOf(pair.key) ?? startOf(node);
  }
  if (offset === undefined && !complete && found > 0 && node === null && pair !== undefined) {
    offset = startOf(pair.key);
  }
  offset ??= startOf(node);
  if (offset === undefined) return undefined;
  // The key of the last pair is outside the anchor's value when the alias is that pair's value.
  const inAnchor =
    alias !== undefined && !(complete && target === 'key' && alias.depth === path.length);
  const aliasStart = inAnchor ? alias.node.range?.[0] : undefined;
  if (aliasStart === undefined || aliasStart === offset) return { offset };
  return { offset: aliasStart, anchor: { name: alias!.node.source, offset } };
}

/**
 * The text offset a path points at in a parsed document, or `undefined` when the document is
 * empty: {@link locatePath}'s offset.
 */
export function offsetOfPath(
  doc: AnyDocument,
  path: ReadonlyArray<string | number>,
  target: LocateTarget = 'value',
): number | undefined {
  return locatePath(doc, path, target)?.offset;
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
  return createYamlLocator(text)(path, target);
}

/**
 * {@link locateYamlPath} for many paths in one text: the text is parsed once, here, and each call
 * of the returned function only walks to its path. Use it to place a list of warnings; calling
 * `locateYamlPath` for each would parse the whole file once per warning.
 *
 * @example
 * const locate = createYamlLocator(text)
 * for (const w of lintPipeline(pipeline)) console.warn(locate(w.path), w.message)
 */
export function createYamlLocator(
  text: string,
): (path: ReadonlyArray<string | number>, target?: LocateTarget) => TextPosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false });
  return (path, target = 'value') => {
    const offset = offsetOfPath(doc, path, target);
    return offset === undefined ? undefined : positionOf(lineCounter, offset);
  };
}

/** Converts a text offset to a 1-based line and column. */
export function positionOf(lineCounter: LineCounter, offset: number): TextPosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
