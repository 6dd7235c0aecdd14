/** Rate limits, as the emulators use to answer 429 the way the real services do. */

/** Token bucket settings. */
export interface TokenBucketOptions {
  /** Tokens added per second: the sustained request rate allowed. */
  ratePerSecond: number;
  /**
   * Tokens the bucket holds at most: how many requests may arrive at once.
   * @default 1
   */
  burst?: number;
}

/** The outcome of taking a token. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A rate limit; time is passed in, so tests can drive it without a clock. */
export interface RateLimiter {
  /** Lets one request through at `now` (milliseconds), or says how long until one may pass. */
  take(now: number): TakeResult;
}

/** A token bucket: a {@link RateLimiter} that takes one token per request. */
export type TokenBucket = RateLimiter;

/** Creates a full {@link TokenBucket}. */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const rate = options.ratePerSecond;
  const burst = Math.max(1, options.burst ?? 1);
  if (!(rate > 0)) throw new RangeError('ratePerSecond must be greater than 0');
  let tokens = burst;
  let last: number | undefined;
  return {
    take(now) {
      if (last !== undefined && now > last)
        tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      if (last === undefined || now > last) last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: (1 - tokens) / rate };
    },
  };
}

/** Sliding window settings. */
export interface SlidingWindowOptions {
  /** Requests allowed in any window. */
  requests: number;
  /**
   * The window's length in milliseconds.
   * @default 1000
   */
  windowMs?: number;
}

/**
 * A limit of `requests` in any window of `windowMs` (a rolling one, not calendar seconds), as
 * Airtable states its own: "5 requests per second per base". Unlike a token bucket of the same
 * rate, it never lets more than `requests` through within one window, even from rest.
 * Refused requests take no place in the window.
 */
export function createSlidingWindow(options: SlidingWindowOptions): RateLimiter {
  const limit = options.requests;
  const windowMs = options.windowMs ?? 1000;
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError('requests must be a whole number of at least 1');
  }
  if (!(windowMs > 0)) throw new RangeError('windowMs must be greater than 0');
  /** When each of the last `limit` accepted requests arrived, oldest first, as a ring. */
  const times = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY);
  let oldest = 0;
  return {
    take(now) {
      const since = now - times[oldest]!;
      if (since < windowMs) return { ok: false, retryAfterSeconds: (windowMs - since) / 1000 };
      times[oldest] = now;
      oldest = (oldest + 1) % limit;
      return { ok: true };
    },
  };
}
