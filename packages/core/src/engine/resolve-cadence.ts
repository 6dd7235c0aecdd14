/**
 * Finding the cadence an opportunity names.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import { type Cadence, type CadenceInput, CadenceSchema, type Pipeline } from '../model/pipeline';
import { builtinCadences } from '../presets/cadence-presets';

/** Where {@link resolveCadence} looks, besides the built-in presets. */
export interface CadenceSources {
  /** The file's own `cadences:`; they override presets and plugin cadences of the same id. */
  custom?: Readonly<Record<string, Cadence | CadenceInput>>;
  /** Cadences contributed by plugins, by id. */
  plugins?: ReadonlyMap<string, CadenceInput>;
}

const parsedBuiltins = new Map<string, Cadence>();

function parseCadence(
  input: Cadence | CadenceInput,
  id: string,
  path: (string | number)[],
): Cadence {
  const result = CadenceSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new RunnerUpError(
    'invalid_pipeline',
    `[runner-up] cadence \`${id}\` is invalid: ${issue.message}`,
    { path: [...path, ...(issue.path as (string | number)[])] },
  );
}

/**
 * The cadence with id `id`: a custom one from the file first, then a plugin's, then a built-in
 * preset. Throws `unknown_cadence` naming the known ids otherwise.
 *
 * @param path - where the reference sits, for the error (e.g. `['opportunities', 2, 'cadence']`)
 * @default path []
 */
export function resolveCadence(
  id: string,
  sources: CadenceSources = {},
  path: ReadonlyArray<string | number> = [],
): Cadence {
  const custom = sources.custom?.[id];
  if (custom !== undefined && Object.hasOwn(sources.custom!, id)) {
    return parseCadence(custom, id, ['cadences', id]);
  }
  const fromPlugin = sources.plugins?.get(id);
  if (fromPlugin !== undefined) return parseCadence(fromPlugin, id, ['plugins', id]);
  if (Object.hasOwn(builtinCadences, id)) {
    let parsed = parsedBuiltins.get(id);
    if (!parsed) {
      parsed = parseCadence(builtinCadences[id]!, id, ['builtinCadences', id]);
      parsedBuiltins.set(id, parsed);
    }
    return parsed;
  }
  const known = [
    ...Object.keys(sources.custom ?? {}),
    ...(sources.plugins?.keys() ?? []),
    ...Object.keys(builtinCadences),
  ];
  throw new RunnerUpError(
    'unknown_cadence',
    `[runner-up] Unknown cadence \`${id}\`: it is not under \`cadences:\`, from a plugin, or built in. Known cadences: ${[...new Set(known)].join(', ')}.`,
    { path },
  );
}

/** Sources for a parsed pipeline plus the registry's plugin cadences. */
export function cadenceSources(
  pipeline: Pipeline,
  plugins?: ReadonlyMap<string, CadenceInput>,
): CadenceSources {
  return plugins ? { custom: pipeline.cadences, plugins } : { custom: pipeline.cadences };
}
