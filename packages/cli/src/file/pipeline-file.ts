import { type Opportunity, type Pipeline, parsePipelineYaml, RunnerUpError } from '@runner-up/core';
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
  { plugins, env = process.env, onLockWait, signal }: PipelineFileOptions = {},
): Promise<{ result: T; before: Pipeline; after: Pipeline }> {
  const withPlugins = plugins !== undefined && plugins.length > 0;
  return withFileLock(
    file,
    async () => {
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
    },
    {
      ...(onLockWait === undefined ? {} : { onWait: onLockWait }),
      ...(signal === undefined ? {} : { signal }),
    },
  );
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
    throw new RunnerUpError('not_found', unknownOpportunityMessage(pipeline, id, file), {
      file,
      path: ['opportunities'],
    });
  }
  return { index, node: node as YAMLMap };
}

/** Up to this many ids are listed when an id is unknown; more would bury the message. */
const MAX_LISTED_IDS = 10;

/**
 * Why `id` names no opportunity, and what was most likely meant: an id a typo away, or the id of
 * the opportunity whose organization, title or contact was typed instead of its id
 * (`Acme Telecom`, `Maria Chen`). The
 * ids are listed only when there are a few.
 */
function unknownOpportunityMessage(pipeline: Pipeline, id: string, file: string): string {
  const opportunities = pipeline.opportunities;
  const known = opportunities.map((opportunity) => opportunity.id);
  let hint = '';
  const meant = closestName(id, known);
  if (meant !== undefined) {
    hint = ` Did you mean \`${meant}\`?`;
  } else {
    const wanted = normalize(id);
    // A recruiter's natural key is the candidate's name: contacts' names count too.
    const names = (o: Opportunity) => [
      o.organization,
      o.title,
      `${o.organization} ${o.title}`,
      ...o.contacts.map((c) => c.name),
    ];
    const matching = (matches: (text: string) => boolean) =>
      wanted.length === 0
        ? []
        : opportunities.filter((o) => names(o).some((name) => matches(normalize(name))));
    // A name typed in full wins over those it is part of: `Org 3` is not `Org 30`.
    const exact = matching((text) => text === wanted);
    const byName =
      exact.length > 0
        ? exact
        : wanted.length >= 3
          ? matching((text) => text.includes(wanted))
          : [];
    if (byName.length > 0 && byName.length <= MAX_LISTED_IDS) {
      const ids = byName.map((o) => `\`${o.id}\` (${o.organization}, ${o.title})`);
      hint = ` The id is not the organization's name, the title or a contact's name: did you mean ${ids.length === 1 ? ids[0] : `one of ${ids.join(', ')}`}?`;
    }
  }
  if (known.length === 0)
    return `No opportunity with id \`${id}\` in ${file}.${hint} The file has no opportunities yet.`;
  const list =
    known.length <= MAX_LISTED_IDS
      ? ` Known ids: ${known.join(', ')}.`
      : ` The file has ${known.length} opportunities: each one's id is its \`id:\` in ${file}, and \`runner-up agenda\` shows it beside each reminder.`;
  return `No opportunity with id \`${id}\` in ${file}.${hint}${list}`;
}

/** Lower case, with runs of anything but letters and digits as one space: `acme-telecom` is `acme telecom`. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
