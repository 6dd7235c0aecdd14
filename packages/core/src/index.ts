export * from './engine/key';
export type { PlanOptions } from './engine/options';
export * from './engine/plan';
export * from './engine/resolve-cadence';
export * from './errors';
export * from './model/candidate';
export * from './model/names';
export * from './model/pipeline';
export * from './model/primitives';
export * from './model/reminder';
export * from './parse';
// Straight from its module and as `export *`: through ./parse, or as a named re-export, bundlers
// that split code put the YAML parser and the schemas in the same chunk as plan() (the
// `runner-up` command's cache hit would then load them).
export * from './parse/trust';
export * from './plugin/define-plugin';
export * from './plugin/field-name';
export * from './plugin/option-names';
export * from './plugin/service-url';
export * from './plugin/sink';
export * from './presets/cadence-presets';
export * from './render/draft';
export * from './render/placeholders';
export * from './time/business-days';
export * from './time/plain-date';
export * from './time/recurrence';
export * from './time/zoned';
