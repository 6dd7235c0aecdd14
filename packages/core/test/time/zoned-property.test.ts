/**
 * Properties of toInstant/toLocal/offsetMinutes checked exhaustively around every offset change
 * of 2020–2030 in zones with unusual rules: half-hour and 45-minute offsets, changes at midnight
 * or mid-hour in UTC, negative DST, two-hour DST, and several changes a year.
 */
import { describe, expect, it } from 'vitest';
import { offsetMinutes, toInstant, toLocal } from '../../src/time/zoned';

const MINUTE = 60_000;
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns', // −03:30, changes at 02:00 local: mid-hour in UTC
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kathmandu', // +05:45, no DST
  'Europe/Dublin', // "negative DST" in tzdata: winter is the daylight-saving side
  'Africa/Casablanca', // leaves +01:00 for Ramadan each year: more than two changes a year
  'Antarctica/Troll', // +00:00 / +02:00: a two-hour change
  'America/Santiago', // changes at midnight local time
];

/** The offset Intl prints (`GMT+5:45`), parsed independently of the code under test. */
const printers = new Map<string, Intl.DateTimeFormat>();
function printedOffset(epochMs: number, zone: string): number {
  let printer = printers.get(zone);
  if (!printer) {
    printer = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    printers.set(zone, printer);
  }
  const text = printer.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d{1,2}):?(\d{2})?)?$/.exec(text);
  if (!m) throw new Error(`unexpected offset text ${text}`);
  if (!m[1]) return 0;
  const size = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -size : size;
}

/** Every instant in [from, to) where the zone's offset changes, to the minute. */
function transitions(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  // Zones change offset weeks or months apart (Casablanca: about a month), never twice in 3 days.
  const step = 3 * 86_400_000;
  let previous = printedOffset(from, zone);
  for (let t = from; t < to; t += step) {
    const next = printedOffset(t + step, zone);
    if (next !== previous) {
      let lo = t;
      let hi = t + step;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (printedOffset(mid, zone) === previous) lo = mid;
        else hi = mid;
      }
      found.push(hi);
    }
    previous = next;
  }
  return found;
}

const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);
const changesByZone = new Map<string, number[]>();
function changesIn(zone: string): number[] {
  let changes = changesByZone.get(zone);
  if (!changes) {
    changes = transitions(zone, FROM, TO);
    changesByZone.set(zone, changes);
  }
  return changes;
}

function wallOf(epochMs: number): { date: string; time: string } {
  const iso = new Date(epochMs).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

describe.each(ZONES)('%s', (zone) => {
  it('offsetMinutes agrees with the offset Intl prints, at and around every change', () => {
    for (const change of changesIn(zone)) {
      for (const delta of [-61, -31, -1, 0, 1, 29, 59, 61]) {
        const at = change + delta * MINUTE;
        expect(offsetMinutes(at, zone), new Date(at).toISOString()).toBe(printedOffset(at, zone));
      }
    }
    for (let t = FROM; t < TO; t += 17 * 86_400_000 + 3_600_000 * 5 + MINUTE * 13) {
      expect(offsetMinutes(t, zone)).toBe(printedOffset(t, zone));
    }
  });

  it('maps every wall time near a change by the DST policy (exact, earlier of two, or forward)', () => {
    for (const change of changesIn(zone)) {
      const before = printedOffset(change - MINUTE, zone);
      const after = printedOffset(change, zone);
      const wallAtChange = change + before * MINUTE;
      for (
        let wall = wallAtChange - 3 * 60 * MINUTE;
        wall <= wallAtChange + 3 * 60 * MINUTE;
        wall += 15 * MINUTE
      ) {
        const { date, time } = wallOf(wall);
        const got = toInstant(date, time, zone);
        // Every instant whose wall clock reads `wall`, from the two offsets in play.
        const readings = [
          wall - Math.max(before, after) * MINUTE,
          wall - Math.min(before, after) * MINUTE,
        ].filter((t) => printedOffset(t, zone) * MINUTE === wall - t);
        if (readings.length > 0) {
          expect(got, `${date} ${time}`).toBe(Math.min(...readings));
          expect(toLocal(got, zone)).toEqual({ date, time });
        } else {
          // In the gap: read with the offset before it (RFC 5545 §3.3.5), so it moves forward.
          expect(got, `${date} ${time}`).toBe(wall - before * MINUTE);
          expect(after).toBeGreaterThan(before);
          expect(toLocal(got, zone)).toEqual(wallOf(wall + (after - before) * MINUTE));
        }
      }
    }
  });
});

it('finds the changes it is meant to test', () => {
  expect(changesIn('America/New_York')).toHaveLength(22);
  expect(changesIn('Asia/Kathmandu')).toHaveLength(0);
  expect(changesIn('Africa/Casablanca').length).toBeGreaterThan(22);
});
