export * from './errors';
export * from './model/pipeline';
export * from './model/primitives';
export * from './model/reminder';
export * from './plugin/define-plugin';
export * from './plugin/sink';
