/**
 * Pipelines already validated by `PipelineSchema` inside core, so that plan() does not validate
 * the output of parsePipeline a second time (for 10,000 opportunities that is most of a second).
 * A WeakSet holds no pipeline alive.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import type { CadenceSchema, Pipeline, PipelineSchema } from '../model/pipeline';

const validated = new WeakSet<Pipeline>();

/** Records a value `PipelineSchema` just produced. Returns it, for chaining. Internal. */
export function markValidated(pipeline: Pipeline): Pipeline {
  validated.add(pipeline);
  return pipeline;
}

/** True for an object returned by parsePipeline, parsePipelineYaml or their safe forms. Internal. */
export function isValidated(value: unknown): value is Pipeline {
  return typeof value === 'object' && value !== null && validated.has(value as Pipeline);
}

/** The schemas `plan()` validates with. */
export interface Validators {
  pipeline: typeof PipelineSchema;
  cadence: typeof CadenceSchema;
}

let validators: Validators | undefined;

/**
 * Called once by `model/pipeline.ts` as it loads. The engine reaches the schemas only through
 * here: a bundle that plans pipelines it already parsed (the `runner-up` command with its parse
 * cache) then never loads zod, which costs more start-up time than the plan itself. Internal.
 */
export function registerValidators(schemas: Validators): void {
  validators = schemas;
}

/** The registered schemas. Internal. */
export function getValidators(): Validators {
  if (!validators) {
    // Only reachable in a bundle that left core's schemas out and then met unparsed input.
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] The pipeline schemas are not loaded: parse the pipeline with parsePipeline() before planning it.',
    );
  }
  return validators;
}
