import { checkOptionNames, definePlugin, type Sink, SYNC_OPTION_NAMES } from '@runner-up/core';
import { type NotionConnectionOptions, resolveOptions } from './options';
import { syncNotion } from './sync';

/**
 * A sink that syncs reminders with a Notion data source. Options are checked here, so a mistake
 * surfaces where the sink is made.
 *
 * @example
 * const sink = notionSink({ auth: process.env.NOTION_TOKEN!, databaseId })
 * const report = await sink.sync(reminders, { dryRun: true })
 */
export function notionSink(options: NotionConnectionOptions): Sink {
  resolveOptions(options);
  return {
    name: 'notion',
    // One page per request: Notion has no batch write endpoint.
    capabilities: { dryRun: true, completions: true, cancel: true, batchSize: 1 },
    async sync(reminders, syncOptions) {
      // Only the options of a sync: the connection is the sink's, set where it is made.
      checkOptionNames(syncOptions, SYNC_OPTION_NAMES, 'notion');
      return syncNotion(reminders, { ...options, ...syncOptions });
    },
  };
}

/** The Notion plugin: registers the `notion` sink. */
export function notionPlugin(options: NotionConnectionOptions) {
  return definePlugin({ name: 'notion', sinks: { notion: notionSink(options) } });
}
