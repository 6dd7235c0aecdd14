/**
 * A small parser and evaluator for the part of Airtable's formula language that `filterByFormula`
 * needs in these tests: field references (`{Name}`, with `\}` and `\\` escapes, or a bare word),
 * string literals in double or single quotes with backslash escapes, numbers, `=` `!=` `<` `>` `<=`
 * `>=`, `&`, parentheses and the functions `AND`, `OR`, `NOT`, `BLANK`, `TRUE`, `FALSE`, `LEN`,
 * `LOWER`, `UPPER`, `TRIM`. Anything else is rejected, as Airtable rejects a formula it cannot parse
 * (422 `INVALID_FILTER_BY_FORMULA`), so a sink that builds an unescaped formula fails loudly here.
 */

/** A parse failure, reported by the emulator as 422 `INVALID_FILTER_BY_FORMULA`. */
export class FormulaError extends Error {}

/** A parsed formula. */
export type FormulaNode =
  | { kind: 'field'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'binary'; op: string; left: FormulaNode; right: FormulaNode };

type Token =
  | { type: 'field'; value: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'word'; value: string }
  | { type: 'op'; value: string };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '{') {
      let name = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new FormulaError('unterminated field reference');
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          name += text[i + 1];
          i += 2;
        } else if (c === '}') {
          i += 1;
          break;
        } else {
          name += c;
          i += 1;
        }
      }
      tokens.push({ type: 'field', value: name });
    } else if (char === '"' || char === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new FormulaError('unterminated string literal');
        const c = text[i]!;
        if (c === '\\') {
          if (i + 1 >= text.length) throw new FormulaError('unterminated string literal');
          const next = text[i + 1]!;
          value += ESCAPES[next] ?? next;
          i += 2;
        } else if (c === char) {
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
      tokens.push({ type: 'string', value });
    } else if (/[0-9.]/.test(char)) {
      const match = /^\d+(\.\d+)?|^\.\d+/.exec(text.slice(i));
      if (!match) throw new FormulaError(`unexpected "${char}"`);
      tokens.push({ type: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ type: 'word', value: match[0] });
      i += match[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else if ('=<>&(),'.includes(char)) {
        tokens.push({ type: 'op', value: char });
        i += 1;
      } else {
        throw new FormulaError(`unexpected "${char}"`);
      }
    }
  }
  return tokens;
}

const FUNCTIONS: Record<string, [min: number, max: number]> = {
  AND: [1, Number.POSITIVE_INFINITY],
  OR: [1, Number.POSITIVE_INFINITY],
  NOT: [1, 1],
  BLANK: [0, 0],
  TRUE: [0, 0],
  FALSE: [0, 0],
  LEN: [1, 1],
  LOWER: [1, 1],
  UPPER: [1, 1],
  TRIM: [1, 1],
};

/** Parses `text`; throws {@link FormulaError} for anything outside the supported subset. */
export function parseFormula(text: string): FormulaNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (value: string) => {
    const token = peek();
    return token?.type === 'op' && token.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new FormulaError(`expected "${value}"`);
    pos += 1;
  };

  const comparison = (): FormulaNode => {
    let left = concat();
    for (;;) {
      const token = peek();
      if (token?.type === 'op' && ['=', '!=', '<', '>', '<=', '>='].includes(token.value)) {
        pos += 1;
        left = { kind: 'binary', op: token.value, left, right: concat() };
      } else return left;
    }
  };
  const concat = (): FormulaNode => {
    let left = primary();
    while (isOp('&')) {
      pos += 1;
      left = { kind: 'binary', op: '&', left, right: primary() };
    }
    return left;
  };
  const primary = (): FormulaNode => {
    const token = peek();
    if (!token) throw new FormulaError('unexpected end of formula');
    pos += 1;
    switch (token.type) {
      case 'field':
        return { kind: 'field', name: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'word': {
        if (!isOp('(')) return { kind: 'field', name: token.value };
        const name = token.value.toUpperCase();
        const arity = FUNCTIONS[name];
        if (!arity) throw new FormulaError(`unknown function ${token.value}()`);
        pos += 1;
        const args: FormulaNode[] = [];
        if (!isOp(')')) {
          args.push(comparison());
          while (isOp(',')) {
            pos += 1;
            args.push(comparison());
          }
        }
        expect(')');
        if (args.length < arity[0] || args.length > arity[1]) {
          throw new FormulaError(`wrong number of arguments to ${name}()`);
        }
        return { kind: 'call', name, args };
      }
      case 'op':
        if (token.value === '(') {
          const inner = comparison();
          expect(')');
          return inner;
        }
        throw new FormulaError(`unexpected "${token.value}"`);
    }
  };

  const node = comparison();
  if (pos !== tokens.length) throw new FormulaError('unexpected text after the formula');
  return node;
}

/** The field names a formula refers to. */
export function formulaFields(node: FormulaNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === 'field') into.add(node.name);
  else if (node.kind === 'call') for (const arg of node.args) formulaFields(arg, into);
  else if (node.kind === 'binary') {
    formulaFields(node.left, into);
    formulaFields(node.right, into);
  }
  return into;
}

type Value = string | number | boolean | null;

const isBlank = (value: Value) => value === null || value === '' || value === false;
const truthy = (value: Value) => !isBlank(value) && value !== 0;
const asText = (value: Value) =>
  value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);

function compare(op: string, left: Value, right: Value): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (isBlank(left) || isBlank(right)) equal = isBlank(left) && isBlank(right);
    else if (typeof left === 'number' || typeof right === 'number')
      equal = Number(left) === Number(right);
    else if (typeof left === 'boolean' || typeof right === 'boolean')
      equal = truthy(left) === truthy(right);
    else equal = left === right;
    return op === '=' ? equal : !equal;
  }
  const a = typeof left === 'string' ? left : Number(left);
  const b = typeof right === 'string' ? right : Number(right);
  if (op === '<') return a < b;
  if (op === '>') return a > b;
  if (op === '<=') return a <= b;
  return a >= b;
}

/** Evaluates a parsed formula against a record's fields; the result is Airtable-truthy or not. */
export function evaluateFormula(node: FormulaNode, fields: Record<string, unknown>): Value {
  switch (node.kind) {
    case 'field': {
      const value = fields[node.name];
      if (value === undefined || value === null) return null;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return value;
      return JSON.stringify(value);
    }
    case 'string':
    case 'number':
      return node.value;
    case 'binary': {
      const left = evaluateFormula(node.left, fields);
      const right = evaluateFormula(node.right, fields);
      if (node.op === '&') return asText(left) + asText(right);
      return compare(node.op, left, right) ? 1 : 0;
    }
    case 'call': {
      const args = node.args.map((arg) => evaluateFormula(arg, fields));
      switch (node.name) {
        case 'AND':
          return args.every(truthy) ? 1 : 0;
        case 'OR':
          return args.some(truthy) ? 1 : 0;
        case 'NOT':
          return truthy(args[0]!) ? 0 : 1;
        case 'BLANK':
          return null;
        case 'TRUE':
          return 1;
        case 'FALSE':
          return 0;
        case 'LEN':
          return asText(args[0]!).length;
        case 'LOWER':
          return asText(args[0]!).toLowerCase();
        case 'UPPER':
          return asText(args[0]!).toUpperCase();
        default:
          return asText(args[0]!).trim();
      }
    }
  }
}

/** True when the record's fields satisfy `node`, the way `filterByFormula` keeps a record. */
export function matchesFormula(node: FormulaNode, fields: Record<string, unknown>): boolean {
  return truthy(evaluateFormula(node, fields));
}
