export {
  type LintOptions,
  lintPipeline,
  type PipelineWarning,
  type PipelineWarningCode,
} from './lint';
export {
  type ParsePipelineOptions,
  type ParsePipelineYamlOptions,
  parsePipeline,
  parsePipelineYaml,
  type SafeParseResult,
  safeParsePipeline,
  safeParsePipelineYaml,
} from './parse-pipeline';
export {
  createYamlLocator,
  type LocateTarget,
  locateYamlPath,
  type TextPosition,
} from './yaml-location';
