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
  parseDocument,
  type Scalar,
  visit,
  type YAMLError,
} from 'yaml';
import { type ExtendOrigin, expandExtends, placeInherited } from '../engine/extend-cadence';
import { formatIssue, isRunnerUpError, RunnerUpError, type RunnerUpIssue } from '../errors';
import { type Pipeline, PipelineSchema } from '../model/pipeline';
import { createRegistry, type RunnerUpPlugin } from '../plugin/define-plugin';
import { checkOptionNames } from '../plugin/option-names';
import { checkReferences, type ReferenceIssue } from './cross-references';
import { markValidated } from './validated';
import { findNode, locatePath, pathAtOffset, positionOf, type TextPosition } from './yaml-location';
import { createErrorMap, draftIssues } from './zod-issues';

/** Options of {@link parsePipeline} and {@link safeParsePipeline}. */
export interface ParsePipelineOptions {
  /**
   * Plugins whose cadences opportunities may name, as registered with the planner.
   * @default []
   */
  plugins?: readonly RunnerUpPlugin[];
  /**
   * The file name to show in messages, as the user gave it (e.g. `runner-up.yaml`).
   * @default undefined (messages then start with the field path)
   */
  file?: string;
}

const PARSE_OPTIONS: readonly (keyof ParsePipelineOptions)[] = ['plugins', 'file'];

/** Options of {@link parsePipelineYaml} and {@link safeParsePipelineYaml}. */
export type ParsePipelineYamlOptions = ParsePipelineOptions;

/** The result of a `safeParse...` function: the value, or the error it would have thrown. */
export type SafeParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: RunnerUpError };

/** Where the input came from, when it was YAML text: used to put positions on issues. */
interface Source {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Validates a pipeline given as a plain object (e.g. parsed JSON) and applies defaults.
 * Cross-references are checked too: unique ids, known cadences, anchors, RRULEs.
 *
 * @throws {RunnerUpError} `invalid_pipeline`, `duplicate_id`, `unknown_cadence`,
 *   `unknown_anchor` or `invalid_rrule`, with every problem in `issues` and the first in `message`.
 * @example
 * const pipeline = parsePipeline(JSON.parse(text), { file: 'runner-up.json' })
 */
export function parsePipeline(input: unknown, options: ParsePipelineOptions = {}): Pipeline {
  return guard(() => {
    checkOptionNames(options, PARSE_OPTIONS, 'parse');
    return validate(input, options, undefined);
  });
}

/** Like {@link parsePipeline}, but returns `{ success, data }` or `{ success, error }` instead of throwing. */
export function safeParsePipeline(
  input: unknown,
  options: ParsePipelineOptions = {},
): SafeParseResult<Pipeline> {
  return safely(() => parsePipeline(input, options));
}

/**
 * Parses the text of a `runner-up.yaml` file and validates it. YAML 1.2 core schema: dates and
 * times like `2026-11-20` and `09:30` stay text. Every error names `file:line:column` and the
 * field path.
 *
 * @throws {RunnerUpError} `yaml_syntax` for text that is not valid YAML, else the codes of
 *   {@link parsePipeline}. A duplicate key is a `yaml_syntax` issue listed with the file's other
 *   problems (the error's `code` is that of the first in file order).
 * @example
 * const pipeline = parsePipelineYaml(await readFile('runner-up.yaml', 'utf8'), { file: 'runner-up.yaml' })
 */
export function parsePipelineYaml(text: string, options: ParsePipelineYamlOptions = {}): Pipeline {
  return guard(() => {
    checkOptionNames(options, PARSE_OPTIONS, 'parse');
    if (typeof text !== 'string') {
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] parsePipelineYaml expects the file's text as a string, got ${typeof text}`,
      );
    }
    // A byte-order mark (Windows editors write one) is no part of the text: YAML would count it
    // as a column of line 1. The CLI keeps it when it writes the file back.
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const lineCounter = new LineCounter();
    const lineEnding = lineEndingIssue(source, options.file);
    if (lineEnding) throw toError([lineEnding]);
    // YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema): no timestamps, no
    // sexagesimal numbers, so `2026-11-20` and `09:30` arrive as the strings the schema expects.
    const doc = parseDocument(source, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      version: '1.2',
      schema: 'core',
      merge: false,
    });
    const syntax = syntaxIssues(doc, source, lineCounter, options.file);
    // A duplicate key leaves a readable document: list what else is wrong with it too.
    const onlyDuplicates = syntax.every((issue) => issue.message.startsWith(DUPLICATE_KEY));
    if (syntax.length > 0 && !onlyDuplicates) {
      // A file with LFs that fails to read, and holds a line break YAML does not read as one (a
      // line saved with a classic Mac ending among the others): that break is the likely cause.
      const stray = lineEndingIssue(source, options.file, lineCounter, syntax[0]!.line);
      throw toError(stray ? [stray] : syntax);
    }
    const bomb = aliasBomb(doc, lineCounter, options.file);
    if (bomb) throw toError([bomb]);
    let data: unknown;
    try {
      // The size aliases expand to is checked above, so yaml's own limit (100 uses of an anchor
      // that holds no alias, fewer for one that does) is not needed: it refused ordinary reuse.
      data = doc.toJS({ maxAliasCount: -1 });
    } catch (cause) {
      throw new RunnerUpError(
        'yaml_syntax',
        formatIssue({ path: [], file: options.file, message: yamlMessage(cause) }),
        { file: options.file, cause },
      );
    }
    if (syntax.length === 0) return validate(data, options, { doc, lineCounter });
    let others: RunnerUpIssue[] = [];
    try {
      validate(data, options, { doc, lineCounter });
    } catch (error) {
      if (!isRunnerUpError(error)) throw error;
      // Under a duplicated key, a problem could be in either value and is placed on the first:
      // the duplicate key stands for it.
      const within = (issue: RunnerUpIssue, key: RunnerUpIssue) =>
        key.path.every((part, i) => issue.path[i] === part);
      others = error.issues.filter((issue) => !syntax.some((key) => within(issue, key)));
    }
    throw toError([...syntax, ...others]);
  });
}

/** Like {@link parsePipelineYaml}, but returns `{ success, data }` or `{ success, error }` instead of throwing. */
export function safeParsePipelineYaml(
  text: string,
  options: ParsePipelineYamlOptions = {},
): SafeParseResult<Pipeline> {
  return safely(() => parsePipelineYaml(text, options));
}

function safely<T>(run: () => T): SafeParseResult<T> {
  try {
    return { success: true, data: run() };
  } catch (error) {
    return { success: false, error: error as RunnerUpError };
  }
}

/** Whatever goes wrong inside, the caller only ever sees a RunnerUpError. */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isRunnerUpError(error)) throw error;
    throw new RunnerUpError(
      'invalid_pipeline',
      `the pipeline could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function validate(
  input: unknown,
  options: ParsePipelineOptions,
  source: Source | undefined,
): Pipeline {
  const registry = createRegistry(options.plugins ?? []);
  const expanded = expandExtends(input, registry.cadences);
  const knownFields = new WeakMap<object, string[]>();
  const result = PipelineSchema.safeParse(expanded.input, {
    reportInput: true,
    error: createErrorMap(knownFields),
  });
  if (!result.success || expanded.issues.length > 0) {
    const all = result.success
      ? []
      : draftIssues(result.error.issues, { knownFields, yaml: source !== undefined }).map(
          (draft): ReferenceIssue => ({ ...draft, code: 'invalid_pipeline' }),
        );
    // A cadence's missing steps follow from its unresolved `extends:`; what it inherited is
    // reported where it is written.
    const drafts = placeInherited(
      expanded.origins,
      all.filter((draft) => !missingStepsOf(draft.path, expanded.stepless)),
    ).map((draft) => explainExtending(draft, expanded.origins));
    const issues = [...expanded.issues, ...drafts];
    throw toError(position(issues.length > 0 ? issues : all, source, options.file));
  }
  const references = checkReferences(result.data, registry, expanded.origins);
  if (references.length > 0) throw toError(position(references, source, options.file));
  // plan() trusts this object and skips its own schema check for it.
  return markValidated(result.data);
}

/**
 * A schema problem in a cadence that extends another, told in terms of `extends:`: a field the
 * cadence gives replaces the base's whole (`repeat`, each estimate, `steps`), so it must be
 * complete; and `extends` takes a cadence's id, which quoting a number would not make.
 */
function explainExtending(draft: ReferenceIssue, origins: readonly ExtendOrigin[]): ReferenceIssue {
  const origin = origins.find(
    (o) => o.path.length < draft.path.length && o.path.every((part, i) => draft.path[i] === part),
  );
  const rest = draft.path.slice(origin?.path.length ?? 0);
  const atExtends =
    draft.path[draft.path.length - 1] === 'extends' &&
    (draft.path[0] === 'cadences' ? draft.path.length === 3 : draft.path[2] === 'cadence');
  if (atExtends) {
    const { quoteHint: _quoteHint, ...withoutHint } = draft;
    return { ...withoutHint, message: `${draft.message}: name a cadence, like \`runner-up\`` };
  }
  if (origin === undefined) {
    const inCadence =
      (draft.path[0] === 'cadences' && draft.path.length > 2) ||
      (draft.path[0] === 'opportunities' && draft.path[2] === 'cadence' && draft.path.length > 3);
    return inCadence && draft.message.includes('got nothing')
      ? {
          ...draft,
          message: `${draft.message} (\`null\` removes what a cadence inherits only when it \`extends:\` another)`,
        }
      : draft;
  }
  const whole =
    rest[0] === 'repeat'
      ? "`repeat` replaces the base's whole, so give all of it"
      : rest[0] === 'estimates' && rest.length > 2
        ? `the estimate \`${String(rest[1])}\` replaces the base's whole, so give both \`from\` and \`after\``
        : rest[0] === 'steps'
          ? "`steps` replace the base's whole, so give each step in full"
          : undefined;
  return whole === undefined ? draft : { ...draft, message: `${draft.message} (${whole})` };
}

/** True for the schema's "no steps" at a cadence whose `extends:` was already reported. */
function missingStepsOf(
  path: ReadonlyArray<string | number>,
  stepless: ReadonlyArray<ReadonlyArray<string | number>>,
): boolean {
  return stepless.some(
    (cadence) =>
      path.length === cadence.length + 1 &&
      path[cadence.length] === 'steps' &&
      cadence.every((part, i) => path[i] === part),
  );
}

function quoteAdvice(hint: true | string): string {
  return hint === true ? 'put it in quotes' : `write it as ${hint}`;
}

/** Adds file positions (when the input was YAML) and the quoting hint to draft issues. */
function position(
  drafts: readonly ReferenceIssue[],
  source: Source | undefined,
  file: string | undefined,
): RunnerUpIssue[] {
  return drafts.map((draft) => {
    let where: TextPosition | undefined;
    let message = draft.message;
    if (source) {
      const located = locatePath(source.doc, draft.path, draft.target);
      where =
        located === undefined
          ? { line: 1, column: 1 }
          : positionOf(source.lineCounter, located.offset);
      if (located?.anchor) {
        // The position is where the alias uses the value; say where the value itself is written.
        const set = positionOf(source.lineCounter, located.anchor.offset);
        message += ` (the value of \`&${located.anchor.name}\`, set at ${set.line}:${set.column})`;
      }
      if (draft.quoteHint) {
        const text = sourceText(source.doc, draft.path);
        message += text
          ? ` (YAML reads ${text} as a ${typeofLabel(source.doc, draft.path)}: ${quoteAdvice(draft.quoteHint)})`
          : ` (${quoteAdvice(draft.quoteHint)})`;
      }
    } else if (draft.quoteHint) message += ` (${quoteAdvice(draft.quoteHint)})`;
    return {
      code: draft.code,
      message,
      path: draft.path,
      file,
      line: where?.line,
      column: where?.column,
    };
  });
}

function scalarAt(doc: Document.Parsed, path: ReadonlyArray<string | number>): Scalar | undefined {
  // findNode follows aliases, as the data the schema saw did.
  const { node, found } = findNode(doc, path);
  return found === path.length && isScalar(node) ? node : undefined;
}

function sourceText(
  doc: Document.Parsed,
  path: ReadonlyArray<string | number>,
): string | undefined {
  return scalarAt(doc, path)?.source;
}

function typeofLabel(doc: Document.Parsed, path: ReadonlyArray<string | number>): string {
  return typeof scalarAt(doc, path)?.value === 'boolean' ? 'true/false value' : 'number';
}

/** Sorts issues by position (those without one keep their order, last) and builds the error. */
function toError(issues: RunnerUpIssue[]): RunnerUpError {
  const sorted = issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (a.issue.line ?? Number.POSITIVE_INFINITY) - (b.issue.line ?? Number.POSITIVE_INFINITY) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
  const first = sorted[0]!;
  const more = sorted.length - 1;
  const message =
    formatIssue(first) +
    (more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : '');
  return new RunnerUpError(first.code, message, {
    path: first.path,
    file: first.file,
    line: first.line,
    column: first.column,
    issues: sorted,
  });
}

function yamlMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

const BAD_INDENTATION = 'bad indentation: this line does not line up with the keys above it';

/** How the issue of a duplicate key begins: the only syntax error that leaves a readable file. */
const DUPLICATE_KEY = 'duplicate key';

/** YAML errors (and unresolved aliases) as positioned `yaml_syntax` issues, friendlier worded. */
function syntaxIssues(
  doc: Document.Parsed,
  text: string,
  lineCounter: LineCounter,
  file: string | undefined,
): RunnerUpIssue[] {
  const issues: RunnerUpIssue[] = [];
  const add = (offset: number, message: string, path: Array<string | number> = []) => {
    const { line, column } = positionOf(lineCounter, Math.min(offset, text.length));
    issues.push({ code: 'yaml_syntax', message, path, file, line, column });
  };
  const errors: readonly YAMLError[] = doc.errors;
  const multiline = new Set(
    errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]),
  );
  const seen = new Set<string>();
  /** Lines told to quote a value: what else YAML finds on them follows from that. */
  const quotedLines = new Set<number>();
  // After a tab in the indentation, YAML reads the lines that follow at other depths, and reports
  // each as mis-indented: only other tabs, unclosed quotes and duplicate keys are worth telling.
  const firstTab =
    errors.find((e) => e.code === 'TAB_AS_INDENT')?.pos[0] ?? Number.POSITIVE_INFINITY;
  /**
   * Where the lines under a key written without its `:` end: YAML reads them as part of one long
   * key, and what it finds there follows from the missing colon.
   */
  let underMissingColon = -1;
  for (const error of errors) {
    const [start, end] = error.pos;
    if (start < underMissingColon) continue;
    if (quotedLines.has(lineStartOf(text, start))) continue;
    if (start > firstTab && !afterTab(error)) continue;
    // yaml reports a mis-indented line twice (as a nested compact mapping and as a multi-line key).
    if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(start)) continue;
    const key = `${error.code}:${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    /** When the error starts at a key written without its `:`, what to tell. */
    const colon = missingColon(text, start);
    switch (error.code) {
      case 'DUPLICATE_KEY': {
        const path = pathAtOffset(doc, start);
        const name = path[path.length - 1];
        add(
          start,
          `${DUPLICATE_KEY}${name === undefined ? '' : ` \`${String(name)}\``}: a key may appear only once in a mapping`,
          path,
        );
        break;
      }
      case 'TAB_AS_INDENT':
        add(start, 'tab used for indentation: YAML indents with spaces only');
        break;
      case 'BLOCK_IN_FLOW':
      case 'BLOCK_AS_IMPLICIT_KEY':
      case 'MULTILINE_IMPLICIT_KEY': {
        // A value with `: ` in it (`title: Follow-up: call`) reads as a second key on the line.
        const hint =
          error.code === 'MULTILINE_IMPLICIT_KEY' || multiline.has(start)
            ? undefined
            : colonInValue(text, start);
        if (hint !== undefined) {
          add(start, hint);
          quotedLines.add(lineStartOf(text, start));
        } else if (error.code === 'BLOCK_IN_FLOW') {
          add(start, yamlMessage(error));
        } else if (colon !== undefined) {
          add(start, colon);
          underMissingColon = blockEnd(text, start);
        } else {
          // The key started on one line and ran into the next: the next line is mis-indented.
          const nextLine = text.indexOf('\n', start);
          const offset =
            nextLine >= 0 && nextLine < end
              ? nextLine + 1 + leadingSpaces(text, nextLine + 1)
              : start;
          add(offset, BAD_INDENTATION);
        }
        break;
      }
      case 'BAD_INDENT': {
        // yaml words an unclosed `[` or `{` as an indentation problem of the line after it.
        const bracket = /end with an? ([\]}])/.exec(error.message)?.[1];
        const opening = bracket === undefined ? undefined : openingBracket(doc, start);
        if (opening !== undefined) {
          const what = bracket === ']' ? 'list: `[`' : 'mapping: `{`';
          add(opening, `unclosed ${what} has no closing \`${bracket}\``);
        } else {
          // A line just before, written without its `:`, is what put this one out of line.
          const before = previousLine(text, start);
          const here = lineStartOf(text, start);
          const colon =
            before === undefined || before - lineStartOf(text, before) !== leadingSpaces(text, here)
              ? undefined
              : missingColon(text, before);
          if (colon !== undefined) add(before!, colon);
          else {
            // At the start of a line, yaml points before its indentation: point at the text.
            const at =
              lineStartOf(text, start) === start ? start + leadingSpaces(text, start) : start;
            add(at, `bad indentation: ${yamlMessage(error)}`);
          }
        }
        break;
      }
      case 'MISSING_CHAR':
        if (/quote/i.test(error.message)) {
          add(openingQuote(doc, start) ?? start, 'unclosed quote: this text has no closing quote');
        } else if (/followed by map values/.test(error.message) && colon !== undefined) {
          add(start, colon);
        } else if (/without - indicator/.test(error.message)) {
          // A key indented less than the keys of its list item, but more than the item's `-`.
          const line = lineStartOf(text, start);
          add(line + leadingSpaces(text, line), BAD_INDENTATION);
        } else add(start, yamlMessage(error));
        break;
      case 'MULTIPLE_DOCS':
        add(start, 'the file holds more than one YAML document (a second `---`): keep only one');
        break;
      default:
        add(start, yamlMessage(error));
    }
  }
  /** Anchors set so far, in document order. */
  const anchors = new Set<string>();
  visit(doc, {
    Map(_, map) {
      if (map.anchor) anchors.add(map.anchor);
      // yaml compares keys by value, so `1` and `"1"` (or `true` and `"true"`) are two keys to
      // it; the data has text keys only, where the second silently replaces the first.
      const seen = new Map<string, Scalar>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        const name = key.value === null ? '' : String(key.value);
        const first = seen.get(name);
        if (first === undefined) seen.set(name, key);
        else if (first.value !== key.value && first.range) {
          const written = (node: Scalar) => text.slice(node.range![0], node.range![1]).trim();
          add(
            key.range[0],
            `${DUPLICATE_KEY} \`${name}\`: a key may appear only once in a mapping (\`${written(first)}\` and \`${written(key)}\` are one key)`,
            pathAtOffset(doc, key.range[0]),
          );
        }
      }
    },
    Seq(_, seq) {
      if (seq.anchor) anchors.add(seq.anchor);
    },
    Scalar(_, scalar) {
      if (scalar.anchor) anchors.add(scalar.anchor);
    },
    Alias(_, alias) {
      // What `alias.resolve(doc)` tells, without walking the whole document for each alias:
      // the visit goes in document order, so an anchor seen so far is one set before the alias.
      if (!anchors.has(alias.source) && alias.range) {
        add(
          alias.range[0],
          `unknown alias \`*${alias.source}\`: define the anchor \`&${alias.source}\` before using it`,
        );
      }
    },
    Pair(_, pair) {
      // `{ name: Kai }: x` or `[a, b]: x`: a key that is itself a mapping or list, which no field
      // of the file is (and which would be read as its text).
      // After a tab, such a key is one more misreading of the lines that follow it.
      if (isCollection(pair.key) && pair.key.range && pair.key.range[0] < firstTab) {
        add(
          pair.key.range[0],
          `a key must be a name, not a ${isSeq(pair.key) ? 'list' : 'mapping'}: check the indentation${
            pair.key.flow ? `, and the \`:\` after the ${isSeq(pair.key) ? '`]`' : '`}`'}` : ''
          }`,
        );
      }
    },
  });
  // A line told to lack its `:` is told nothing else: the rest is YAML misreading it.
  const missing = new Set(
    issues.filter((issue) => issue.message.startsWith(MISSING_COLON)).map((issue) => issue.line),
  );
  return missing.size === 0
    ? issues
    : issues.filter((issue) => issue.message.startsWith(MISSING_COLON) || !missing.has(issue.line));
}

/** How the message of a key written without its colon begins. */
const MISSING_COLON = 'missing `:` after';

/**
 * The most values the aliases of a file may expand to. Aliases share a value without copying it,
 * but everything after parsing (the schema, the planner) walks each use in full, so a few lines
 * of nested aliases (an "alias bomb") could stand for billions of values. A limit on the expanded
 * size, not on the number of aliases, lets a file share a cadence with hundreds of opportunities.
 */
const MAX_EXPANDED_VALUES = 1_000_000;

/**
 * The alias at which the document, read in order with every alias expanded, first holds more
 * than {@link MAX_EXPANDED_VALUES} values, as an issue; `undefined` if it never does.
 * Linear in the document: the expanded size of each anchored value is kept once computed.
 */
function aliasBomb(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  file: string | undefined,
): RunnerUpIssue | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  let total = 0;
  let culprit: { name: string; offset: number } | undefined;
  const size = (node: unknown): number => {
    if (culprit) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return 1; // an unknown alias, reported as such
      // An alias inside the value it names (`&a [*a]`) expands for ever.
      const expanded = sizes.get(target) ?? Number.POSITIVE_INFINITY;
      total += expanded;
      if (total > MAX_EXPANDED_VALUES)
        culprit = { name: node.source, offset: node.range?.[0] ?? 0 };
      return expanded;
    }
    if (isPair(node)) return size(node.key) + size(node.value);
    if (node === null || typeof node !== 'object') return 0;
    const anchored = node as Node;
    if (anchored.anchor) anchors.set(anchored.anchor, anchored);
    total += 1;
    let count = 1;
    if (isMap(node) || isSeq(node)) for (const item of node.items) count += size(item);
    if (anchored.anchor) sizes.set(anchored, count);
    return count;
  };
  size(doc.contents);
  if (!culprit) return undefined;
  const { line, column } = positionOf(lineCounter, culprit.offset);
  return {
    code: 'yaml_syntax',
    message: `the aliases of this file (\`*${culprit.name}\`) expand to more than ${MAX_EXPANDED_VALUES} values: write the values out, or name a cadence under \`cadences:\` and use its id (or \`extends:\` it) instead of repeating it with an alias`,
    path: [],
    file,
    line,
    column,
  };
}

/**
 * A file whose lines are not separated by LF or CRLF: classic Mac line endings (CR alone), or the
 * Unicode line and paragraph separators. YAML 1.2 reads none of these as a line break
 * (https://yaml.org/spec/1.2.2/#54-line-break-characters), so the whole file is one line, and
 * its errors would make no sense. Without a `lineCounter`, only a file without any LF is taken for
 * one; with it (a file with LFs that failed to read), such a break before more text on `onLine`,
 * the line of the first problem found, at its line and column: one elsewhere (inside a quoted
 * value, where it is the value's) is not blamed for it.
 */
function lineEndingIssue(
  text: string,
  file: string | undefined,
  lineCounter?: LineCounter,
  onLine?: number | null,
): RunnerUpIssue | undefined {
  if (lineCounter === undefined && text.includes('\n')) return undefined;
  // A CR is a line ending only when no LF follows it (CRLF is one). Only one before more text
  // counts: the last text of the file is found once, not looked for after every break.
  const breaks = /\r(?!\n)|[\u2028\u2029]/g;
  let lastText = text.length - 1;
  while (lastText >= 0 && /\s/.test(text[lastText]!)) lastText -= 1;
  let match: RegExpExecArray | null = null;
  for (let found = breaks.exec(text); found !== null; found = breaks.exec(text)) {
    if (found.index > lastText) break;
    if (lineCounter === undefined) {
      match = found;
      break;
    }
    const line = lineCounter.linePos(found.index).line;
    if (line === onLine) {
      match = found;
      break;
    }
    // Breaks come in order: none after the problem's line can be on it.
    if (onLine === null || onLine === undefined || line > onLine) break;
  }
  if (match === null) return undefined;
  const whole = lineCounter === undefined;
  const separator = `U+${match[0].charCodeAt(0).toString(16).toUpperCase()}`;
  const message = `${
    match[0] === '\r'
      ? whole
        ? 'the lines of this file end with a carriage return alone (classic Mac line endings), which YAML does not read as line breaks'
        : 'this line ends with a carriage return alone (a classic Mac line ending), which YAML does not read as a line break'
      : whole
        ? `the lines of this file are separated by ${separator}, which YAML does not read as a line break`
        : `this line ends with ${separator}, which YAML does not read as a line break`
  }: save the file with LF or CRLF line endings`;
  if (lineCounter === undefined) {
    // No LF, so all of it is line 1.
    return { code: 'yaml_syntax', message, path: [], file, line: 1, column: match.index + 1 };
  }
  const { line, col } = lineCounter.linePos(match.index);
  return { code: 'yaml_syntax', message, path: [], file, line, column: col };
}

/**
 * When the plain value starting at `start` holds `: ` (or ends in `:`), which YAML reads as the
 * start of another mapping, how to write it quoted: ``title: "Follow-up: call"``.
 */
function colonInValue(text: string, start: number): string | undefined {
  const lineStart = lineStartOf(text, start);
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const inFlow = /[[{]/.test(before);
  let value = text.slice(start, lineEnd);
  if (inFlow) value = value.split(/[,\]}]/)[0]!;
  const comment = value.search(/\s#/);
  if (comment >= 0) value = value.slice(0, comment);
  value = value.replace(/\s+$/, '');
  if (!/:(\s|$)/.test(value) || value.startsWith('"') || value.startsWith("'")) return undefined;
  const key = /([^\s{[,-][^{[,]*?):\s*$/.exec(before)?.[1]?.trim();
  if (key === undefined) return undefined;
  const quoted = `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return `a value containing \`:\` followed by a space must be quoted, or YAML reads it as another key: write \`${key}: ${quoted}\``;
}

/** Whether an error after a tab in the indentation stands on its own rather than following from it. */
function afterTab(error: YAMLError): boolean {
  return (
    error.code === 'TAB_AS_INDENT' ||
    error.code === 'DUPLICATE_KEY' ||
    (error.code === 'MISSING_CHAR' && /quote/i.test(error.message))
  );
}

/** Every field name of the file's schema, to tell a key written without its `:` from a value. */
let fieldNames: ReadonlySet<string> | undefined;

function schemaFieldNames(): ReadonlySet<string> {
  if (fieldNames !== undefined) return fieldNames;
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: unknown): void => {
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
    seen.add(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def === undefined) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape !== undefined) {
      for (const [name, field] of Object.entries(shape)) {
        names.add(name);
        walk(field);
      }
    }
    for (const key of ['innerType', 'element', 'valueType', 'in', 'out', 'left', 'right']) {
      walk(def[key]);
    }
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  walk(PipelineSchema);
  fieldNames = names;
  return names;
}

/** `line` without a comment (` # …` outside quotes) and trailing spaces or `\r`. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

/**
 * For a line that starts at `start` with a plain name and no `:` (`name Lynne`, `opportunities`)
 * that is a key for sure, the message that it lacks its colon; otherwise `undefined`. A key for
 * sure: a field of the file (`organization Northwind`), a name followed by a date (`decided
 * 2026-11-20`, under `dates:`), or a lone name with lines indented under it (`opportunities` above
 * its list). Other words may be a value wrapped onto the next line, and are not told so.
 */
function missingColon(text: string, start: number): string | undefined {
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const line = withoutComment(text.slice(start, lineEnd));
  const written = /^([A-Za-z_][\w-]*)(?:\s+(\S.*))?$/.exec(line);
  // Only where a key starts: first on its line, or after a list item's `- `.
  const before = text.slice(lineStartOf(text, start), start);
  if (written === null || line.includes(':') || !/^ *(?:- +)*$/.test(before)) return undefined;
  const [, key, value] = written;
  const sure =
    schemaFieldNames().has(key!) ||
    (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)) ||
    (value === undefined && blockEnd(text, start) > lineEnd + 1);
  if (!sure) return undefined;
  return `${MISSING_COLON} \`${key}\`: write \`${key}:${value === undefined ? '' : ` ${value}`}\``;
}

/** Where the text of the last non-blank line before the one holding `offset` starts. */
function previousLine(text: string, offset: number): number | undefined {
  for (let end = lineStartOf(text, offset) - 1; end > 0; ) {
    const start = lineStartOf(text, end);
    const from = start + leadingSpaces(text, start);
    if (text.slice(from, end).trim() !== '' && text[from] !== '#') return from;
    end = start - 1;
  }
  return undefined;
}

/** The end of the lines indented deeper than the line at `start`: the block under it. */
function blockEnd(text: string, start: number): number {
  const indent = start - lineStartOf(text, start);
  let next = text.indexOf('\n', start);
  while (next >= 0) {
    const from = next + 1;
    const spaces = leadingSpaces(text, from);
    const blank =
      text[from + spaces] === '\n' || text[from + spaces] === '\r' || from + spaces >= text.length;
    if (!blank && spaces <= indent && text[from + spaces] !== '-') return from;
    if (!blank && spaces < indent) return from;
    next = text.indexOf('\n', from);
  }
  return text.length;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function leadingSpaces(text: string, from: number): number {
  let count = 0;
  while (text[from + count] === ' ') count += 1;
  return count;
}

/** The start of the quoted scalar an unclosed-quote error is about. */
function openingQuote(doc: Document.Parsed, errorOffset: number): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Scalar(_, scalar) {
      if (
        (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') &&
        scalar.range &&
        scalar.range[0] <= errorOffset &&
        scalar.range[1] >= errorOffset &&
        (best === undefined || scalar.range[0] > best)
      )
        best = scalar.range[0];
    },
  });
  return best;
}

/** The start of the last flow collection (`[...]` or `{...}`) that opens before `errorOffset`. */
function openingBracket(doc: Document.Parsed, errorOffset: number): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Collection(_, collection) {
      const start = collection.range?.[0];
      if (
        collection.flow &&
        start !== undefined &&
        start < errorOffset &&
        (best === undefined || start > best)
      )
        best = start;
    },
  });
  return best;
}
