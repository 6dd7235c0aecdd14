import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../src/http-date';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it('reads the three forms, all in UTC', () => {
    expect(parseHttpDate('Mon, 30 Nov 2026 12:30:00 GMT', NOW)).toBe(at('2026-11-30T12:30:00Z'));
    expect(parseHttpDate('Monday, 30-Nov-26 12:30:00 GMT', NOW)).toBe(at('2026-11-30T12:30:00Z'));
    expect(parseHttpDate('Mon Nov 30 12:30:00 2026', NOW)).toBe(at('2026-11-30T12:30:00Z'));
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(at('1994-11-06T08:49:37Z'));
    // A two-digit year more than 50 years ahead is in the past century.
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(at('1994-11-06T08:49:37Z'));
  });

  it('refuses what Date.parse would take (regression: 99999 read as a year, 304 for ever)', () => {
    for (const value of [
      '99999',
      'foo 2027',
      'yesterday',
      '2026-11-30T12:30:00Z',
      'Mon, 30 Nov 2026 12:30:00 +0000',
      'Mon, 31 Feb 2026 12:30:00 GMT',
      'Mon, 30 Foo 2026 12:30:00 GMT',
      'Mon, 30 Nov 2026 24:00:00 GMT',
      '',
    ]) {
      expect(parseHttpDate(value, NOW), value).toBeUndefined();
    }
  });
});
