/**
 * Looking up a cadence by id, for `resolveCadence` and for `plan()`. Internal: `plan()` resolves
 * the cadences of a pipeline that is parsed already, so its own cadences need no second parse,
 * and the built-in presets come parsed with the package (`builtin-cadences.parsed.json`, checked
 * against the schema by a test): planning a parsed pipeline never loads the schemas.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import type { Cadence, CadenceInput } from '../model/pipeline';
import { getValidators } from '../parse/validated';
import parsedBuiltins from '../presets/builtin-cadences.parsed.json';

/** Where a cadence is looked up, besides the built-in presets. */
export interface CadenceSources {
  /** The file's own `cadences:`; they override presets and plugin cadences of the same id. */
  custom?: Readonly<Record<string, Cadence | CadenceInput>>;
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
    return customParsed ? (custom as Cadence) : parseCadence(custom, id, ['cadences', id]);
  }
  const fromPlugin = sources.plugins?.get(id);
  if (fromPlugin !== undefined) return parseCadence(fromPlugin, id, ['plugins', id]);
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
