/** A token bucket, as the emulators use to answer 429 the way the real services do. */

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

/** A token bucket; time is passed in, so tests can drive it without a clock. */
export interface TokenBucket {
  /** Takes one token at `now` (milliseconds), or says how long until one is available. */
  take(now: number): TakeResult;
}

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
