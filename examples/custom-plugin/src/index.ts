export { fileStore } from './file-store';
export {
  DEFAULT_PREAMBLE,
  type MarkdownRow,
  parseMarkdown,
  readMarkdownRows,
  renderMarkdown,
} from './markdown-format';
export { type MarkdownSinkOptions, markdownSink } from './markdown-sink';
export { agencyBench, markdownAgendaPlugin, templates } from './plugin';
export { type MarkdownStore, memoryStore } from './store';
