import { checkOptionNames, type Reminder, RunnerUpError } from '@runner-up/core';
import { parseHttpDate } from './http-date';
import { checkClock, ICS_OPTION_NAMES, type IcsOptions, resolveIcsOptions } from './options';
import { createIcsState, type IcsState } from './state';
import { assembleIcs, prepareIcs } from './to-ics';

/** Options of {@link createFeedHandler}: where the reminders come from, the secret, and {@link IcsOptions}. */
export interface FeedHandlerOptions extends Omit<IcsOptions, 'now' | 'state'> {
  /** Returns the reminders to serve; called on every request that passes the token check. */
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
   * The clock, for DTSTAMP and the cancelled-reminder window.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Called when `load` throws; the client gets a bare 500. The error is passed as thrown, so do not
   * put the token in it.
   * @default logs `[runner-up] [ical] feed failed: <message>` to stderr, the token redacted
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
  const {
    load: _load,
    token: _token,
    basePath: _base,
    cacheControl: _cc,
    now,
    onError,
    state,
    ...ics
  } = options;
  // Validate the calendar options once, up front, rather than on the first request.
  resolveIcsOptions({ ...ics, now: new Date(0), state });
  const clock = checkClock(now, 'ical') ?? (() => new Date());
  const revisions = state ?? createIcsState();
  const report =
    onError ??
    ((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[runner-up] [ical] feed failed: ${message.split(token).join('<token>')}`);
    });
  const prefix = `${basePath}/`;
  let cached:
    | { fingerprint: string; etag: string; modifiedMs: number; bytes: Uint8Array<ArrayBuffer> }
    | undefined;

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

    const at = clock();
    // A failure to load or to write the calendar (a bad reminder, a malformed state) is reported
    // and answered with a bare 500: never a rejected promise, never the error's text.
    try {
      const reminders: readonly Reminder[] = await load();
      const resolved = resolveIcsOptions({ ...ics, now: at, state: revisions });
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
      }
    } catch (error) {
      report(error);
      return new Response('Internal Server Error\n', {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    const headers = new Headers({
      etag: cached.etag,
      'last-modified': new Date(cached.modifiedMs).toUTCString(),
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
            cached.modifiedMs,
            at.getTime(),
          )
        : matches(ifNoneMatch, cached.etag)
    ) {
      return new Response(null, { status: 304, headers });
    }
    headers.set('content-type', 'text/calendar; charset=utf-8');
    headers.set('content-length', String(cached.bytes.byteLength));
    return new Response(request.method === 'HEAD' ? null : cached.bytes, { status: 200, headers });
  };
}
