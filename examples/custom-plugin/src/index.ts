export { fileStore } from './file-store.js';
export {
  DEFAULT_PREAMBLE,
  type MarkdownRow,
  parseMarkdown,
  readMarkdownRows,
  renderMarkdown,
} from './markdown-format.js';
export { type MarkdownSinkOptions, markdownSink } from './markdown-sink.js';
export { agencyBench, markdownAgendaPlugin, templates } from './plugin.js';
export { type MarkdownStore, memoryStore } from './store.js';
