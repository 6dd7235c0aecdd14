import type { Pipeline } from '../model/pipeline';
import { markValidated } from './validated';

/**
 * Treats `pipeline` as the output of `parsePipeline` without checking it, so `plan()` does not
 * validate it again. Returns the same object.
 *
 * For a copy of a parsed pipeline that you stored yourself, such as a JSON copy (the parsed
 * pipeline survives `JSON.stringify` and `JSON.parse` unchanged). The `runner-up` command keeps one
 * per file between runs, keyed by the file's text and the parser's version, and skips both the
 * YAML and the schema on the next run. Never use it on data that did not come out of
 * `parsePipeline`: defaults, cross-reference checks and normalisation would be missing, and
 * `plan()` would plan from whatever is there.
 *
 * @example
 * const stored = JSON.stringify(parsePipeline(input))
 * // later, in another process:
 * const reminders = plan(trustParsedPipeline(JSON.parse(stored)), { now })
 */
export function trustParsedPipeline(pipeline: Pipeline): Pipeline {
  // Not an object: leave it to plan(), whose validation reports it properly.
  return typeof pipeline === 'object' && pipeline !== null ? markValidated(pipeline) : pipeline;
}
