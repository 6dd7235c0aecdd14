/**
 * Pipelines already validated by `PipelineSchema` inside core, so that plan() does not validate
 * the output of parsePipeline a second time (for 10,000 opportunities that is most of a second).
 *
 * Internal: not exported from the package. A WeakSet holds no pipeline alive.
 *
 * @module
 */

import type { Pipeline } from '../model/pipeline';

const validated = new WeakSet<Pipeline>();

/** Records a value `PipelineSchema` just produced. Returns it, for chaining. */
export function markValidated(pipeline: Pipeline): Pipeline {
  validated.add(pipeline);
  return pipeline;
}

/** True for an object returned by parsePipeline, parsePipelineYaml or their safe forms. */
export function isValidated(value: unknown): value is Pipeline {
  return typeof value === 'object' && value !== null && validated.has(value as Pipeline);
}
