import { describe, expect, it } from 'vitest';
import { dateIn, resolveNow } from '../../src/context';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

describe('--now', () => {
  it('normalises an ISO instant to UTC', () => {
    expect(resolveNow('2026-12-01T15:00:00Z')('America/Chicago')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2026-12-01T09:00-06:00')('Asia/Tokyo')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2028-02-29T23:59:59.5+00:00')('UTC')).toBe('2028-02-29T23:59:59.500Z');
    // ISO 8601 offsets without the colon, or of hours alone.
    expect(resolveNow('2026-12-01T20:00:00+0500')('UTC')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2026-12-01T20:00:00+05')('UTC')).toBe('2026-12-01T15:00:00.000Z');
    expect(resolveNow('2026-12-01T09:00-06')('UTC')).toBe('2026-12-01T15:00:00.000Z');
  });

  it("takes a plain date as the start of that day in the owner's zone (it was refused)", () => {
    const now = resolveNow('2026-12-01');
    expect(now('America/Chicago')).toBe('2026-12-01T06:00:00.000Z');
    expect(now('Asia/Tokyo')).toBe('2026-11-30T15:00:00.000Z');
    expect(now('UTC')).toBe('2026-12-01T00:00:00.000Z');
    // Chile moves its clocks from 00:00 to 01:00 that night: the day starts at 01:00.
    expect(resolveNow('2026-09-06')('America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('takes a year before 1000 (regression: refused as if malformed), with its leap days', () => {
    expect(resolveNow('0999-06-01T10:00:00Z')('UTC')).toBe('0999-06-01T10:00:00.000Z');
    expect(resolveNow('0999-06-01')('UTC')).toBe('0999-06-01T00:00:00.000Z');
    expect(resolveNow('0400-02-29')('UTC')).toBe('0400-02-29T00:00:00.000Z');
    expect(resolveNow('0001-01-01T00:00:00Z')('UTC')).toBe('0001-01-01T00:00:00.000Z');
    // Today is written with four digits, as every date runner-up writes (Intl wrote `999`).
    expect(dateIn('0999-06-01T10:00:00.000Z', 'UTC')).toBe('0999-06-01');
    expect(dateIn('2026-12-01T03:00:00.000Z', 'America/Chicago')).toBe('2026-11-30');
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
      '2026-12-01T12:00:00+24',
      '2026-12-01T12:00:00+5',
      '0100-02-29T00:00:00Z',
      '2026-02-30',
      '2026-12-1',
      'tomorrow',
    ]) {
      expect(() => resolveNow(value), value).toThrow(
        `\`--now\` expects an ISO instant like 2026-12-01T15:00:00Z, or a date like 2026-12-01 for the start of that day in the owner's zone, got ${JSON.stringify(value)}.`,
      );
    }
  });

  it('says what is missing from a date and time without an offset: the zone it is in', () => {
    for (const value of ['2026-12-01T23:30:00', '2026-12-01T23:30', '2026-12-01T23:30:00.5']) {
      expect(() => resolveNow(value), value).toThrow(
        `\`--now\` ${JSON.stringify(value)} has no offset, so it names no moment: add \`Z\` for UTC (${value}Z) or the offset of its zone, like ${value}-06:00; or give the date alone (2026-12-01) for the start of that day in the owner's zone.`,
      );
    }
    // One that would not exist with an offset either gets the general message.
    expect(() => resolveNow('2026-02-30T10:00')).toThrow('`--now` expects an ISO instant like');
  });
});

describe('--help on --now (regression: it said "an ISO instant" only)', () => {
  it("says a plain date is taken too, for the start of that day in the owner's zone", async () => {
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      "or a date (2026-12-01) for the start of that day in the owner's zone",
    );
    expect(help.stdout).not.toContain('(an ISO instant)');
  });
});

describe('--now and --days past the days runner-up plans (regression: named `now` and `horizon`, core option names)', () => {
  it('names --now as given, for every command that plans', async () => {
    const file = commentedFile();
    for (const args of [['agenda'], ['export', 'ics']]) {
      const result = await runInProcess(['-f', file, '--now', '9999-12-31', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^\[runner-up\] `--now 9999-12-31`: expected a moment from 0001-01-01 to 9999-12-30 /,
      );
      expect(result.stderr).not.toContain('[plan]');
    }
  });

  it('plans from a day before the year 1000, and names it with four digits', async () => {
    const result = await runInProcess(['-f', commentedFile(), '--now', '0999-06-01', 'agenda']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Agenda for Sat Jun 1, 0999-06-01 (');
    // Before the first day runner-up plans, in the owner's zone: refused by plan(), naming the range.
    const early = await runInProcess(['-f', commentedFile(), '--now', '0000-06-01', 'agenda']);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(
      /^\[runner-up\] `--now 0000-06-01`: expected a moment from 0001-01-01 /,
    );
  });

  it('names --now, not a --days or a horizon never given, when the default reach passes the last day', async () => {
    const file = commentedFile();
    const agenda = await runInProcess(['-f', file, '--now', '9999-12-10', 'agenda']);
    expect(agenda.code).toBe(2);
    expect(agenda.stderr).toBe(
      '[runner-up] `--now`: the agenda shows 30 days ahead by default, and 30 days from 9999-12-10 reach past 9999-12-30, the last day runner-up plans; give an earlier --now, or fewer days with --days.\n',
    );
    // On the last day itself, fewer days would not help either.
    const last = await runInProcess(['-f', file, '--now', '9999-12-30', 'agenda', '--days', '1']);
    expect(last.stderr).toBe(
      '[runner-up] `--days 1`: 1 days from 9999-12-30 reach past 9999-12-30, the last day runner-up plans; give an earlier --now.\n',
    );
    const exported = await runInProcess(['-f', file, '--now', '9999-12-01', 'export', 'ics']);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(
      '[runner-up] `--now`: this command plans 24 months ahead of today (9999-12-01 in America/Chicago), which reaches past 9999-12-30, the last day runner-up plans; give an earlier --now.\n',
    );
  });

  it('names --days, the days and the day they count from', async () => {
    const result = await runInProcess([
      '-f',
      commentedFile(),
      '--now',
      '9998-06-01',
      'agenda',
      '--days',
      '3660',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '[runner-up] `--days 3660`: 3660 days from 9998-06-01 reach past 9999-12-30, the last day runner-up plans; give fewer days, or an earlier --now.\n',
    );
  });
});
