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
}

const builtins = parsedBuiltins as unknown as Readonly<Record<string, Record<string, unknown>>>;

/** The fields merged key by key; every other field given replaces the base's. */
const MERGED_FIELDS = new Set(['rules', 'estimates']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extendsSomething(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.hasOwn(value, 'extends');
}

/** `override` written over `base`: `rules` and `estimates` key by key, other fields replaced. */
export function mergeCadence(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const under = merged[key];
    merged[key] =
      MERGED_FIELDS.has(key) && isRecord(value) && isRecord(under) ? { ...under, ...value } : value;
  }
  return merged;
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
  const none: ExpandedInput = { input, issues: [], stepless: [] };
  if (!isRecord(input)) return none;
  const written = isRecord(input.cadences) ? input.cadences : {};
  const opportunities = Array.isArray(input.opportunities) ? input.opportunities : [];
  const inline = (opportunity: unknown) =>
    isRecord(opportunity) && extendsSomething(opportunity.cadence);
  if (!Object.values(written).some(extendsSomething) && !opportunities.some(inline)) return none;

  const issues: ExtendsIssue[] = [];
  const stepless: Path[] = [];
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
    if (plugin !== undefined) return plugin as Record<string, unknown>;
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
    return base === undefined ? undefined : mergeCadence(base, cadence);
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
      return fail(
        written[closing] as Record<string, unknown>,
        ['cadences', closing],
        'invalid_pipeline',
        `cadences extend one another in a circle (${cycle}): one of them needs steps of its own, or to extend a preset`,
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
  return { input: expanded, issues, stepless };
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
