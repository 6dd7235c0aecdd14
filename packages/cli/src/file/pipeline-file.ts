import { type Pipeline, parsePipelineYaml, RunnerUpError } from '@runner-up/core';
import { type Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { closestName } from '../output/closest-name';
import { writeFileAtomic } from './atomic-write';
import { withFileLock } from './file-lock';
import { type PipelineFileOptions, readPipelineText } from './load-pipeline';
import { storeParsedPipeline } from './parse-cache';
import { YamlEditor } from './yaml-editor';

/**
 * Edits the pipeline file without ever losing an edit, a comment or the file:
 * takes the file lock, reads the file inside it, lets `edit` change it through a
 * {@link YamlEditor} (only the edited lines change; comments, key order and formatting elsewhere
 * are kept), re-validates the new text with `parsePipelineYaml`, and writes it atomically.
 * Returns what `edit` returned. When `edit` returns `{ changed: false }` nothing is written.
 * The validated new text goes into the parse cache (see `parsePipelineCached`; `env` decides
 * where, and `RUNNER_UP_CACHE=0` turns it off), so the next command reading the file does not
 * parse it again. With `plugins`, the file may name their cadences and templates; such a file is
 * not cached, as the cache holds files that are valid without plugins.
 *
 * @example
 * // Record the rows a sink's user ticked Done as touchpoints (see docs/plugins.md).
 * await editPipelineFile('runner-up.yaml', (editor, pipeline) => ({ changed: false }), { plugins })
 */
export async function editPipelineFile<T extends { changed?: boolean }>(
  file: string,
  edit: (editor: YamlEditor, pipeline: Pipeline) => T | Promise<T>,
  options: PipelineFileOptions = {},
): Promise<T> {
  return (await editPipelineFileParsed(file, edit, options)).result;
}

/**
 * {@link editPipelineFile}, also returning the pipeline as it was read (`before`) and as written
 * (`after`, the same when nothing was written), so a command can plan both and say what its edit
 * changed.
 */
export async function editPipelineFileParsed<T extends { changed?: boolean }>(
  file: string,
  edit: (editor: YamlEditor, pipeline: Pipeline) => T | Promise<T>,
  { plugins, env = process.env }: PipelineFileOptions = {},
): Promise<{ result: T; before: Pipeline; after: Pipeline }> {
  const withPlugins = plugins !== undefined && plugins.length > 0;
  return withFileLock(file, async () => {
    const text = await readPipelineText(file);
    const pipeline = parsePipelineYaml(text, { file, ...(withPlugins ? { plugins } : {}) });
    const editor = new YamlEditor(text, { file });
    const result = await edit(editor, pipeline);
    if (result.changed === false) return { result, before: pipeline, after: pipeline };
    const next = editor.toString();
    // The edit must leave a valid file: never write something `validate` would reject.
    const written = parsePipelineYaml(next, { file, ...(withPlugins ? { plugins } : {}) });
    await writeFileAtomic(file, next);
    if (!withPlugins) await storeParsedPipeline(next, file, written, env);
    return { result, before: pipeline, after: written };
  });
}

/** The YAML map of the opportunity with `id`, and its index, or a `not_found` error listing the ids. */
export function findOpportunity(
  doc: Document,
  pipeline: Pipeline,
  id: string,
  file: string,
): { index: number; node: YAMLMap } {
  const list = doc.get('opportunities', true);
  const index = pipeline.opportunities.findIndex((opportunity) => opportunity.id === id);
  const node = isSeq(list) ? (list as YAMLSeq).items[index] : undefined;
  if (index < 0 || !isMap(node)) {
    const known = pipeline.opportunities.map((opportunity) => opportunity.id);
    const meant = closestName(id, known);
    const hint = meant === undefined ? '' : ` Did you mean \`${meant}\`?`;
    throw new RunnerUpError(
      'not_found',
      `No opportunity with id \`${id}\` in ${file}.${hint}${known.length > 0 ? ` Known ids: ${known.join(', ')}.` : ' The file has no opportunities yet.'}`,
      { file, path: ['opportunities'] },
    );
  }
  return { index, node: node as YAMLMap };
}
