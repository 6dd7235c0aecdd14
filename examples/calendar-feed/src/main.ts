/**
 * Serves `runner-up.yaml` as a calendar feed at `/feed/<token>.ics`. The pipeline is re-read and
 * re-planned on every request, so edits show up on the next refresh.
 *
 *   RUNNER_UP_FEED_TOKEN=$(openssl rand -hex 20) pnpm start
 *
 * Then subscribe to http://localhost:8787/feed/<your token>.ics (see docs/ical.md).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parsePipelineYaml, plan } from '@runner-up/core';
import { createFeedHandler, type FeedHandler } from '@runner-up/ical';
import { serve } from './node-adapter';

/** Options of {@link createCalendarFeed}. */
export interface CalendarFeedOptions {
  /** The pipeline file. */
  file: string;
  /** The secret path segment. */
  token: string;
  /**
   * The clock, for plan() and DTSTAMP.
   * @default () => new Date()
   */
  now?: () => Date;
}

/** The feed handler over a pipeline file, planned afresh on each request. */
export function createCalendarFeed({
  file,
  token,
  now = () => new Date(),
}: CalendarFeedOptions): FeedHandler {
  return createFeedHandler({
    token,
    now,
    name: 'Runner-up follow-ups',
    load: async () => {
      const pipeline = parsePipelineYaml(await readFile(file, 'utf8'), { file: 'runner-up.yaml' });
      return plan(pipeline, { now: now() });
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const token = process.env.RUNNER_UP_FEED_TOKEN;
  if (!token) {
    console.error('[runner-up] Set RUNNER_UP_FEED_TOKEN to a secret, e.g. `openssl rand -hex 20`.');
    process.exit(2);
  }
  const file = fileURLToPath(new URL('../runner-up.yaml', import.meta.url));
  const port = Number(process.env.PORT ?? 8787);
  const running = await serve(createCalendarFeed({ file, token }), { port, host: '127.0.0.1' });
  // The token is a secret: print where the feed is, never the token itself.
  console.error(`Calendar feed at ${running.origin}/feed/<RUNNER_UP_FEED_TOKEN>.ics`);
}
