/**
 * `extends:` — a cadence written as another one with some fields changed:
 *
 * ```yaml
 * cadences:
 *   patient: { extends: runner-up, rules: { maxUnanswered: 2 } }
 * ```
 *
 * It is resolved on the input, before the schema runs, so defaults and every check apply to the
 * result as if the whole cadence had been written out. `rules` and `estimates` are merged key by
 * key; every other field given (`steps`, `repeat`, `description`) replaces the base's. The resolved
 * cadence keeps its `extends`, so the parsed pipeline still says where it came from.
 *
 * @module
 */

import type { RunnerUpErrorCode } from '../errors';
import type { CadenceInput } from '../model/pipeline';
import { didYouMean } from '../parse/suggest';
import { cadenceProblem } from '../plugin/cadence-problems';
import parsedBuiltins from '../presets/builtin-cadences.parsed.json';

type Path = Array<string | number>;

/** A problem with an `extends:`, placed on its value. */
export interface ExtendsIssue {
  code: RunnerUpErrorCode;
  message: string;
  path: Path;
  target: 'value';
}

/** The input with every `extends:` resolved, and what could not be. */
export interface ExpandedInput {
  input: unknown;
  issues: ExtendsIssue[];
  /**
   * Cadences whose `extends:` could not be resolved and that give no `steps` of their own: the
   * schema's complaint about their missing steps follows from the issue already reported.
   */
  stepless: Path[];
  /** Every cadence whose `extends:` was resolved, for {@link traceOrigin}. */
  origins: ExtendOrigin[];
}

/** An extending cadence: where it is, the fields it wrote itself, and what it extends. */
export interface ExtendOrigin {
  path: Path;
  /** The cadence as written (or, for a parsed pipeline, the fields that differ from its base). */
  written: Readonly<Record<string, unknown>>;
  base: string;
  /** True when the base is another cadence under `cadences:`, false for a preset or a plugin's. */
  baseInFile: boolean;
}

const builtins = parsedBuiltins as unknown as Readonly<Record<string, Record<string, unknown>>>;

/** The fields merged key by key; every other field given replaces the base's. */
const MERGED_FIELDS = new Set(['rules', 'estimates']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extendsSomething(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value.extends !== undefined;
}

/** `override` written over `base`: `rules` and `estimates` key by key, other fields replaced. */
export function mergeCadence(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const under = merged[key];
    if (value === null) delete merged[key];
    else if (MERGED_FIELDS.has(key) && isRecord(value) && isRecord(under)) {
      const fields = { ...under };
      for (const [name, field] of Object.entries(value)) {
        if (field === null) delete fields[name];
        else fields[name] = field;
      }
      merged[key] = fields;
    } else merged[key] = value;
  }
  return merged;
}

function isPrefix(prefix: readonly (string | number)[], path: readonly (string | number)[]) {
  return prefix.length < path.length && prefix.every((part, i) => path[i] === part);
}

/** True when the field at `rest` (relative to the cadence) was not written by the cadence. */
function inherited(written: Readonly<Record<string, unknown>>, rest: Path): boolean {
  const field = String(rest[0]);
  if (field === 'extends') return false;
  if (!Object.hasOwn(written, field)) return true;
  const own = written[field];
  return (
    MERGED_FIELDS.has(field) &&
    rest.length > 1 &&
    isRecord(own) &&
    !Object.hasOwn(own, String(rest[1]))
  );
}

/**
 * Where what sits at `path` was written: at `path` itself, at the same place in the cadence of the
 * file it was inherited from (`{ path }`), or in a preset or a plugin's cadence (`{ inherited }`,
 * its id, and `by`, the path of the file's cadence whose `extends` names it), which is checked
 * where it is defined.
 */
export function traceOrigin(
  origins: readonly ExtendOrigin[],
  path: Path,
): { path: Path } | { inherited: string; by: Path } {
  let current = path;
  for (let hops = 0; hops <= origins.length; hops++) {
    const origin = origins.find((o) => isPrefix(o.path, current));
    if (origin === undefined) return { path: current };
    const rest = current.slice(origin.path.length);
    if (!inherited(origin.written, rest)) return { path: current };
    if (!origin.baseInFile) return { inherited: origin.base, by: origin.path };
    current = ['cadences', origin.base, ...rest];
  }
  return { path: current };
}

/**
 * Problems placed where they were written (see {@link traceOrigin}): those found again in a
 * cadence that inherited them move to where they are written and are told once; those inherited
 * from a preset or a plugin's cadence are dropped.
 */
export function placeInherited<T extends { path: Path; message: string }>(
  origins: readonly ExtendOrigin[],
  problems: readonly T[],
): T[] {
  if (origins.length === 0) return [...problems];
  const seen = new Set<string>();
  const placed: T[] = [];
  for (const problem of problems) {
    const origin = traceOrigin(origins, problem.path);
    if (!('path' in origin)) continue;
    const key = `${origin.path.join('\u0000')}\u0001${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    placed.push(origin.path === problem.path ? problem : { ...problem, path: origin.path });
  }
  return placed;
}

/**
 * The origins of the extending cadences of a parsed pipeline, where what each wrote is no longer
 * known: a field (or, in `rules` and `estimates`, a key) counts as written when it differs from the
 * base's. `baseOf` gives the base as parsed: a file's cadence for `inFile`, else a preset or a
 * plugin's cadence.
 */
export function originsOfParsed(
  cadences: ReadonlyArray<{
    path: Path;
    id: string | undefined;
    cadence: Readonly<Record<string, unknown>>;
  }>,
  fileIds: ReadonlySet<string>,
  baseOf: (name: string, inFile: boolean) => Readonly<Record<string, unknown>> | undefined,
): ExtendOrigin[] {
  const origins: ExtendOrigin[] = [];
  for (const { path, id, cadence } of cadences) {
    const name = cadence.extends;
    if (typeof name !== 'string') continue;
    const inFile = name !== id && fileIds.has(name);
    const base = baseOf(name, inFile);
    if (base === undefined) continue;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const written: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(cadence)) {
      const under = base[field];
      if (MERGED_FIELDS.has(field) && isRecord(value)) {
        const own: Record<string, unknown> = {};
        for (const [key, entry] of Object.entries(value)) {
          if (!isRecord(under) || !same(entry, under[key])) own[key] = entry;
        }
        written[field] = own;
      } else if (field === 'extends' || !same(value, under)) written[field] = value;
    }
    origins.push({ path, written, base: name, baseInFile: inFile });
  }
  return origins;
}

const WHAT_EXTENDS_NAMES =
  "`extends` names a built-in preset, a plugin's cadence or another cadence under `cadences:`";

/**
 * Resolves every `extends:` of a pipeline as written: under `cadences:` (which may extend one
 * another, a plugin's cadence or a preset) and in an opportunity's inline `cadence:`. A cadence
 * under `cadences:` that extends its own id extends the plugin cadence or preset it overrides.
 * Returns the input itself when nothing in it extends anything; never changes the input.
 */
export function expandExtends(
  input: unknown,
  plugins: ReadonlyMap<string, CadenceInput>,
): ExpandedInput {
  const none: ExpandedInput = { input, issues: [], stepless: [], origins: [] };
  if (!isRecord(input)) return none;
  const written = isRecord(input.cadences) ? input.cadences : {};
  const opportunities = Array.isArray(input.opportunities) ? input.opportunities : [];
  const inline = (opportunity: unknown) =>
    isRecord(opportunity) && extendsSomething(opportunity.cadence);
  if (!Object.values(written).some(extendsSomething) && !opportunities.some(inline)) return none;

  const issues: ExtendsIssue[] = [];
  const stepless: Path[] = [];
  const origins: ExtendOrigin[] = [];
  /** Cadences under `cadences:` as resolved; `null` when their `extends:` failed. */
  const resolved = new Map<string, Record<string, unknown> | null>();
  const visiting: string[] = [];

  const fail = (
    cadence: Record<string, unknown>,
    path: Path,
    code: RunnerUpErrorCode,
    message: string,
  ) => {
    issues.push({ code, message, path: [...path, 'extends'], target: 'value' });
    if (!Object.hasOwn(cadence, 'steps')) stepless.push(path);
    return undefined;
  };

  const baseOf = (
    name: string,
    self: string | undefined,
    cadence: Record<string, unknown>,
    path: Path,
  ): Record<string, unknown> | undefined => {
    if (name !== self && Object.hasOwn(written, name)) {
      const base = fileCadence(name);
      // A base that failed was reported where it failed; a cycle is reported where it closes.
      if (base === undefined && !Object.hasOwn(cadence, 'steps')) stepless.push(path);
      return base;
    }
    const plugin = plugins.get(name);
    if (plugin !== undefined) {
      // Its steps taken as they stand would carry a template no plugin given has into reminders.
      const problem = Object.hasOwn(cadence, 'steps') ? undefined : cadenceProblem(plugins, name);
      if (problem !== undefined) {
        return fail(
          cadence,
          path,
          'invalid_options',
          `\`extends: ${name}\` takes its steps, and ${problem.message.replace(/^\[runner-up\] /, '')}; give this cadence \`steps\` of its own, or register the plugin that gives the template`,
        );
      }
      return plugin as Record<string, unknown>;
    }
    if (Object.hasOwn(builtins, name)) return builtins[name];
    if (name === self) {
      return fail(
        cadence,
        path,
        'unknown_cadence',
        `cadence "${name}" extends itself, and no preset or plugin cadence has that id: ${WHAT_EXTENDS_NAMES}`,
      );
    }
    const known = [...Object.keys(written), ...plugins.keys(), ...Object.keys(builtins)];
    const hint = didYouMean(name, known);
    return fail(
      cadence,
      path,
      'unknown_cadence',
      hint
        ? `unknown cadence "${name}"${hint}`
        : `unknown cadence "${name}": ${WHAT_EXTENDS_NAMES}`,
    );
  };

  const extend = (
    cadence: Record<string, unknown>,
    path: Path,
    self: string | undefined,
  ): Record<string, unknown> | undefined => {
    const name = cadence.extends;
    // Not text: the schema says so at `extends`; the rest of the cadence is checked as written.
    if (typeof name !== 'string' || name === '') {
      if (!Object.hasOwn(cadence, 'steps')) stepless.push(path);
      return undefined;
    }
    const base = baseOf(name, self, cadence, path);
    if (base === undefined) return undefined;
    origins.push({
      path,
      written: cadence,
      base: name,
      baseInFile: name !== self && Object.hasOwn(written, name),
    });
    return mergeCadence(base, cadence);
  };

  function fileCadence(id: string): Record<string, unknown> | undefined {
    if (resolved.has(id)) return resolved.get(id) ?? undefined;
    const cadence = written[id];
    if (!extendsSomething(cadence)) return isRecord(cadence) ? cadence : undefined;
    const path: Path = ['cadences', id];
    const start = visiting.indexOf(id);
    if (start >= 0) {
      const cycle = [...visiting.slice(start), id].map((name) => `"${name}"`).join(' → ');
      const closing = visiting[visiting.length - 1]!;
      for (const name of visiting.slice(start)) resolved.set(name, null);
      const shadowed = visiting
        .slice(start)
        .filter((name) => Object.hasOwn(builtins, name) || plugins.has(name));
      const shadowNote =
        shadowed.length === 0
          ? ''
          : ` (under \`cadences:\`, ${shadowed.map((name) => `"${name}"`).join(' and ')} replaces the cadence of that id for this file, so extending it means extending the file's)`;
      return fail(
        written[closing] as Record<string, unknown>,
        ['cadences', closing],
        'invalid_pipeline',
        `cadences extend one another in a circle (${cycle}): remove one of these \`extends:\`${shadowNote}`,
      );
    }
    visiting.push(id);
    const result = extend(cadence, path, id);
    visiting.pop();
    // A cycle through this cadence has already marked it as failed.
    if (resolved.get(id) === null) return undefined;
    resolved.set(id, result ?? null);
    return result;
  }

  const cadences: Record<string, unknown> = { ...written };
  for (const id of Object.keys(written)) {
    if (extendsSomething(written[id])) {
      const result = fileCadence(id);
      if (result !== undefined) cadences[id] = result;
    }
  }
  const expandedOpportunities = opportunities.map((opportunity: unknown, index) => {
    if (!inline(opportunity)) return opportunity;
    const record = opportunity as Record<string, unknown>;
    const cadence = extend(
      record.cadence as Record<string, unknown>,
      ['opportunities', index, 'cadence'],
      undefined,
    );
    return cadence === undefined ? opportunity : { ...record, cadence };
  });
  const expanded: Record<string, unknown> = { ...input };
  if (isRecord(input.cadences)) expanded.cadences = cadences;
  if (Array.isArray(input.opportunities)) expanded.opportunities = expandedOpportunities;
  return { input: expanded, issues, stepless, origins };
}

/**
 * A plugin's cadence with its `extends:` resolved. A plugin can extend a built-in preset only:
 * plugins are registered in any order, and a file's own cadences are not theirs to build on.
 * Returns the cadence itself when it extends nothing, and `undefined` when its `extends:` names no
 * preset (the caller reports that).
 */
export function extendPluginCadence(cadence: unknown): unknown {
  if (!extendsSomething(cadence)) return cadence;
  const name = cadence.extends;
  if (typeof name !== 'string' || !Object.hasOwn(builtins, name)) return undefined;
  return mergeCadence(builtins[name]!, cadence);
}
