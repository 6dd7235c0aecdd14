import { describe, expect, it } from 'vitest';
import { resolveNow } from '../../src/context';

describe('--now', () => {
  it('normalises an ISO instant to UTC', () => {
    expect(resolveNow('2026-12-01T15:00:00Z')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2026-12-01T09:00-06:00')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2028-02-29T23:59:59.5+00:00')).toBe('2028-02-29T23:59:59.500Z');
  });

  it('refuses a date or time that does not exist, rather than rolling it over', () => {
    // Date.parse took these: 2026-02-30 became March 2, and 24:00 the next day.
    for (const value of [
      '2026-02-30T00:00:00Z',
      '2027-02-29T12:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01T23:60:00Z',
      '2026-12-01T23:59:60Z',
      '2026-12-01T12:00:00+24:00',
      '2026-12-01T12:00:00+05:60',
      '0001-01-01T00:00:00Z',
    ]) {
      expect(() => resolveNow(value), value).toThrow(
        `\`--now\` expects an ISO instant like 2026-12-01T15:00:00Z, got ${JSON.stringify(value)}.`,
      );
    }
  });
});
