/**
 * Plugin cadences that cannot be used, by registry: kept apart from the plugin checks so the
 * cadence engine can ask without importing them.
 *
 * @module
 */

import type { RunnerUpError } from '../errors';

/**
 * Why a plugin's cadence cannot be used, by the registry's map of cadences and the cadence's id:
 * a `{template:<id>}` that none of the registered plugins contributes, whose braces would reach
 * every reminder as written. Kept rather than thrown at registration, so that a plugin cadence no
 * opportunity uses, or one the file overrides under its id, stands in no one's way. (One plugin
 * object may sit in several registries, with other templates beside it: hence by registry.)
 */
const unusable = new WeakMap<object, Map<string, RunnerUpError>>();

/** Notes why cadence `id` of `registry` (the registry's map of cadences) cannot be used. */
export function noteCadenceProblem(registry: object, id: string, problem: RunnerUpError): void {
  const problems = unusable.get(registry) ?? new Map<string, RunnerUpError>();
  unusable.set(registry, problems);
  problems.set(id, problem);
}

/** Why cadence `id` of `registry` cannot be used, if it cannot. */
export function cadenceProblem(registry: object, id: string): RunnerUpError | undefined {
  return unusable.get(registry)?.get(id);
}

/** Throws the `invalid_options` error noted for cadence `id` of `registry`, when it is used. */
export function assertCadenceUsable(registry: object, id: string): void {
  const problem = cadenceProblem(registry, id);
  if (problem !== undefined) throw problem;
}
