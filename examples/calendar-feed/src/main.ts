/**
 * Serves `runner-up.yaml` as a calendar feed at `/feed/<token>.ics`. The pipeline is re-read and
 * re-planned on every request, so edits show up on the next refresh. The feed's revision state
 * is saved in `feed.state.json` beside it, so SEQUENCE keeps rising across restarts and
 * reminders removed while the server was down are still sent as cancelled.
 *
 *   RUNNER_UP_FEED_TOKEN=$(openssl rand -hex 20) pnpm start
 *
 * Then subscribe to http://localhost:8787/feed/<your token>.ics (see docs/ical.md).
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePipelineYaml, plan } from '@runner-up/core';
import {
  createFeedHandler,
  createIcsState,
  type FeedHandler,
  type IcsState,
} from '@runner-up/ical';
import { serve } from './node-adapter';

/** Options of {@link createCalendarFeed}. */
export interface CalendarFeedOptions {
  /** The pipeline file. */
  file: string;
  /** The secret path segment. */
  token: string;
  /**
   * Where the feed's revision state is kept: read once here, written each time it changes.
   * Without it the state lives in memory only, and sequences restart with the server.
   */
  stateFile?: string;
  /**
   * The clock, for plan() and DTSTAMP.
   * @default () => new Date()
   */
  now?: () => Date;
}

/** The feed handler over a pipeline file, planned afresh on each request. */
export async function createCalendarFeed({
  file,
  token,
  stateFile,
  now = () => new Date(),
}: CalendarFeedOptions): Promise<FeedHandler> {
  return createFeedHandler({
    token,
    now,
    name: 'Runner-up follow-ups',
    load: async () => {
      const pipeline = parsePipelineYaml(await readFile(file, 'utf8'), { file: basename(file) });
      return plan(pipeline, { now: now() });
    },
    ...(stateFile === undefined
      ? {}
      : {
          state: await readState(stateFile),
          onStateChange: (state: IcsState) => writeAtomically(stateFile, JSON.stringify(state)),
        }),
  });
}

/** The saved state, or a new one when there is no file yet. */
async function readState(stateFile: string): Promise<IcsState> {
  try {
    return createIcsState(JSON.parse(await readFile(stateFile, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return createIcsState();
    throw error;
  }
}

/** Writes a temporary file beside `target`, then renames it over: the old state or the new. */
async function writeAtomically(target: string, text: string): Promise<void> {
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const token = process.env.RUNNER_UP_FEED_TOKEN;
  if (!token) {
    console.error('[runner-up] Set RUNNER_UP_FEED_TOKEN to a secret, e.g. `openssl rand -hex 20`.');
    process.exit(2);
  }
  const file = fileURLToPath(new URL('../runner-up.yaml', import.meta.url));
  const stateFile = fileURLToPath(new URL('../feed.state.json', import.meta.url));
  const port = Number(process.env.PORT ?? 8787);
  const running = await serve(await createCalendarFeed({ file, token, stateFile }), {
    port,
    host: '127.0.0.1',
  });
  // The token is a secret: print where the feed is, never the token itself.
  console.error(`Calendar feed at ${running.origin}/feed/<RUNNER_UP_FEED_TOKEN>.ics`);
}
