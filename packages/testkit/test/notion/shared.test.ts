import { describe, expect, it } from 'vitest';
import {
  createFaultInjector,
  createSlidingWindow,
  createTokenBucket,
  FAULT_KINDS,
} from '../../src';

describe('fault injector', () => {
  it('replays the same faults for the same seed', () => {
    const draw = (seed: number) => {
      const injector = createFaultInjector({ probability: 0.3, seed });
      return Array.from({ length: 200 }, () => injector.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('hits about the requested share of requests, with only the listed kinds', () => {
    const injector = createFaultInjector({ probability: 0.2, kinds: ['500', 'drop'], seed: 3 });
    const faults = Array.from({ length: 5000 }, () => injector.next()).filter(Boolean);
    expect(faults.length / 5000).toBeGreaterThan(0.17);
    expect(faults.length / 5000).toBeLessThan(0.23);
    expect(new Set(faults)).toEqual(new Set(['500', 'drop']));
    expect(injector.count).toBe(5000);
  });

  it('puts scripted faults at their 1-based request numbers', () => {
    const injector = createFaultInjector({ script: [{ at: 2, kind: 'timeout' }] });
    expect([injector.next(), injector.next(), injector.next()]).toEqual([
      undefined,
      'timeout',
      undefined,
    ]);
    expect(FAULT_KINDS).toHaveLength(6);
  });
});

describe('token bucket', () => {
  it('allows the burst, then one request per 1/rate seconds', () => {
    const bucket = createTokenBucket({ ratePerSecond: 3, burst: 2 });
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: true });
    const refused = bucket.take(0);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeCloseTo(1 / 3, 5);
    expect(bucket.take(334)).toEqual({ ok: true });
    expect(bucket.take(334).ok).toBe(false);
  });
});

describe('sliding window', () => {
  it('allows `requests` in any window, never more, even from rest', () => {
    const limit = createSlidingWindow({ requests: 5 });
    for (let at = 0; at < 5; at++) expect(limit.take(at * 100)).toEqual({ ok: true });
    // A token bucket of rate 5 and burst 5 would let this one through (a token refilled by 500 ms).
    const refused = limit.take(500);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeCloseTo(0.5, 5);
    // Refused requests take no place: the first slot frees at 1000 ms, the next at 1100 ms.
    expect(limit.take(999).ok).toBe(false);
    expect(limit.take(1000)).toEqual({ ok: true });
    expect(limit.take(1050).ok).toBe(false);
    expect(limit.take(1100)).toEqual({ ok: true });
  });

  it('counts at most `requests` in every rolling window over a long random run', () => {
    const limit = createSlidingWindow({ requests: 5, windowMs: 1000 });
    const accepted: number[] = [];
    let now = 0;
    let seed = 11;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 48271) % 2147483647;
      now += seed % 120;
      if (limit.take(now).ok) accepted.push(now);
    }
    for (let i = 5; i < accepted.length; i++) {
      expect(accepted[i]! - accepted[i - 5]!).toBeGreaterThanOrEqual(1000);
    }
    // And it is a limit, not a block: about 5 a second get through over the run.
    expect(accepted.length / (now / 1000)).toBeGreaterThan(4);
  });

  it('refuses settings that allow nothing', () => {
    expect(() => createSlidingWindow({ requests: 0 })).toThrow(RangeError);
    expect(() => createSlidingWindow({ requests: 1.5 })).toThrow(RangeError);
    expect(() => createSlidingWindow({ requests: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
