/**
 * The pipeline `plan()` and `lintPipeline()` work on: checked as parsing checks it, unless it is
 * the output of parsing.
 *
 * @module
 */

import { formatPath, isRunnerUpError, RunnerUpError } from '../errors';
import type { Pipeline, PipelineInput } from '../model/pipeline';
import { checkReferences } from '../parse/cross-references';
import { getValidators, isValidated } from '../parse/validated';
import { createErrorMap, draftIssues } from '../parse/zod-issues';
import type { PluginRegistry } from '../plugin/define-plugin';
import { expandExtends } from './extend-cadence';

/**
 * `pipeline` as parsing gives it: the output of `parsePipeline` as it is, anything else (a pipeline
 * built in code, JSON read from elsewhere) checked as parsing checks it, every failure a
 * `RunnerUpError`.
 */
export function checkedPipeline(
  pipeline: Pipeline | PipelineInput,
  plugins: PluginRegistry,
): Pipeline {
  // The output of parsePipeline was validated by the same schema; validating it again is the
  // single most expensive step of a plan.
  if (isValidated(pipeline)) return pipeline;
  try {
    return validatePipeline(pipeline, plugins);
  } catch (error) {
    if (isRunnerUpError(error)) throw error;
    // A getter or proxy of the caller's that throws while the input is read.
    throw new RunnerUpError(
      'invalid_pipeline',
      `[runner-up] the pipeline could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function validatePipeline(pipeline: PipelineInput, plugins: PluginRegistry): Pipeline {
  const expanded = expandExtends(pipeline, plugins.cadences);
  const first = expanded.issues[0];
  if (first !== undefined) {
    throw new RunnerUpError(first.code, `[runner-up] ${where(first.path)}${first.message}`, {
      path: first.path,
      issues: expanded.issues.map(({ code, message, path }) => ({ code, message, path })),
    });
  }
  // The messages and "did you mean"s parsing gives, without the file positions.
  const knownFields = new WeakMap<object, string[]>();
  const result = getValidators().pipeline.safeParse(expanded.input, {
    reportInput: true,
    error: createErrorMap(knownFields),
  });
  if (result.success) {
    // What the schema cannot check (unique ids, known cadences and anchors, RRULEs), as
    // parsePipeline does: two opportunities of one id would give two reminders of one key.
    const references = checkReferences(result.data, plugins, expanded.origins);
    const reference = references[0];
    if (reference === undefined) return result.data;
    throw new RunnerUpError(
      reference.code,
      `[runner-up] ${where(reference.path)}${reference.message}`,
      {
        path: reference.path,
        issues: references.map(({ code, message, path }) => ({ code, message, path })),
      },
    );
  }
  const issues = draftIssues(result.error.issues, { knownFields, yaml: false }).map((draft) => ({
    code: 'invalid_pipeline' as const,
    message: draft.message,
    path: draft.path as (string | number)[],
  }));
  const firstIssue = issues[0]!;
  throw new RunnerUpError(
    'invalid_pipeline',
    `[runner-up] ${where(firstIssue.path)}${firstIssue.message}`,
    { path: firstIssue.path, issues, cause: result.error },
  );
}

/** `` `owner.timezone`: `` before a message about a field; nothing for the pipeline as a whole. */
function where(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? '' : `\`${formatPath(path)}\`: `;
}
