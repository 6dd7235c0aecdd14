/**
 * Reading the pipeline file, apart from editing it: `runner-up agenda` loads only this, and so
 * neither the YAML editor nor, when the parse cache has the file, the YAML parser.
 *
 * @module
 */

import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Pipeline, RunnerUpError, type RunnerUpPlugin } from '@runner-up/core';
import { type Environment, fileArgument, shellPath } from '../context';
import { describeIoError } from './atomic-write';
import { decodeUtf8File } from './decode-text';
import { parsePipelineCached } from './parse-cache';

/** The file the CLI reads when none is named. */
const DEFAULT_FILE = './runner-up.yaml';

/**
 * The largest pipeline file read: some 30,000 to 100,000 opportunities, depending on how much each
 * holds. A larger one is
 * refused before it is parsed, as a YAML parse of a few hundred megabytes (one long quoted value
 * is enough) can take minutes and end the process out of memory.
 */
export const MAX_PIPELINE_BYTES = 32 * 1024 * 1024;

/**
 * Reads `file` as UTF-8 text, turning a missing file into an error that says what to do, and a
 * file that is not UTF-8 into one naming the first byte that is not (see `decodeUtf8File`).
 */
export async function readPipelineText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    // Told before it is read: a file of gigabytes would take seconds and as much memory to read.
    // (A pipe has no size to tell: it is read, then held to the same limit.)
    const { size } = await stat(file);
    if (size > MAX_PIPELINE_BYTES) throw tooLarge(file, size);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof RunnerUpError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'EISDIR') {
      // A folder where a file was meant: a usage error, as a missing file is.
      throw new RunnerUpError(
        'invalid_options',
        `${file} is a folder, not a pipeline file: pass --file with the path of the file in it, like ${join(file, 'runner-up.yaml')}.`,
        { file, path: ['file'], cause: error },
      );
    }
    if (code === 'ENOENT') {
      // `init` writes a file, not the folders above it.
      const folder = dirname(file);
      const folderMissing = await stat(folder).then(
        () => false,
        () => true,
      );
      throw new RunnerUpError(
        'not_found',
        folderMissing
          ? `${file} not found, nor its folder ${folder}. Create the folder (\`mkdir -p ${shellPath(folder)}\`) and run \`runner-up init -f ${shellPath(file)}\` to write a starter file there, or pass --file PATH.`
          : `${file} not found. Run \`runner-up init${fileArgument(file, file !== DEFAULT_FILE)}\` to write a starter file there, or pass --file PATH.`,
        { file, cause: error },
      );
    }
    const fix =
      code === 'EACCES' || code === 'EPERM'
        ? ` Make it readable (\`chmod u+r ${shellPath(file)}\`, if it is yours; otherwise ask its owner).`
        : '';
    throw new RunnerUpError(
      'io_error',
      `Could not read ${file}: ${describeIoError(error)}.${fix}`,
      {
        file,
        cause: error,
      },
    );
  }
  if (bytes.length > MAX_PIPELINE_BYTES) throw tooLarge(file, bytes.length);
  return decodeUtf8File(bytes, file);
}

/** Refused as a file given by mistake (exit 2), not as a pipeline with problems to list. */
function tooLarge(file: string, size: number): RunnerUpError {
  return new RunnerUpError(
    'invalid_options',
    `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; a pipeline file is at most ${MAX_PIPELINE_BYTES / 1024 / 1024} MB (one of 10,000 opportunities takes 3 to 10 MB). Is it the right file?`,
    { file, path: ['file'] },
  );
}

/** Options of {@link loadPipeline} and `editPipelineFile`. */
export interface PipelineFileOptions {
  /**
   * Plugins whose cadences and templates the file may name, passed to core's `parsePipelineYaml`.
   * A file read with plugins skips the parse cache, which holds files valid without any.
   */
  plugins?: readonly RunnerUpPlugin[];
  /**
   * Where the parse cache lives and whether it is used, read as the CLI reads them: the cache is on
   * unless `RUNNER_UP_CACHE=0`, in `RUNNER_UP_CACHE_DIR`, else `$XDG_CACHE_HOME/runner-up`, else
   * `~/.cache/runner-up`. Pass `{ RUNNER_UP_CACHE: '0' }` to keep a library call from writing there.
   * @default process.env
   */
  env?: Environment;
  /**
   * For commands that edit the file: told, once, when the file's lock has been held by another
   * process for a second (see `FileLockOptions.onWait`).
   */
  onLockWait?: (message: string) => void;
  /** For commands that edit the file: stops waiting for its lock when it fires (Ctrl-C). */
  signal?: AbortSignal;
}

/**
 * Reads and validates the pipeline file. Errors carry `file:line:col` and the field path.
 * A file read before with the same text comes from the parse cache, kept in the user's cache
 * folder (see {@link PipelineFileOptions.env} for where, and how to turn it off).
 *
 * @example const pipeline = await loadPipeline('runner-up.yaml', { plugins: [acmePlugin()] })
 */
export async function loadPipeline(
  file: string,
  { plugins, env = process.env }: PipelineFileOptions = {},
): Promise<Pipeline> {
  const text = await readPipelineText(file);
  if (plugins !== undefined && plugins.length > 0) {
    const { parsePipelineYaml } = await import('./parse-yaml');
    return parsePipelineYaml(text, { file, plugins });
  }
  return parsePipelineCached(text, file, env);
}
