/**
 * Time zone arithmetic from `Intl` alone (no tz library, no host `TZ`): the UTC offset of a zone
 * at an instant, wall time ↔ instant, and VTIMEZONE components whose transitions are found by
 * scanning the years a calendar covers and bisecting each change of offset to the minute.
 */
import { CRLF } from './text';

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A wall-clock reading: what a clock in the zone shows. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall time in `zone` at the instant `ms` (epoch milliseconds). */
export function wallTime(zone: string, ms: number): WallTime {
  const parts = formatter(zone).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = get('year');
  return {
    year: era === 'BC' || era === 'B' ? 1 - year : year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Epoch milliseconds of a wall time read as if it were UTC. */
export function wallToUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The offset of `zone` from UTC at instant `ms`, in minutes east of Greenwich. */
export function offsetAt(zone: string, ms: number): number {
  const floored = Math.floor(ms / 1000) * 1000;
  return Math.round((wallToUtcMs(wallTime(zone, floored)) - floored) / MINUTE);
}

/**
 * The instant a wall time denotes in `zone`, resolved the way RFC 5545 §3.3.5 says clients must:
 * an ambiguous time (fall back) is its first occurrence, a time in a gap (spring forward) is read
 * with the offset from before the gap.
 */
export function wallToInstant(zone: string, w: WallTime): number {
  const asUtc = wallToUtcMs(w);
  // The offset before any transition near this wall time is the one 24 h earlier.
  const before = offsetAt(zone, asUtc - DAY);
  const after = offsetAt(zone, asUtc + DAY);
  const candidates = [asUtc - before * MINUTE, asUtc - after * MINUTE].sort((a, b) => a - b);
  for (const t of candidates) {
    if (wallToUtcMs(wallTime(zone, t)) === asUtc) return t;
  }
  return asUtc - before * MINUTE;
}

/** One change of offset. */
interface Transition {
  at: number;
  from: number;
  to: number;
}

/** Finds every change of offset in [from, to) by weekly sampling and bisection to the minute. */
function transitions(zone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  const step = 7 * DAY;
  let t = from;
  let offset = offsetAt(zone, t);
  while (t < to) {
    const next = Math.min(t + step, to);
    const nextOffset = offsetAt(zone, next);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(zone, mid) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, from: offset, to: offsetAt(zone, hi) });
    }
    t = next;
    offset = nextOffset;
  }
  return found;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `00` to `99`: a calendar writes two date-times per event, so these are lookups, not `padStart`. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => pad(n));

/** `YYYYMMDDTHHMMSS` (RFC 5545 §3.3.5 local form). */
export function formatWall(w: WallTime): string {
  const year = w.year >= 1000 && w.year <= 9999 ? String(w.year) : pad(w.year, 4);
  return `${year}${TWO_DIGITS[w.month]}${TWO_DIGITS[w.day]}T${TWO_DIGITS[w.hour]}${TWO_DIGITS[w.minute]}${TWO_DIGITS[w.second]}`;
}

/** `+HHMM` / `-HHMM` (RFC 5545 §3.3.14). */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * The UTC wall reading of instant `ms`, as the `getUTC*` methods of a `Date` read it, by integer
 * arithmetic: a calendar reads two or three per event, and a `Date` with six getters costs several
 * times more. Days to year, month and day by H. Hinnant's `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html#civil_from_days).
 */
export function utcWall(ms: number): WallTime {
  const days = Math.floor(ms / DAY);
  const seconds = Math.floor((ms - days * DAY) / 1000);
  const shifted = days + 719_468; // days since 0000-03-01, so leap days end a year
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
  };
}

/**
 * The offsets of one zone over whole years, found once and then looked up by binary search, so
 * rendering 50,000 events costs one `Intl` scan per zone instead of one call per event.
 */
export class ZoneRules {
  readonly zone: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly start: number;
  readonly initial: number;
  readonly changes: readonly Transition[];

  constructor(zone: string, fromYear: number, toYear: number) {
    this.zone = zone;
    this.fromYear = fromYear;
    this.toYear = toYear;
    // Pad by 14 h, the largest offset in use, so local January 1 and December 31 are inside.
    this.start = Date.UTC(fromYear, 0, 1) - 14 * 60 * MINUTE;
    const end = Date.UTC(toYear + 1, 0, 1) + 14 * 60 * MINUTE;
    this.initial = offsetAt(zone, this.start);
    this.changes = transitions(zone, this.start, end);
  }

  /** Offset in minutes east of UTC at instant `ms`. */
  offsetAt(ms: number): number {
    const changes = this.changes;
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid]!.at <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.initial : changes[lo - 1]!.to;
  }

  /** The wall time at instant `ms`. */
  wallTime(ms: number): WallTime {
    return utcWall(ms + this.offsetAt(ms) * MINUTE);
  }

  /** The instant of a wall time, resolved as RFC 5545 §3.3.5 says (see {@link wallToInstant}). */
  instantOf(w: WallTime): number {
    const asUtc = wallToUtcMs(w);
    const before = this.offsetAt(asUtc - DAY);
    const after = this.offsetAt(asUtc + DAY);
    const first = asUtc - Math.max(before, after) * MINUTE;
    const second = asUtc - Math.min(before, after) * MINUTE;
    if (wallToUtcMs(this.wallTime(first)) === asUtc) return first;
    if (wallToUtcMs(this.wallTime(second)) === asUtc) return second;
    return asUtc - before * MINUTE;
  }

  /**
   * True when the wall time happens twice (the repeated hour when clocks go back). RFC 5545 §3.3.5
   * says such a local time means the first pass, but clients built on pytz's default pick the
   * second, so writers should avoid it.
   */
  isAmbiguous(w: WallTime): boolean {
    const asUtc = wallToUtcMs(w);
    const before = this.offsetAt(asUtc - DAY);
    const after = this.offsetAt(asUtc + DAY);
    if (before === after) return false;
    const a = asUtc - before * MINUTE;
    const b = asUtc - after * MINUTE;
    return wallToUtcMs(this.wallTime(a)) === asUtc && wallToUtcMs(this.wallTime(b)) === asUtc;
  }

  /**
   * The VTIMEZONE (RFC 5545 §3.6.5): one STANDARD or DAYLIGHT component per change of offset,
   * DTSTART in the local time before it ("the time zone offset in effect before the onset"), and
   * one opening component fixing the offset on January 1 of `fromYear`. Explicit onsets instead of
   * RRULEs keep the output exactly what the runtime's tz database says, one-off changes included.
   * All lines are ASCII and shorter than 75 octets; ends in CRLF.
   */
  toVtimezone(): string {
    if (this.rendered !== undefined) return this.rendered;
    const changes = this.changes;
    // Standard time is the smaller offset around a change; RFC 5545 calls the larger DAYLIGHT.
    const kind = (t: Transition, i: number) => {
      const neighbour = changes[i + 1]?.to ?? changes[i - 1]?.from ?? t.from;
      return t.to > Math.min(t.from, neighbour) ? 'DAYLIGHT' : 'STANDARD';
    };
    const first = changes[0];
    const firstKind = first && first.from > first.to ? 'DAYLIGHT' : 'STANDARD';
    let out = `BEGIN:VTIMEZONE${CRLF}TZID:${this.zone}${CRLF}`;
    out += component(
      firstKind,
      utcWall(this.start + this.initial * MINUTE),
      this.initial,
      this.initial,
      this.zone,
      this.start,
    );
    changes.forEach((t, i) => {
      out += component(kind(t, i), utcWall(t.at + t.from * MINUTE), t.from, t.to, this.zone, t.at);
    });
    out += `END:VTIMEZONE${CRLF}`;
    this.rendered = out;
    return out;
  }

  private rendered: string | undefined;
}

const rulesCache = new Map<string, ZoneRules>();

/** Cached {@link ZoneRules} for `zone` over `fromYear`..`toYear`. */
export function zoneRules(zone: string, fromYear: number, toYear: number): ZoneRules {
  const id = `${zone}|${fromYear}|${toYear}`;
  let rules = rulesCache.get(id);
  if (!rules) {
    if (rulesCache.size > 256) rulesCache.clear();
    rules = new ZoneRules(zone, fromYear, toYear);
    rulesCache.set(id, rules);
  }
  return rules;
}

/** A VTIMEZONE for `zone` covering the whole years `fromYear`..`toYear`. */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  return zoneRules(zone, fromYear, toYear).toVtimezone();
}

function component(
  kind: string,
  localStart: WallTime,
  from: number,
  to: number,
  zone: string,
  at: number,
): string {
  const name = zoneName(zone, at);
  return (
    `BEGIN:${kind}${CRLF}DTSTART:${formatWall(localStart)}${CRLF}` +
    `TZOFFSETFROM:${formatOffset(from)}${CRLF}TZOFFSETTO:${formatOffset(to)}${CRLF}` +
    (name ? `TZNAME:${name}${CRLF}` : '') +
    `END:${kind}${CRLF}`
  );
}

/** The short name (EST, BST, AEDT) where the runtime has one; `GMT+11`-style names are left out. */
function zoneName(zone: string, at: number): string | undefined {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part && /^[A-Z]{2,5}$/.test(part) ? part : undefined;
}
