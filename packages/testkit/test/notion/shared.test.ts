import { describe, expect, it } from 'vitest';
import { createFaultInjector, createTokenBucket, FAULT_KINDS } from '../../src';

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
