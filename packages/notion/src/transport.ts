import { APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';
import { RunnerUpError, type SyncReport } from '@runner-up/core';
import { scrub } from './options';

/** How the transport paces and retries requests. */
export interface TransportOptions {
  requestsPerSecond: number;
  maxConcurrency: number;
  maxRetries: number;
  retryDelayMs: number;
  signal: AbortSignal | undefined;
  /** The token, scrubbed from every message. */
  secret: string | undefined;
  /** Counts `requests` and `retries` into the report. */
  report: SyncReport;
}

/** Ceiling for any single back-off wait, so a hostile `Retry-After` cannot stall a sync. */
const MAX_WAIT_MS = 60_000;

type Failure =
  | { kind: 'aborted' }
  | { kind: 'rate_limited'; retryAfterMs: number | undefined; error: unknown }
  | { kind: 'transient'; error: unknown }
  | { kind: 'fatal'; error: unknown };

export const abortedError = () =>
  new RunnerUpError(
    'aborted',
    '[runner-up] [notion] Sync aborted. Run it again to finish: it picks up where it stopped.',
  );

/**
 * Paces requests (a client-side token bucket plus a small concurrency pool) and retries them:
 * `Retry-After` on 429 (https://developers.notion.com/reference/request-limits), exponential
 * back-off with jitter on 5xx, timeouts and dropped connections. Every attempt counts once in
 * `report.requests`, every retry once in `report.retries`.
 */
export class Transport {
  private nextSlot = 0;
  /** Until when a 429 holds every request back: also those that took their slot before it came. */
  private blockedUntil = 0;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly interval: number;

  constructor(private readonly options: TransportOptions) {
    this.interval = 1000 / options.requestsPerSecond;
  }

  /** Throws `aborted` when the signal has fired. */
  checkAbort(): void {
    if (this.options.signal?.aborted) throw abortedError();
  }

  /**
   * Runs one request with pacing and retries. `recover` is asked, after an ambiguous failure
   * (the request may have been applied), whether the effect is already there.
   */
  async request<T>(
    label: string,
    send: () => Promise<T>,
    recover?: () => Promise<T | undefined>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.checkAbort();
      let failure: Failure;
      await this.acquire();
      try {
        this.checkAbort();
        this.options.report.requests += 1;
        return await send();
      } catch (error) {
        failure = this.classify(error);
      } finally {
        this.release();
      }
      if (failure.kind === 'aborted') throw abortedError();
      if (failure.kind === 'fatal' || attempt >= this.options.maxRetries) {
        throw this.toError(label, failure);
      }
      this.options.report.retries += 1;
      if (failure.kind === 'rate_limited') {
        const wait = Math.min(failure.retryAfterMs ?? this.backoff(attempt), MAX_WAIT_MS);
        // Everyone waits: the limit is per integration, not per request.
        this.blockedUntil = Math.max(this.blockedUntil, Date.now() + wait);
        this.nextSlot = Math.max(this.nextSlot, this.blockedUntil);
      } else {
        await this.sleep(this.backoff(attempt));
        if (recover) {
          const recovered = await recover();
          if (recovered !== undefined) return recovered;
        }
      }
    }
  }

  /** Runs `tasks` at most `maxConcurrency` at a time; stops scheduling at the first error and rethrows it. */
  async pool<T>(
    items: readonly T[],
    task: (item: T, index: number) => Promise<void>,
  ): Promise<void> {
    let next = 0;
    let failed: { error: unknown } | undefined;
    const worker = async () => {
      while (failed === undefined && next < items.length) {
        const index = next++;
        try {
          await task(items[index]!, index);
        } catch (error) {
          failed ??= { error };
        }
      }
    };
    const workers = Math.min(this.options.maxConcurrency, items.length);
    await Promise.all(Array.from({ length: workers }, worker));
    if (failed) throw failed.error;
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.options.retryDelayMs * 2 ** attempt, MAX_WAIT_MS);
    return base / 2 + Math.random() * (base / 2);
  }

  private async acquire(): Promise<void> {
    if (this.active >= this.options.maxConcurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    // A request that took its slot before a 429 came in, and is still waiting for it, takes a new
    // slot after the pause rather than go out inside it.
    for (;;) {
      const now = Date.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + this.interval;
      if (slot > now) {
        try {
          await this.sleep(slot - now);
        } catch (error) {
          this.release();
          throw error;
        }
      }
      if (Date.now() >= this.blockedUntil) return;
    }
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }

  /** Sleeps, waking early with `aborted` when the signal fires. */
  sleep(ms: number): Promise<void> {
    const signal = this.options.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortedError());
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private classify(error: unknown): Failure {
    if (this.options.signal?.aborted) return { kind: 'aborted' };
    if (
      APIResponseError.isAPIResponseError(error) ||
      UnknownHTTPResponseError.isUnknownHTTPResponseError(error)
    ) {
      const status = error.status;
      if (status === 429) {
        return { kind: 'rate_limited', retryAfterMs: retryAfterMs(error.headers), error };
      }
      if (status >= 500 || status === 409) return { kind: 'transient', error };
      return { kind: 'fatal', error };
    }
    if (RequestTimeoutError.isRequestTimeoutError(error)) return { kind: 'transient', error };
    if (error instanceof Error) {
      // fetch rejects with a TypeError on a reset or dropped connection, and with a
      // TimeoutError/AbortError DOMException when our per-request timeout fires.
      if (
        error.name === 'TypeError' ||
        error.name === 'TimeoutError' ||
        error.name === 'AbortError'
      ) {
        return { kind: 'transient', error };
      }
    }
    return { kind: 'fatal', error };
  }

  private toError(label: string, failure: Exclude<Failure, { kind: 'aborted' }>): RunnerUpError {
    const { error } = failure;
    const secret = this.options.secret;
    const detail = scrub(error instanceof Error ? error.message : String(error), secret);
    if (failure.kind === 'rate_limited') {
      return new RunnerUpError(
        'rate_limited',
        `[runner-up] [notion] ${label}: still rate limited after ${retries(this.options.maxRetries)}. Wait a minute and run the sync again.`,
      );
    }
    const status =
      APIResponseError.isAPIResponseError(error) ||
      UnknownHTTPResponseError.isUnknownHTTPResponseError(error)
        ? error.status
        : undefined;
    const code = APIResponseError.isAPIResponseError(error) ? error.code : undefined;
    let hint = '';
    if (status === 401) hint = ' Check the integration token (NOTION_TOKEN).';
    else if (status === 403 || status === 404) {
      hint = ' Share the database with your integration (••• → Connections) and check the id.';
    } else if (failure.kind === 'transient') {
      hint = ` Gave up after ${retries(this.options.maxRetries)}; run the sync again.`;
    }
    return new RunnerUpError(
      status === 404 ? 'not_found' : 'remote_request_failed',
      `[runner-up] [notion] ${label} failed${status ? ` (${status}${code ? ` ${code}` : ''})` : ''}: ${sentence(detail)}${hint}`,
    );
  }
}

const retries = (n: number) => `${n} ${n === 1 ? 'retry' : 'retries'}`;

/** `text` ending like a sentence, so a hint can follow it (`fetch failed` has no full stop). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function retryAfterMs(headers: unknown): number | undefined {
  let value: string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function')
    value = (headers as Headers).get('retry-after');
  else if (headers && typeof headers === 'object') {
    const raw = (headers as Record<string, unknown>)['retry-after'];
    value = Array.isArray(raw) ? raw[0] : (raw as string | undefined);
  }
  if (value == null || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
