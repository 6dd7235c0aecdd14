/**
 * `@runner-up/cli`: the `runner-up` command, and the safe file editing it is built on, for
 * tools that want to edit a `runner-up.yaml` the same way.
 */

export type { Environment, TextOutput } from './context';
export { writeFileAtomic } from './file/atomic-write';
export { type FileLockOptions, withFileLock } from './file/file-lock';
export { loadPipeline, type PipelineFileOptions } from './file/load-pipeline';
export { editPipelineFile, findOpportunity } from './file/pipeline-file';
export { YamlEditor, type YamlEditorOptions } from './file/yaml-editor';
export type { AgendaFormatOptions } from './output/agenda-format';
export { formatAgenda } from './output/agenda-format';
export { ExitCode, exitCodeFor, formatError } from './output/report-error';
export { SECRET_ENV_VARS, scrub, secretsFrom } from './output/scrub';
export { type RunOptions, run } from './program';
export { pipelineJsonSchema, pipelineJsonSchemaText } from './schema';
export { SCHEMA_URL, type StarterOptions, starterPipeline } from './starter';
export { STARTER_AUDIENCES, type StarterAudience } from './starter-audiences';
