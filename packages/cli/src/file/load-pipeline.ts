/**
 * Reading the pipeline file, apart from editing it: `runner-up agenda` loads only this, and so
 * neither the YAML editor nor, when the parse cache has the file, the YAML parser.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import { type Pipeline, RunnerUpError } from '@runner-up/core';
import { fileArgument } from '../context';
import { describeIoError } from './atomic-write';
import { parsePipelineCached } from './parse-cache';

/** The file the CLI reads when none is named. */
const DEFAULT_FILE = './runner-up.yaml';

/** Reads `file` as text, turning a missing file into an error that says what to do. */
export async function readPipelineText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new RunnerUpError(
      code === 'ENOENT' ? 'not_found' : 'io_error',
      code === 'ENOENT'
        ? `${file} not found. Run \`runner-up init${fileArgument(file, file !== DEFAULT_FILE)}\` to write a starter file there, or pass --file PATH.`
        : `Could not read ${file}: ${describeIoError(error)}`,
      { file, cause: error },
    );
  }
}

/**
 * Reads and validates the pipeline file. Errors carry `file:line:col` and the field path.
 * A file read before with the same text comes from the parse cache (see `parsePipelineCached`).
 */
export async function loadPipeline(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Pipeline> {
  return parsePipelineCached(await readPipelineText(file), file, env);
}
