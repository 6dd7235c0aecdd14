export {
  constantTimeEqual,
  createFeedHandler,
  type FeedHandler,
  type FeedHandlerOptions,
} from './feed-handler';
export type { IcsOptions } from './options';
export { IcsOptionsSchema } from './options';
export { type IcalSinkOptions, icalPlugin, icalSink } from './plugin';
export {
  createIcsState,
  type IcsState,
  type IcsStateEntry,
  IcsStateEntrySchema,
  type IcsStateEvent,
  IcsStateEventSchema,
  IcsStateSchema,
} from './state';
export { escapeText, foldLine } from './text';
export { toCalendar } from './to-calendar';
export { toIcs } from './to-ics';
