import type { z } from 'zod';
import { closest, didYouMean } from './suggest';
import type { LocateTarget } from './yaml-location';

/** An issue on its way to becoming a positioned {@link RunnerUpIssue}. */
export interface DraftIssue {
  path: Array<string | number>;
  message: string;
  /** Which part of the pair the position points at. */
  target: LocateTarget;
  /**
   * The schema wanted text and YAML produced a number or boolean: suggest quoting, or writing
   * this text when a plain quoted copy would still be wrong (`at: 930` → `"09:30"`).
   */
  quoteHint?: boolean | string;
  /** For an unknown field: the known field it is probably a typo of. */
  suggestion?: string;
}

/**
 * For a time of day that YAML read as a number: `930` → `"09:30"`, `9` → `"09:00"` (a number
 * below 24 is an hour); `false` when no quoted copy of the number would be a time (`1260`,
 * `9.3`), so no quoting hint is given; `undefined` when the field is no time.
 */
function asTime(message: string, input: unknown): string | false | undefined {
  if (!message.startsWith('expected a time like') || typeof input !== 'number') return undefined;
  if (!Number.isInteger(input) || input < 0) return false;
  const [hours, minutes] = input < 24 ? [input, 0] : [Math.floor(input / 100), input % 100];
  if (hours > 23 || minutes > 59) return false;
  return `"${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}"`;
}

/** Marks a union failure whose schema has no message of its own. */
const UNION_WITHOUT_MESSAGE = '\u0000union';

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping of fields',
  record: 'a mapping',
  array: 'a list',
  date: 'a date',
};

/** Renders a value found in the input for a message, short and in YAML terms. */
export function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'nothing (an empty value)';
  if (typeof input === 'string')
    return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return 'a timestamp';
  return 'a mapping';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A zod error map for one parse: plain messages for the issues whose schema has no message of
 * its own. It also remembers each object schema's known fields, so an unknown field can get a
 * "did you mean" suggestion afterwards.
 */
export function createErrorMap(knownFields: WeakMap<object, string[]>) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    switch (issue.code) {
      case 'invalid_type': {
        // YAML 1.1 read `yes`, `no`, `on` and `off` as booleans; YAML 1.2, which the file is read
        // as, reads them as text.
        const yamlWord =
          issue.expected === 'boolean' &&
          typeof issue.input === 'string' &&
          /^(?:y|yes|n|no|on|off)$/i.test(issue.input)
            ? ` (YAML reads ${issue.input} as text: write ${/^(?:y|yes|on)$/i.test(issue.input) ? 'true' : 'false'})`
            : '';
        return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}${yamlWord}`;
      }
      case 'invalid_value': {
        const values = issue.values.map((value) => `\`${String(value)}\``);
        const got = describeValue(issue.input);
        const hint =
          typeof issue.input === 'string'
            ? didYouMean(issue.input, issue.values.map(String)) ||
              statusHint(issue.input, issue.values.map(String))
            : '';
        return values.length === 1
          ? `expected ${values[0]}, got ${got}${hint}`
          : `expected one of ${values.join(', ')}, got ${got}${hint}`;
      }
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string' && min === 1) return 'must not be empty';
        if (issue.origin === 'array' || issue.origin === 'set')
          return `needs at least ${plural(min, 'item')}`;
        if (issue.origin === 'string') return `must be at least ${plural(min, 'character')} long`;
        return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${min}, got ${describeValue(issue.input)}`;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'array' || issue.origin === 'set')
          return `takes at most ${plural(max, 'item')}`;
        if (issue.origin === 'string') return `must be at most ${plural(max, 'character')} long`;
        return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max}, got ${describeValue(issue.input)}`;
      }
      case 'invalid_format':
        if (issue.format === 'email')
          return `expected an email address like dana@acme.example, got ${describeValue(issue.input)}`;
        return `expected ${issue.format} text, got ${describeValue(issue.input)}`;
      case 'unrecognized_keys': {
        const def = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def;
        if (def?.shape && typeof issue.input === 'object' && issue.input !== null)
          knownFields.set(issue.input, Object.keys(def.shape));
        return `unknown field ${issue.keys.map((key) => `\`${key}\``).join(', ')}`;
      }
      case 'invalid_union':
        return UNION_WITHOUT_MESSAGE;
      case 'invalid_key':
        return 'invalid key';
      default:
        return undefined;
    }
  };
}

/**
 * Messages for the unions of the model whose branches cannot be told apart by the value's type
 * (`until` is a date or a duration) or whose object branch is too small to be worth diving into.
 */
function unionMessage(path: ReadonlyArray<string | number>, input: unknown): string | undefined {
  const field = path[path.length - 1];
  const got = describeValue(input);
  if (field === 'after')
    return `expected a duration like P3W or \`{ businessDays: 1 }\`, got ${got}`;
  if (field === 'until')
    return `expected a date like 2027-06-30 or a duration like P18M, got ${got}`;
  if (field === 'cadence')
    return `expected a cadence id like runner-up, a cadence written inline, or \`false\`, got ${got}`;
  return undefined;
}

/** A union branch that failed only because the value has another type altogether. */
function isTypeMismatch(branch: readonly z.core.$ZodIssue[]): boolean {
  return (
    branch.length === 1 &&
    branch[0]!.path.length === 0 &&
    (branch[0]!.code === 'invalid_type' || branch[0]!.code === 'invalid_value')
  );
}

/** What {@link draftIssues} knows of the parse besides its issues. */
export interface DraftContext {
  /** Each object schema's known fields, as {@link createErrorMap} found them. */
  knownFields: WeakMap<object, string[]>;
  /**
   * The input was YAML text, so advice may speak of how YAML reads a value and how the file is
   * laid out. A pipeline built in code gets none of it: quoting or indenting means nothing there.
   */
  yaml: boolean;
}

/**
 * Turns zod issues into draft issues: one per unknown field, the branch that fits for a union,
 * a plain "missing required field" for absent keys, and, for YAML text, a hint to quote numbers
 * given as text and examples of how a list or mapping is written.
 */
export function draftIssues(
  issues: readonly z.core.$ZodIssue[],
  context: DraftContext,
  base: ReadonlyArray<string | number> = [],
  out: DraftIssue[] = [],
): DraftIssue[] {
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Array<string | number>)];
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known =
          typeof input === 'object' && input !== null ? context.knownFields.get(input) : undefined;
        for (const key of issue.keys) {
          // A touchpoint's date is `on`: `date:` would otherwise read as a typo of `note`.
          const suggestion =
            WHEN.has(key.toLowerCase()) && known?.includes('on') ? 'on' : closest(key, known ?? []);
          // `decided: 2026-11-20` one level too far out, beside `dates:` rather than under it.
          const strayDate =
            suggestion === undefined &&
            known?.includes('dates') === true &&
            looksLikeDate((input as Record<string, unknown>)[key]);
          out.push({
            path: [...path, key],
            message:
              key === MERGE_KEY
                ? mergeKeyMessage(path)
                : suggestion !== undefined
                  ? `unknown field \`${key}\`; did you mean \`${suggestion}\`?`
                  : strayDate
                    ? `unknown field \`${key}\`; if it is one of the opportunity's dates, ${context.yaml ? 'indent it under `dates:`' : 'move it into `dates`'}`
                    : `unknown field \`${key}\``,
            target: 'key',
            suggestion,
          });
        }
        break;
      }
      case 'invalid_union': {
        if (input === undefined && path.length > 0) {
          // Absent, as for any other field; the union's own message says what to give.
          const what = unionMessage(path, input)
            ?.replace(/^expected /, 'give ')
            .replace(/, got .*$/, '');
          out.push({
            path,
            message: `missing required field \`${String(path[path.length - 1])}\`${what ? `: ${what}` : ''}`,
            target: 'value',
          });
          break;
        }
        const fitting = issue.errors.filter((branch) => !isTypeMismatch(branch));
        const fallback =
          issue.message !== UNION_WITHOUT_MESSAGE ? issue.message : unionMessage(path, input);
        const branch = fitting.length === 1 ? draftIssues(fitting[0]!, context, path) : [];
        // An offset's object branch only holds `businessDays`: dive into it when the mapping has
        // that key or a typo of it, else the plain "a duration or businessDays" message says more.
        const smallObject =
          path[path.length - 1] === 'after' &&
          typeof input === 'object' &&
          input !== null &&
          !Object.hasOwn(input, 'businessDays');
        if (fitting.length === 1 && (!smallObject || branch.some((d) => d.suggestion))) {
          out.push(...branch);
        } else if (fallback !== undefined) {
          out.push({ path, message: fallback, target: 'value' });
        } else {
          draftIssues((fitting[0] ?? issue.errors[0] ?? []).slice(0, 1), context, path, out);
        }
        break;
      }
      case 'invalid_value': {
        const version = path.length === 1 && path[0] === 'version';
        out.push({
          path,
          message: !version
            ? issue.message
            : input === undefined
              ? missingVersion(context)
              : `expected \`version: 1\`, got ${describeValue(input)}: this release reads version 1 files`,
          target: 'value',
        });
        break;
      }
      case 'invalid_format':
        // Schemas with their own message may leave out the value; say what was found.
        out.push({
          path,
          message:
            /, got /.test(issue.message) || typeof input === 'object'
              ? issue.message
              : `${issue.message}, got ${describeValue(input)}`,
          target: 'value',
        });
        break;
      case 'invalid_key':
        out.push({ path, message: issue.issues[0]?.message ?? issue.message, target: 'key' });
        break;
      case 'invalid_type':
        if (path.length === 0) {
          out.push({
            path,
            message: !context.yaml
              ? `expected a mapping with \`version: 1\`, \`owner\` and \`opportunities\`, got ${describeValue(input)}`
              : input === undefined || input === null
                ? 'the file is empty: it needs at least `version: 1` and an `owner`'
                : `expected a mapping with \`version: 1\`, \`owner\` and \`opportunities\` at the top of the file, got ${describeValue(input)}`,
            target: 'value',
          });
        } else if (input === undefined) {
          const field = path[path.length - 1];
          out.push({
            path,
            message:
              path.length === 1 && field === 'version'
                ? missingVersion(context)
                : field === 'steps' && isCadencePath(path.slice(0, -1))
                  ? 'missing required field `steps`: give the cadence its steps, or `extends:` a preset or another cadence and give only what differs'
                  : `missing required field \`${String(field)}\``,
            target: 'value',
          });
        } else {
          out.push({
            path,
            // The examples are written in YAML.
            message: issue.message + (context.yaml ? shapeHint(path, issue.expected) : ''),
            target: 'value',
            // Quoting is YAML advice; a time to write instead (`"09:30"` for 930) is not.
            quoteHint:
              issue.expected === 'string' &&
              (typeof input === 'number' || typeof input === 'boolean') &&
              (asTime(issue.message, input) ?? context.yaml),
          });
        }
        break;
      default:
        out.push({ path, message: issue.message, target: 'value' });
    }
  }
  // A merge key where any key is allowed (under `dates:`) has a value of the wrong type instead.
  for (const draft of out) {
    if (draft.path[draft.path.length - 1] === MERGE_KEY && draft.target === 'value') {
      draft.message = mergeKeyMessage(draft.path.slice(0, -1));
      draft.target = 'key';
    }
  }
  return base.length === 0 ? dropMissingExplainedByTypo(out) : out;
}

/** What a merge key (`<<: *base`) in the mapping at `path` is, and what to write instead. */
function mergeKeyMessage(path: readonly PropertyKey[]): string {
  return `\`<<\` is a merge key of YAML 1.1, which YAML 1.2 does not have: the fields it would bring in are not read, so write them out here${isCadencePath(path) ? ', or build on the other cadence with `extends:`' : ''}`;
}

/** `version` missing; in YAML text, where it goes. */
function missingVersion(context: DraftContext): string {
  return context.yaml
    ? 'missing `version: 1`: add it as the first line of the file'
    : 'missing `version: 1`';
}

/** A date as YAML reads it: a timestamp, or text that starts like `2026-11-20`. */
function looksLikeDate(value: unknown): boolean {
  return (
    value instanceof Date || (typeof value === 'string' && /^\d{4}-\d{1,2}-\d{1,2}/.test(value))
  );
}

/** Names people give a touchpoint's date. */
const WHEN = new Set(['date', 'day', 'when', 'at']);

/** How a list is written, by the field that holds it. */
const LIST_EXAMPLES: Record<string, string> = {
  workdays: '`[mon, tue, wed, thu, fri]`',
  holidays: '`[2026-12-24, 2026-12-25]`',
  stopOn: '`[reply, won, closed, withdrawn]`',
  talkingPoints: '`["Ask how the first weeks went."]`',
  opportunities: '`- id: acme-pm` and its fields, one opportunity an item',
  contacts: '`- { name: Dana Lee, email: dana@acme.example }`, one contact an item',
  touchpoints: '`- { on: 2026-11-23, channel: email }`, one touchpoint an item',
  steps: '`- { id: thank-you, after: P1D, from: decided, title: … }`, one step an item',
};

/** How an item of a list is written, by the field that holds the list. */
const ITEM_EXAMPLES: Record<string, string> = {
  contacts: '`- name: Dana Lee` (with `email:` and `role:` under it if you have them)',
  touchpoints: '`- { on: 2026-11-23, channel: email }`',
  steps: '`- { id: thank-you, after: P1D, from: decided, title: … }`',
};

/** `: write it like …` for a list or mapping written as something else, where the field is known. */
function shapeHint(path: ReadonlyArray<string | number>, expected: string): string {
  const last = path[path.length - 1];
  const example =
    expected === 'array' && typeof last === 'string'
      ? LIST_EXAMPLES[last]
      : expected === 'record' && last === 'dates'
        ? '`dates: { decided: 2026-11-20 }`, or each date indented under `dates:`'
        : expected === 'object' && typeof last === 'number'
          ? ITEM_EXAMPLES[String(path[path.length - 2])]
          : undefined;
  return example === undefined ? '' : `: write it like ${example}`;
}

/**
 * `titel: PM` makes both "unknown field `titel`" and "missing required field `title`"; the
 * first says it all, so the second is dropped.
 */
function dropMissingExplainedByTypo(drafts: DraftIssue[]): DraftIssue[] {
  const typos = new Set(
    drafts
      .filter((draft) => draft.suggestion !== undefined)
      .map((draft) => JSON.stringify([...draft.path.slice(0, -1), draft.suggestion])),
  );
  // A mapping with a merge key (`<<: *base`) lacks the fields it meant to take from there.
  const merging = new Set(
    drafts
      .filter((draft) => draft.path[draft.path.length - 1] === MERGE_KEY)
      .map((draft) => JSON.stringify(draft.path.slice(0, -1))),
  );
  if (typos.size === 0 && merging.size === 0) return drafts;
  return drafts.filter(
    (draft) =>
      !(
        (draft.message.startsWith('missing required field') ||
          draft.message.endsWith(', got nothing')) &&
        (typos.has(JSON.stringify(draft.path)) ||
          merging.has(JSON.stringify(draft.path.slice(0, -1))))
      ),
  );
}

/** The key of a YAML 1.1 merge (`<<: *base`), which YAML 1.2 reads as a plain key. */
const MERGE_KEY = '<<';

/** True for the path of a cadence: under `cadences:`, or an opportunity's inline one. */
function isCadencePath(path: readonly PropertyKey[]): boolean {
  return (
    (path.length === 2 && path[0] === 'cadences') ||
    (path.length === 3 && path[0] === 'opportunities' && path[2] === 'cadence')
  );
}

/** Words for where an opportunity stands that are not statuses, and the status they mean. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  placed: 'won',
  hired: 'won',
  accepted: 'won',
  signed: 'won',
  rejected: 'lost',
  declined: 'lost',
  archived: 'closed',
  stopped: 'closed',
  paused: 'closed',
};

/** `; for placed, write \`won\`` when a known word for a status was written instead of it. */
function statusHint(input: string, values: readonly string[]): string {
  const meant = STATUS_WORDS[input.trim().toLowerCase()];
  return meant !== undefined && values.includes(meant) ? `; for ${input}, write \`${meant}\`` : '';
}
