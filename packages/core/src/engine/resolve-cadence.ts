/**
 * Finding the cadence an opportunity names.
 *
 * @module
 */

import type { Cadence, CadenceInput, Pipeline } from '../model/pipeline';
import { type CadenceSources, lookUpCadence } from './cadence-lookup';

export type { CadenceSources };

/**
 * The cadence with id `id`: a custom one from the file first, then a plugin's, then a built-in
 * preset. Throws `unknown_cadence` naming the known ids otherwise, and `invalid_options` for a
 * plugin's cadence (from `createRegistry(plugins).cadences`) whose `{template:<id>}` none of those
 * plugins contributes.
 *
 * @param path - where the reference sits, for the error (e.g. `['opportunities', 2, 'cadence']`)
 * @default path []
 */
export function resolveCadence(
  id: string,
  sources: CadenceSources = {},
  path: ReadonlyArray<string | number> = [],
): Cadence {
  return lookUpCadence(id, sources, path, false);
}

/** Sources for a parsed pipeline plus the registry's plugin cadences. */
export function cadenceSources(
  pipeline: Pipeline,
  plugins?: ReadonlyMap<string, CadenceInput>,
): CadenceSources {
  return plugins ? { custom: pipeline.cadences, plugins } : { custom: pipeline.cadences };
}
