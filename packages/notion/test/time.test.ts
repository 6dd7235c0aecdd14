import { afterAll, describe, expect, it } from 'vitest';
import { readDue } from '../src/properties';
import { localDateTime, localToInstant } from '../src/time';

const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe.each(['UTC', 'America/Chicago', 'Asia/Kolkata', 'Pacific/Auckland'])(
  'zoned times with the host in %s',
  (tz) => {
    it('writes Due as the wall-clock time in the reminder’s zone, across DST', () => {
      process.env.TZ = tz;
      expect(localDateTime(Date.parse('2027-01-04T15:30:00Z'), 'America/Chicago')).toBe(
        '2027-01-04T09:30:00',
      );
      expect(localDateTime(Date.parse('2027-07-01T14:30:00Z'), 'America/Chicago')).toBe(
        '2027-07-01T09:30:00',
      );
      expect(localToInstant('2027-03-15T09:30:00', 'America/Chicago')).toBe(
        Date.parse('2027-03-15T14:30:00Z'),
      );
    });

    it('reads Due back as the same minute whether Notion answers with an offset or a zone', () => {
      process.env.TZ = tz;
      const minute = Math.floor(Date.parse('2027-01-04T15:30:00Z') / 60_000);
      expect(readDue({ date: { start: '2027-01-04T09:30:00.000-06:00', time_zone: null } })).toBe(
        minute,
      );
      expect(
        readDue({ date: { start: '2027-01-04T09:30:00', time_zone: 'America/Chicago' } }),
      ).toBe(minute);
      expect(readDue({ date: null })).toBeNaN();
    });
  },
);
