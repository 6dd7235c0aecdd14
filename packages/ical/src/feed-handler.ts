import { checkOptionNames, type Reminder, RunnerUpError } from '@runner-up/core';
import { parseHttpDate } from './http-date';
import { checkClock, ICS_OPTION_NAMES, type IcsOptions, resolveIcsOptions } from './options';
import { createIcsState, type IcsState } from './state';
import { assembleIcs, prepareIcs } from './to-ics';

/** Options of {@link createFeedHandler}: where the reminders come from, the secret, and {@link IcsOptions}. */
export interface FeedHandlerOptions extends Omit<IcsOptions, 'now' | 'state'> {
  /**
   * Returns the reminders to serve; called for each GET or HEAD request with the right token.
   * Requests that arrive while a load is in progress share it rather than load again.
   */
  load: () => readonly Reminder[] | Promise<readonly Reminder[]>;
  /**
   * The secret path segment: the feed lives at `<basePath>/<token>.ics`. At least 16 characters
   * of `A-Z a-z 0-9 - _ .`; use a random one (`openssl rand -hex 20`). It never appears in errors.
   */
  token: string;
  /**
   * The path the feed lives under.
   * @default '/feed'
   */
  basePath?: string;
  /**
   * `Cache-Control` of a served feed. Private: the URL is a secret.
   * @default 'private, max-age=300'
   */
  cacheControl?: string;
  /**
   * Revision state that makes SEQUENCE and LAST-MODIFIED rise across requests, and writes the
   * events of reminders that left the plan as STATUS:CANCELLED; pass one you persist to keep it
   * across restarts.
   * @default a new in-memory state
   */
  state?: IcsState;
  /**
   * Called with `state` each time a request changed it (the feed's content changed, so its ETag
   * did too), and awaited before the response goes out: save the state here to keep SEQUENCE
   * rising across restarts (`JSON.stringify(state)`, read back with `createIcsState(saved)`). A
   * save that throws is passed to `onError`, the feed is served all the same, and the save is
   * tried again at the next request. Saves never overlap.
   */
  onStateChange?: (state: IcsState) => void | Promise<void>;
  /**
   * The clock, for DTSTAMP and the cancelled-reminder window.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Called when `load` throws or the calendar cannot be written (the client gets a bare 500), and
   * when `onStateChange` throws (the feed is served all the same). The error is passed as thrown,
   * so do not put the token in it. An `onError` that throws is ignored: the response still goes
   * out.
   * @default logs `[runner-up] [ical] feed failed: <message>` (or `saving the feed's state failed`)
   *   to stderr, the token redacted
   */
  onError?: (error: unknown) => void;
}

/** A web-standard request handler, as Deno, Bun, Cloudflare Workers and Node adapters take. */
export type FeedHandler = (request: Request) => Promise<Response>;

const TOKEN = /^[A-Za-z0-9._-]{16,}$/;

/**
 * True when `a` and `b` are equal, comparing every character whatever the first difference, so
 * response timing does not reveal how much of a guessed token was right. Pure JS (no
 * `node:crypto`) so it runs on edge runtimes; only the length of the guess can leak, not content.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}

/** RFC 9110 §13.1.2: If-None-Match uses weak comparison, and `*` matches any current representation. */
function matches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const bare = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

/**
 * Whether a resource last modified at `modifiedMs` is unchanged since the date of an
 * If-Modified-Since header (RFC 9110 §13.1.3). HTTP dates count whole seconds. A value that is no
 * HTTP-date, or a date after `nowMs` (the server's time), is ignored, as the RFC asks.
 */
function notModifiedSince(header: string | null, modifiedMs: number, nowMs: number): boolean {
  if (header === null) return false;
  const since = parseHttpDate(header, nowMs);
  return since !== undefined && since <= nowMs && Math.floor(modifiedMs / 1000) * 1000 <= since;
}

function notFound(): Response {
  // Same body for a wrong token and an unknown path: no hint which part was wrong.
  return new Response('Not Found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const FEED_OPTION_NAMES = [
  ...ICS_OPTION_NAMES,
  'load',
  'token',
  'basePath',
  'cacheControl',
  'onStateChange',
  'onError',
] as const satisfies readonly (keyof FeedHandlerOptions)[];

/**
 * A web-standard `(Request) => Promise<Response>` serving the reminders as a calendar feed at
 * `/feed/<token>.ics`: `text/calendar; charset=utf-8`, a weak ETag that changes exactly when the
 * calendar's content does (If-None-Match answers 304), HEAD, Cache-Control. A wrong token and any
 * other path get the same bare 404.
 *
 * @example
 * const handler = createFeedHandler({ token: process.env.RUNNER_UP_FEED_TOKEN!, load: () => plan(pipeline, { now: new Date() }) })
 * Deno.serve(handler)                       // Deno
 * export default { fetch: handler }         // Bun, Cloudflare Workers
 */
export function createFeedHandler(options: FeedHandlerOptions): FeedHandler {
  checkOptionNames(options, FEED_OPTION_NAMES, 'ical');
  const { load, token, basePath = '/feed', cacheControl = 'private, max-age=300' } = options;
  if (typeof load !== 'function') {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [ical] Missing required option `load`.',
      {
        path: ['load'],
      },
    );
  }
  if (typeof token !== 'string' || token === '') {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [ical] Missing required option `token`.',
      {
        path: ['token'],
      },
    );
  }
  if (!TOKEN.test(token)) {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [ical] option `token`: expected at least 16 characters of A-Z a-z 0-9 - _ . (generate one with `openssl rand -hex 20`)',
      { path: ['token'] },
    );
  }
  if (!/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [ical] option \`basePath\`: expected a path like "/feed", got ${JSON.stringify(basePath)}${basePath.endsWith('/') ? ' (leave out the slash at the end)' : ''}`,
      { path: ['basePath'] },
    );
  }
  if (
    typeof cacheControl !== 'string' ||
    !/^[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?$/.test(cacheControl)
  ) {
    // Checked here: a value the Headers class refuses would otherwise fail every request.
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [ical] option \`cacheControl\`: expected a Cache-Control header value like "private, max-age=300" (printable ASCII, one line), got ${typeof cacheControl === 'string' ? JSON.stringify(cacheControl) : typeof cacheControl}`,
      { path: ['cacheControl'] },
    );
  }
  const {
    load: _load,
    token: _token,
    basePath: _base,
    cacheControl: _cc,
    now,
    onError,
    onStateChange,
    state,
    ...ics
  } = options;
  if (onStateChange !== undefined && typeof onStateChange !== 'function') {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [ical] option \`onStateChange\`: expected a function, got ${typeof onStateChange}`,
      { path: ['onStateChange'] },
    );
  }
  // Validate the calendar options once, up front, rather than on the first request.
  resolveIcsOptions({ ...ics, now: new Date(0), state });
  const clock = checkClock(now, 'ical') ?? (() => new Date());
  const revisions = state ?? createIcsState();
  const redacted = (error: unknown) =>
    (error instanceof Error ? error.message : String(error)).split(token).join('<token>');
  /** Reports through `onError`, which must not turn a response into a rejected promise. */
  const safely =
    (fallback: (error: unknown) => void) =>
    (error: unknown): void => {
      try {
        (onError ?? fallback)(error);
      } catch {
        // An onError that throws has nowhere better to go; the response still goes out.
      }
    };
  const report = safely((error) =>
    console.error(`[runner-up] [ical] feed failed: ${redacted(error)}`),
  );
  const reportSave = safely((error) =>
    console.error(
      `[runner-up] [ical] saving the feed's state failed (the feed was served all the same): ${redacted(error)}`,
    ),
  );
  const prefix = `${basePath}/`;
  interface Written {
    fingerprint: string;
    etag: string;
    modifiedMs: number;
    bytes: Uint8Array<ArrayBuffer>;
  }
  let cached: Written | undefined;
  /** Whether `revisions` changed since `onStateChange` last saved it. */
  let unsaved = false;
  /** The save in progress: saves never overlap. */
  let saving: Promise<void> | undefined;
  /** The refresh in progress: requests that arrive meanwhile share it rather than plan again. */
  let refreshing: Promise<Written | undefined> | undefined;

  /** Saves the state if it changed, after any save already in progress. */
  const persist = async (): Promise<void> => {
    if (onStateChange === undefined) return;
    while (saving) await saving;
    if (!unsaved) return;
    unsaved = false;
    saving = (async () => {
      try {
        await onStateChange(revisions);
      } catch (error) {
        // Tried again at the next request.
        unsaved = true;
        reportSave(error);
      }
    })();
    try {
      await saving;
    } finally {
      saving = undefined;
    }
  };

  /**
   * Loads the reminders and, when the content changed, writes the calendar anew. Returns the
   * calendar to serve, or undefined when that failed (reported once, however many requests shared
   * it).
   */
  const refresh = async (): Promise<Written | undefined> => {
    // A failure to load or to write the calendar (a bad reminder, a malformed state) is reported
    // and answered with a bare 500: never a rejected promise, never the error's text.
    try {
      const reminders: readonly Reminder[] = await load();
      const resolved = resolveIcsOptions({ ...ics, now: clock(), state: revisions });
      const prepared = prepareIcs(reminders, resolved);
      if (cached?.fingerprint !== prepared.fingerprint) {
        // Content changed (or first request): stamp it now. Unchanged content keeps its bytes, its
        // DTSTAMP and its ETag, so clients polling with If-None-Match get 304s.
        // Written as UTF-8 once and served as bytes until the content changes.
        cached = {
          fingerprint: prepared.fingerprint,
          etag: `W/"${prepared.fingerprint}"`,
          // A change always moves Last-Modified on by a whole second at least: HTTP dates count
          // seconds, and a clock that stands still (or a `now` fixed in tests) would otherwise
          // let If-Modified-Since take changed content for unchanged.
          modifiedMs:
            cached === undefined
              ? resolved.nowMs
              : Math.max(resolved.nowMs, Math.floor(cached.modifiedMs / 1000) * 1000 + 1000),
          bytes: assembleIcs(prepared, resolved, resolved.nowMs).toBytes(),
        };
        // Writing the calendar revised the state: new sequences, cancelled events.
        unsaved = true;
      }
      return cached;
    } catch (error) {
      report(error);
      return undefined;
    }
  };

  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const candidate =
      path.startsWith(prefix) && path.endsWith('.ics')
        ? path.slice(prefix.length, path.length - 4)
        : undefined;
    if (candidate === undefined || !constantTimeEqual(candidate, token)) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }

    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    // This request's calendar, not whatever `cached` holds once the save is done: a request that
    // came meanwhile may have written a newer one whose state is not saved yet.
    const served = await refreshing;
    // Before the response goes out: a saved state ahead of what was served is harmless, one
    // behind it would give a subscriber a lower SEQUENCE after a restart.
    await persist();
    if (served === undefined) {
      return new Response('Internal Server Error\n', {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    const headers = new Headers({
      etag: served.etag,
      'last-modified': new Date(served.modifiedMs).toUTCString(),
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    // If-None-Match decides when it is sent; If-Modified-Since only without it (RFC 9110 §13.2.2).
    const ifNoneMatch = request.headers.get('if-none-match');
    if (
      ifNoneMatch === null
        ? notModifiedSince(
            request.headers.get('if-modified-since'),
            served.modifiedMs,
            clock().getTime(),
          )
        : matches(ifNoneMatch, served.etag)
    ) {
      return new Response(null, { status: 304, headers });
    }
    headers.set('content-type', 'text/calendar; charset=utf-8');
    headers.set('content-length', String(served.bytes.byteLength));
    return new Response(request.method === 'HEAD' ? null : served.bytes, { status: 200, headers });
  };
}
