import { isRunnerUpError, RunnerUpError } from '@runner-up/core';
import * as z from 'zod';

/** A record as the Airtable Web API returns it. Empty cells are left out of `fields`. */
export const AirtableRecordSchema = z.object({
  id: z.string(),
  createdTime: z.string(),
  fields: z.record(z.string(), z.unknown()),
});
/** A record as the Airtable Web API returns it. */
export type AirtableRecord = z.infer<typeof AirtableRecordSchema>;

/** One page of `GET /v0/{baseId}/{table}`. */
export const AirtableListResponseSchema = z.object({
  records: z.array(AirtableRecordSchema),
  offset: z.string().optional(),
});

/** The answer to `PATCH /v0/{baseId}/{table}` (with `performUpsert`, the created and updated ids). */
export const AirtableWriteResponseSchema = z.object({
  records: z.array(AirtableRecordSchema),
  createdRecords: z.array(z.string()).optional(),
  updatedRecords: z.array(z.string()).optional(),
});

/** A field of `GET /v0/meta/bases/{baseId}/tables`. */
export const AirtableFieldSchemaSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  options: z.unknown().optional(),
});

/** The answer to `GET /v0/meta/bases/{baseId}/tables`. */
export const AirtableTablesResponseSchema = z.object({
  tables: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      primaryFieldId: z.string(),
      fields: z.array(AirtableFieldSchemaSchema),
    }),
  ),
});
/** The tables of a base, from the metadata API. */
export type AirtableTables = z.infer<typeof AirtableTablesResponseSchema>['tables'];

/** Settings of {@link AirtableClient}; see `AirtableOptions` for each one's meaning. */
export interface AirtableClientOptions {
  /** The personal access token, sent as a bearer token; see {@link AirtableOptions.token}. */
  token: string;
  /** The base id, `appXXXXXXXXXXXXXX`; see {@link AirtableOptions.baseId}. */
  baseId: string;
  /** Where the Airtable Web API lives; see {@link AirtableOptions.endpointUrl}. */
  endpointUrl: string;
  /** Most requests started per second; see {@link AirtableOptions.requestsPerSecond}. */
  requestsPerSecond: number;
  /** Retries of one request; see {@link AirtableOptions.maxRetries}. */
  maxRetries: number;
  /** How long one request may take; see {@link AirtableOptions.timeoutMs}. */
  timeoutMs: number;
  /** The wait after a 429 without `Retry-After`; see {@link AirtableOptions.rateLimitWaitMs}. */
  rateLimitWaitMs: number;
  /** The first wait before a retry, then doubled; see {@link AirtableOptions.retryDelayMs}. */
  retryDelayMs: number;
  /** Aborts the request in flight and any later one; see {@link AirtableOptions.signal}. */
  signal?: AbortSignal | undefined;
  /** The `fetch` to use, `globalThis.fetch` when absent; see {@link AirtableOptions.fetch}. */
  fetch?: typeof fetch | undefined;
}

const PREFIX = '[runner-up] [airtable]';

/** What to do about a table that is not in the base, whichever request found out. */
export const CHECK_TABLE = "Check the table's name (or id) and the base id.";

/** The error thrown when the caller's signal stops the sync. */
export function abortedError(cause?: unknown): RunnerUpError {
  return new RunnerUpError('aborted', `${PREFIX} The sync was aborted.`, { cause });
}

/** Waits `ms`, or rejects with `aborted` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type Failure = { kind: 'rate' | 'transient'; detail: string };

/**
 * Ceiling for any single wait (a 429's `Retry-After` or `rateLimitWaitMs`, a doubled back-off), so a
 * hostile or broken `Retry-After` cannot stall a sync; the same as the Notion sink's. Airtable's own
 * block after a 429 is 30 seconds (https://airtable.com/developers/web/api/rate-limits).
 */
export const MAX_WAIT_MS = 60_000;

/**
 * How far under `requestsPerSecond` the client keeps: its requests are spaced 10% wider than the
 * rate asks. Airtable counts requests as they arrive, in any one second; spaced at exactly 200 ms,
 * a request held up a few milliseconds on its way puts six in one of Airtable's seconds.
 */
export const PACING_MARGIN = 1.1;

/**
 * When the last request to each base (by endpoint and base id) started, shared by the clients in
 * this process that send with one `fetch`: Airtable's limit is per base, and a sync that begins
 * right after another, or next to it, must not send its first request on top of the other's last.
 * Kept per `fetch` so that tests giving each client a `fetch` of their own (and fake timers) do not
 * pace one another; a real program sends every request with the one global `fetch`.
 */
const lastStarts = new WeakMap<typeof fetch, Map<string, number>>();

/** Entries older than this constrain no client (its interval would be over 10 minutes): pruned. */
const FORGET_AFTER_MS = 600_000;

/**
 * A small typed client for the parts of the Airtable Web API the sync uses
 * (https://airtable.com/developers/web/api/introduction).
 *
 * - Paces requests client-side: Airtable allows 5 requests per second per base and answers 429 beyond
 *   that, then blocks the base for 30 seconds (https://airtable.com/developers/web/api/rate-limits).
 *   Requests are spaced {@link PACING_MARGIN} times wider than `requestsPerSecond` asks, and the
 *   spacing holds across the clients of one base in the process that send with one `fetch`.
 * - After a 429 it waits `Retry-After` when sent, else `rateLimitWaitMs`, and pauses every request.
 * - Retries 5xx, timeouts and dropped connections a bounded number of times with doubling backoff.
 * - No single wait is longer than `MAX_WAIT_MS` (60 s).
 * - Validates every response with zod; the token only ever goes into the `Authorization` header.
 */
export class AirtableClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  /** Requests sent again after a 429, a 5xx, a timeout or a dropped connection. */
  retries = 0;
  private nextStartAt = 0;
  private blockedUntil = 0;
  /** When the last request to each base started, for this client's `fetch` (shared). */
  private readonly starts: Map<string, number>;
  /** This client's key in {@link starts}: its endpoint and base. */
  private readonly base: string;
  private readonly options: AirtableClientOptions;
  private readonly root: string;

  constructor(options: AirtableClientOptions) {
    this.options = options;
    this.root = options.endpointUrl.replace(/\/+$/, '');
    this.base = `${this.root}\n${options.baseId}`;
    const fetchFn = options.fetch ?? globalThis.fetch;
    let starts = lastStarts.get(fetchFn);
    if (starts === undefined) {
      starts = new Map();
      lastStarts.set(fetchFn, starts);
    }
    this.starts = starts;
  }

  /** Every record of `table` matching `filterByFormula`, 100 a page, following `offset`. */
  async listRecords(
    table: string,
    query: { fields: string[]; filterByFormula?: string; onPage?: (count: number) => void },
  ): Promise<AirtableRecord[]> {
    const all: AirtableRecord[] = [];
    let offset: string | undefined;
    let restarts = 0;
    for (;;) {
      const params = new URLSearchParams();
      params.set('pageSize', '100');
      if (query.filterByFormula !== undefined) params.set('filterByFormula', query.filterByFormula);
      for (const field of query.fields) params.append('fields[]', field);
      if (offset !== undefined) params.set('offset', offset);
      let page: z.infer<typeof AirtableListResponseSchema>;
      try {
        page = await this.request(
          'GET',
          this.tablePath(table),
          AirtableListResponseSchema,
          params,
          undefined,
          table,
        );
      } catch (error) {
        // Airtable lets a listing's offset expire (a listing paused too long, by a 429 block for
        // one) and says to list again from the start: twice at most, then the error stands.
        if (!(error instanceof ListingExpired) || offset === undefined || restarts >= 2)
          throw error;
        restarts += 1;
        all.length = 0;
        offset = undefined;
        continue;
      }
      all.push(...page.records);
      query.onPage?.(all.length);
      offset = page.offset;
      if (offset === undefined) break;
    }
    return all;
  }

  /**
   * Creates records, or updates the ones whose `mergeOn` fields already match (Airtable's
   * `performUpsert`), so a create retried after a lost response cannot make a second record.
   * At most 10 records a call, as the API allows.
   */
  async upsertRecords(
    table: string,
    records: Array<{ fields: Record<string, unknown> }>,
    mergeOn: string[],
    typecast: boolean,
  ) {
    return this.request(
      'PATCH',
      this.tablePath(table),
      AirtableWriteResponseSchema,
      undefined,
      { performUpsert: { fieldsToMergeOn: mergeOn }, records, typecast },
      table,
    );
  }

  /** Updates the given fields of records by id (other fields are left alone). At most 10 a call. */
  async updateRecords(
    table: string,
    records: Array<{ id: string; fields: Record<string, unknown> }>,
    typecast: boolean,
  ) {
    return this.request(
      'PATCH',
      this.tablePath(table),
      AirtableWriteResponseSchema,
      undefined,
      { records, typecast },
      table,
    );
  }

  /** The base's tables and fields (needs the `schema.bases:read` scope). */
  async listTables(): Promise<AirtableTables> {
    const response = await this.request(
      'GET',
      `meta/bases/${encodeURIComponent(this.options.baseId)}/tables`,
      AirtableTablesResponseSchema,
    );
    return response.tables;
  }

  private tablePath(table: string): string {
    return `${encodeURIComponent(this.options.baseId)}/${encodeURIComponent(table)}`;
  }

  /**
   * Waits for this request's slot: an even spacing at `requestsPerSecond` (less
   * {@link PACING_MARGIN}), and any 429 block. The slot is reserved at once (requests sent
   * together take turns), and on waking the request still waits until `interval` has passed since
   * the last request to the base really started, from this client or another: a timer that fires
   * late for one request would otherwise leave the next one less than `interval` after it, and
   * Airtable counts requests in any one second. Timed on the monotonic clock.
   */
  private async pace(): Promise<void> {
    const interval = (1000 * PACING_MARGIN) / this.options.requestsPerSecond;
    const { signal } = this.options;
    const now = performance.now();
    const start = Math.max(now, this.nextStartAt, this.blockedUntil);
    this.nextStartAt = start + interval;
    if (start > now) await sleep(start - now, signal);
    for (let wait = this.sinceLast(interval); wait > 0; wait = this.sinceLast(interval)) {
      await sleep(wait, signal);
    }
    // Set in the same turn as the check above: a client waking next sees it.
    const started = performance.now();
    if (this.starts.size >= 64) {
      for (const [base, at] of this.starts) {
        if (at < started - FORGET_AFTER_MS) this.starts.delete(base);
      }
    }
    this.starts.set(this.base, started);
    if (this.nextStartAt < started + interval) this.nextStartAt = started + interval;
  }

  /** How long until `interval` has passed since the base's last request started. */
  private sinceLast(interval: number): number {
    const last = this.starts.get(this.base);
    if (last === undefined) return 0;
    const now = performance.now();
    // A start ahead of now was timed on another clock (a test's fake timers): not a wait.
    if (last > now) return 0;
    return last + interval - now;
  }

  /** One request with pacing and bounded retries; `table` names the table a 404 or 403 is about. */
  private async request<T>(
    method: 'GET' | 'PATCH',
    path: string,
    schema: z.ZodType<T>,
    query?: URLSearchParams,
    body?: unknown,
    table?: string,
  ): Promise<T> {
    const { signal, maxRetries, timeoutMs } = this.options;
    const fetchFn = this.options.fetch ?? globalThis.fetch;
    // Spaces as %20 rather than URLSearchParams' `+`, as Airtable's own client sends them
    // (a literal `+` is already %2B, so the swap is safe).
    const url = `${this.root}/v0/${path}${query ? `?${query.toString().replace(/\+/g, '%20')}` : ''}`;
    const label = `${method} /v0/${decodeURIComponent(path)}`;
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw abortedError(signal.reason);
      await this.pace();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const forward = () => controller.abort();
      signal?.addEventListener('abort', forward, { once: true });
      let failure: Failure;
      let cause: unknown;
      this.requests += 1;
      try {
        const response = await fetchFn(url, {
          method,
          headers: {
            Authorization: `Bearer ${this.options.token}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        const text = await response.text();
        if (response.ok) {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            // A body cut short reads as bad JSON: the request may be retried like a dropped connection.
            throw new TransientResponse('the response was not complete JSON');
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) {
            throw new RunnerUpError(
              'remote_request_failed',
              `${PREFIX} ${label} returned an unexpected response: ${parsed.error.issues[0]?.message} at \`${parsed.error.issues[0]?.path.join('.')}\`.`,
            );
          }
          return parsed.data;
        }
        if (response.status === 429) {
          const wait = Math.min(
            retryAfterMs(response.headers.get('retry-after')) ?? this.options.rateLimitWaitMs,
            MAX_WAIT_MS,
          );
          this.blockedUntil = Math.max(this.blockedUntil, performance.now() + wait);
          failure = { kind: 'rate', detail: '429 Too Many Requests' };
        } else if (response.status >= 500) {
          failure = {
            kind: 'transient',
            detail: redact(
              `${response.status} ${remoteType(text) ?? ''}`.trim(),
              this.options.token,
            ),
          };
        } else {
          throw remoteError(
            response.status,
            redact(text, this.options.token),
            label,
            this.options.baseId,
            table,
          );
        }
      } catch (error) {
        if (signal?.aborted) throw abortedError(signal.reason);
        if (error instanceof RunnerUpError) throw error;
        cause = error;
        failure = {
          kind: 'transient',
          detail:
            error instanceof TransientResponse
              ? error.message
              : timedOut
                ? `no answer within ${timeoutMs} ms`
                : 'the connection failed',
        };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forward);
      }
      if (attempt >= maxRetries) {
        throw failure.kind === 'rate'
          ? new RunnerUpError(
              'rate_limited',
              `${PREFIX} ${label} was still rate limited (429) after ${retries(maxRetries)}; wait a minute and sync again.`,
            )
          : new RunnerUpError(
              'remote_request_failed',
              `${PREFIX} ${label} failed after ${retries(maxRetries)}: ${failure.detail}.`,
              { cause },
            );
      }
      this.retries += 1;
      if (failure.kind === 'transient') {
        await sleep(Math.min(this.options.retryDelayMs * 2 ** attempt, MAX_WAIT_MS), signal);
      }
    }
  }
}

class TransientResponse extends Error {}

/** Airtable's answer to a listing offset that is no longer valid: list again from the start. */
const LISTING_EXPIRED = 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE';

/** A listing whose offset expired ({@link LISTING_EXPIRED}); `listRecords` starts it over. */
class ListingExpired extends RunnerUpError {}

/**
 * `text` from Airtable (or a proxy before it) with the token taken out: an error body may echo the
 * request's `Authorization` header, and the token never appears in an error.
 */
export function redact(text: string, token: string): string {
  return text.split(token).join('[redacted]');
}

/**
 * `error` without the token anywhere in its message or the messages of its causes: an option
 * given the token by mistake (`table: token`) is echoed by messages that name it.
 */
export function withoutToken(error: unknown, token: string): unknown {
  if (!(error instanceof Error) || token === '' || !mentions(error, token)) return error;
  const cause = error.cause === undefined ? {} : { cause: withoutToken(error.cause, token) };
  if (!isRunnerUpError(error)) return new Error(redact(error.message, token), cause);
  // Everything it says, redacted; where it points, kept.
  return new RunnerUpError(error.code, redact(error.message, token), {
    path: error.path,
    file: error.file,
    line: error.line,
    column: error.column,
    issues: error.issues.map((issue) => ({ ...issue, message: redact(issue.message, token) })),
    ...cause,
  });
}

function mentions(error: unknown, token: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(token)) return true;
  }
  return false;
}

const retries = (n: number) => `${n} ${n === 1 ? 'retry' : 'retries'}`;

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), in milliseconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The `type` of an Airtable error body: `{ error: { type, message } }` or `{ error: "TYPE" }`. */
function remoteType(text: string): string | undefined {
  return parseRemoteError(text).type;
}

function parseRemoteError(text: string): { type?: string; message?: string } {
  try {
    const body = JSON.parse(text) as {
      error?: unknown;
      errors?: Array<{ error?: string; message?: string }>;
    };
    if (typeof body.error === 'string') return { type: body.error };
    if (typeof body.error === 'object' && body.error !== null) {
      const { type, message } = body.error as { type?: unknown; message?: unknown };
      return {
        ...(typeof type === 'string' ? { type } : {}),
        ...(typeof message === 'string' ? { message } : {}),
      };
    }
    const first = body.errors?.[0];
    if (first)
      return {
        ...(first.error ? { type: first.error } : {}),
        ...(first.message ? { message: first.message } : {}),
      };
  } catch {
    // Not JSON: fall through to the status alone.
  }
  return {};
}

/** Airtable's 403 for a base or table that is not there or that the token may not see. */
const MODEL_NOT_FOUND = 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND';

function remoteError(
  status: number,
  text: string,
  label: string,
  baseId: string,
  table: string | undefined,
): RunnerUpError {
  const { type, message } = parseRemoteError(text);
  const what = `${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`;
  if (status === 422 && type === LISTING_EXPIRED) {
    return new ListingExpired(
      'remote_request_failed',
      `${PREFIX} ${label} failed (${what}): the listing's offset expired, and listing again from the start did not get through.`,
    );
  }
  if (status === 403 && type === MODEL_NOT_FOUND) {
    // Airtable answers a base or table that does not exist and one the token may not see alike
    // (https://airtable.com/developers/web/api/errors), so the message names both.
    return table === undefined
      ? new RunnerUpError(
          'not_found',
          `${PREFIX} The base ${baseId} was not found, or the token cannot reach it (${label}: ${what}). Check the base id, and that the token has the scope schema.bases:read and access to that base.`,
          { path: ['baseId'] },
        )
      : new RunnerUpError(
          'not_found',
          `${PREFIX} Table ${JSON.stringify(table)} was not found in the base ${baseId}, or the token cannot reach it (${label}: ${what}). ${CHECK_TABLE} The token needs access to that base.`,
          { path: ['table'] },
        );
  }
  if (status === 401 || status === 403) {
    return new RunnerUpError(
      'remote_request_failed',
      `${PREFIX} Airtable refused ${label} (${what}). Check the token (AIRTABLE_TOKEN): it needs the scopes data.records:read, data.records:write and schema.bases:read, and access to base ${baseId}.`,
    );
  }
  if (status === 404 && table !== undefined && label.startsWith('PATCH ')) {
    // The table was read earlier in this sync: what is gone is a record it was updating (404 is
    // also "the resource doesn't exist (e.g. has been deleted)", Airtable's errors page).
    return new RunnerUpError(
      'remote_request_failed',
      `${PREFIX} ${label} failed (${what}): a record of table ${JSON.stringify(table)} being updated is gone (or the table), most likely deleted in Airtable while the sync ran. Run the sync again: it reads the table afresh and creates the rows that are missing.`,
    );
  }
  if (status === 404) {
    // Worded as the schema check words an unknown table, so both paths read the same.
    return table === undefined
      ? new RunnerUpError(
          'not_found',
          `${PREFIX} ${label} was not found (${what}). Check the base id ${baseId}.`,
          { path: ['baseId'] },
        )
      : new RunnerUpError(
          'not_found',
          `${PREFIX} Table ${JSON.stringify(table)} was not found in the base ${baseId} (${label}: ${what}). ${CHECK_TABLE}`,
          { path: ['table'] },
        );
  }
  return new RunnerUpError('remote_request_failed', `${PREFIX} ${label} failed: ${what}.`);
}
