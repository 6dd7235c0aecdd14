/**
 * Looking up a cadence by id, for `resolveCadence` and for `plan()`. Internal: `plan()` resolves
 * the cadences of a pipeline that is parsed already, so its own cadences need no second parse,
 * and the built-in presets come parsed with the package (`builtin-cadences.parsed.json`, checked
 * against the schema by a test): planning a parsed pipeline never loads the schemas.
 *
 * @module
 */

import { formatPath, RunnerUpError } from '../errors';
import type { Cadence, CadenceInput, ExtendingCadenceInput } from '../model/pipeline';
import { getValidators } from '../parse/validated';
import parsedBuiltins from '../presets/builtin-cadences.parsed.json';
import { expandExtends, extendPluginCadence } from './extend-cadence';

/** Where a cadence is looked up, besides the built-in presets. */
export interface CadenceSources {
  /** The file's own `cadences:`; they override presets and plugin cadences of the same id. */
  custom?: Readonly<Record<string, Cadence | CadenceInput | ExtendingCadenceInput>>;
  /** Cadences contributed by plugins, by id. */
  plugins?: ReadonlyMap<string, CadenceInput>;
}

const builtins = parsedBuiltins as unknown as Readonly<Record<string, Cadence>>;

function parseCadence(
  input: Cadence | CadenceInput,
  id: string,
  path: (string | number)[],
): Cadence {
  const result = getValidators().cadence.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new RunnerUpError(
    'invalid_pipeline',
    `[runner-up] cadence \`${id}\` is invalid: ${issue.message}`,
    { path: [...path, ...(issue.path as (string | number)[])] },
  );
}

/** A custom cadence as written, with its `extends:` resolved against the other sources. */
function withExtendsResolved(id: string, sources: CadenceSources): Cadence | CadenceInput {
  const custom = sources.custom![id]!;
  if (!Object.hasOwn(custom, 'extends')) return custom as Cadence | CadenceInput;
  const expanded = expandExtends({ cadences: sources.custom }, sources.plugins ?? new Map());
  const issue = expanded.issues[0];
  if (issue !== undefined) {
    throw new RunnerUpError(
      issue.code,
      `[runner-up] \`${formatPath(issue.path)}\`: ${issue.message}`,
      { path: issue.path },
    );
  }
  return (expanded.input as { cadences: Record<string, CadenceInput> }).cadences[id]!;
}

/**
 * The cadence with id `id`: a custom one first, then a plugin's, then a built-in preset; throws
 * `unknown_cadence` naming the known ids otherwise. With `customParsed`, the custom cadences are
 * taken as they are (they come from a parsed pipeline).
 */
export function lookUpCadence(
  id: string,
  sources: CadenceSources,
  path: ReadonlyArray<string | number>,
  customParsed: boolean,
): Cadence {
  const custom = sources.custom?.[id];
  if (custom !== undefined && Object.hasOwn(sources.custom!, id)) {
    if (customParsed) return custom as Cadence;
    return parseCadence(withExtendsResolved(id, sources), id, ['cadences', id]);
  }
  const fromPlugin = sources.plugins?.get(id);
  if (fromPlugin !== undefined) {
    // Registered plugins come resolved; a map built by hand may still say `extends:`.
    const extended = extendPluginCadence(fromPlugin) ?? fromPlugin;
    return parseCadence(extended as CadenceInput, id, ['plugins', id]);
  }
  if (Object.hasOwn(builtins, id)) return builtins[id]!;
  const known = [
    ...Object.keys(sources.custom ?? {}),
    ...(sources.plugins?.keys() ?? []),
    ...Object.keys(builtins),
  ];
  throw new RunnerUpError(
    'unknown_cadence',
    `[runner-up] Unknown cadence \`${id}\`: it is not under \`cadences:\`, from a plugin, or built in. Known cadences: ${[...new Set(known)].join(', ')}.`,
    { path },
  );
}
