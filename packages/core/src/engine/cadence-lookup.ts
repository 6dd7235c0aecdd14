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
import { assertCadenceUsable } from '../plugin/cadence-problems';
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
  const own = sources.custom![id]!;
  if (!Object.hasOwn(own, 'extends')) return own as Cadence | CadenceInput;
  // Only the cadences it is built from: a problem elsewhere is not this cadence's.
  const custom = sources.custom!;
  const chain: Record<string, unknown> = {};
  for (let name: unknown = id; typeof name === 'string' && !Object.hasOwn(chain, name); ) {
    if (!Object.hasOwn(custom, name)) break;
    const cadence = custom[name] as { extends?: unknown };
    chain[name] = cadence;
    name = cadence.extends === name ? undefined : cadence.extends;
  }
  const expanded = expandExtends({ cadences: chain }, sources.plugins ?? new Map());
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
  /** Who is looking, for the hint to pass the same plugins as parsing. */
  caller = 'plan()',
): Cadence {
  const custom = sources.custom?.[id];
  if (custom !== undefined && Object.hasOwn(sources.custom!, id)) {
    if (customParsed) return custom as Cadence;
    return parseCadence(withExtendsResolved(id, sources), id, ['cadences', id]);
  }
  const fromPlugin = sources.plugins?.get(id);
  if (fromPlugin !== undefined) {
    assertCadenceUsable(sources.plugins!, id);
    // Registered plugins come resolved; a map built by hand may still say `extends:`.
    const extended = extendPluginCadence(fromPlugin);
    if (extended === undefined) {
      throw new RunnerUpError(
        'unknown_cadence',
        `[runner-up] cadence \`${id}\` extends ${JSON.stringify((fromPlugin as { extends?: unknown }).extends)}: a plugin's cadence can extend a built-in preset only (${Object.keys(builtins).join(', ')})`,
        { path: ['plugins', id, 'extends'] },
      );
    }
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
    `[runner-up] Unknown cadence \`${id}\`: it is not under \`cadences:\`, from a plugin, or built in. Known cadences: ${[...new Set(known)].join(', ')}.${
      // A parsed pipeline named only cadences its parse knew: a plugin's, then, left out here.
      customParsed
        ? ` The pipeline was parsed knowing it: if it is a plugin's cadence, pass \`${caller}\` the same \`plugins\` as parsing.`
        : ''
    }`,
    { path },
  );
}
