import type { Reminder } from '@runner-up/core';
import { buildEvents, type CalendarEvent, type CalendarZones, type EventTime } from './event';
import { hashString } from './hash';
import { type IcsOptions, type ResolvedIcsOptions, resolveIcsOptions } from './options';
import { revise } from './state';
import { CRLF, escapeText, foldLine, sanitizeUri } from './text';
import { formatWall, utcWall } from './timezone';

/** A calendar rendered up to the per-export stamps, so a feed can tell "same content" cheaply. */
export interface PreparedIcs {
  head: string;
  timezones: string;
  events: CalendarEvent[];
  /** Changes exactly when the calendar's content (DTSTAMP aside) changes. */
  fingerprint: string;
}

/**
 * Collects the pieces of the calendar text in an array and joins them into one flat chunk every few
 * hundred events. Joining an array writes a flat string in one go; building each event with `+=`
 * would make nested rope strings that the final join must walk and copy again, which dominated the
 * time of a 50,000-event calendar.
 */
class Pieces {
  /** Pieces not yet joined. Callers push to it directly: a rest-parameter wrapper would allocate. */
  readonly text: string[] = [];
  private events = 0;
  constructor(private readonly into: string[]) {}
  /** One content line, folded (RFC 5545 §3.1), with its CRLF. */
  line(name: string, value: string): void {
    this.text.push(foldLine(`${name}:${value}`), CRLF);
  }
  endEvent(): void {
    this.events += 1;
    if (this.events % 256 === 0) this.flush();
  }
  flush(): void {
    if (this.text.length === 0) return;
    this.into.push(this.text.join(''));
    this.text.length = 0;
  }
}

function line(name: string, value: string): string {
  return foldLine(`${name}:${value}`) + CRLF;
}

function utcStamp(ms: number): string {
  return `${formatWall(utcWall(ms))}Z`;
}

function timeProperty(out: Pieces, name: string, t: EventTime): void {
  switch (t.kind) {
    case 'zoned':
      // TZIDs are IANA names (letters, digits, `/_+-`), so they need no parameter quoting.
      out.text.push(name, ';TZID=', t.zone, ':', formatWall(t.wall), CRLF);
      return;
    case 'utc':
      out.text.push(name, ':', utcStamp(t.ms), CRLF);
      return;
    case 'date':
      out.text.push(name, ';VALUE=DATE:', formatWall(t.wall).slice(0, 8), CRLF);
      return;
  }
}

/** A signed dur-value (RFC 5545 §3.3.6) from seconds: `-PT15M`, `PT9H15M`, `-P1DT2H`. */
export function formatDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(totalSeconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  let time = '';
  if (h) time += `${h}H`;
  if (m) time += `${m}M`;
  if (s) time += `${s}S`;
  if (!days && !time) return 'PT0S';
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** Writes the event's properties other than UID, DTSTAMP, SEQUENCE and LAST-MODIFIED, folded. */
function writeEventBody(e: CalendarEvent, out: Pieces): void {
  timeProperty(out, 'DTSTART', e.start);
  timeProperty(out, 'DTEND', e.end);
  out.line('SUMMARY', escapeText(e.summary));
  out.line('DESCRIPTION', escapeText(e.description));
  // CATEGORIES is a list: commas inside a value are escaped, the separators are not (§3.8.1.2).
  out.line('CATEGORIES', e.categories.map(escapeText).join(','));
  if (e.url) out.line('URL', sanitizeUri(e.url));
  out.text.push('STATUS:', e.cancelled ? 'CANCELLED' : 'CONFIRMED', CRLF);
  if (e.alarmSeconds !== undefined) {
    // A negative duration triggers BEFORE the start (RFC 5545 §3.8.6.3); ical-generator's
    // `trigger(-600)` would write +PT10M, after it.
    out.text.push('BEGIN:VALARM', CRLF, 'ACTION:DISPLAY', CRLF);
    out.line('DESCRIPTION', escapeText(e.summary));
    out.text.push('TRIGGER:', formatDuration(e.alarmSeconds), CRLF, 'END:VALARM', CRLF);
  }
}

/** The event's properties other than UID, DTSTAMP, SEQUENCE and LAST-MODIFIED, folded, as one string. */
export function eventBody(e: CalendarEvent): string {
  const parts: string[] = [];
  const out = new Pieces(parts);
  writeEventBody(e, out);
  out.flush();
  return parts.join('');
}

function calendarHead(o: ResolvedIcsOptions): string {
  let head =
    `BEGIN:VCALENDAR${CRLF}VERSION:2.0${CRLF}PRODID:-//runner-up//runner-up ical//EN${CRLF}` +
    `CALSCALE:GREGORIAN${CRLF}METHOD:PUBLISH${CRLF}`;
  head += line('NAME', escapeText(o.name)) + line('X-WR-CALNAME', escapeText(o.name));
  if (o.refreshInterval) {
    head +=
      `REFRESH-INTERVAL;VALUE=DURATION:${o.refreshInterval}${CRLF}` +
      `X-PUBLISHED-TTL:${o.refreshInterval}${CRLF}`;
  }
  return head;
}

/** The VTIMEZONEs of the zones timed events use, sorted by TZID. */
function calendarTimezones(zones: CalendarZones, used: ReadonlySet<string>): string {
  let out = '';
  for (const zone of [...used].sort()) out += zones.get(zone)!.toVtimezone();
  return out;
}

/**
 * Builds the events and fingerprints without writing their text, so a feed can answer "unchanged"
 * (304) without rendering anything.
 */
export function prepareIcs(reminders: readonly Reminder[], o: ResolvedIcsOptions): PreparedIcs {
  const used = new Set<string>();
  const events: CalendarEvent[] = [];
  const zones = buildEvents(reminders, o, (e) => {
    if (e.start.kind === 'zoned') used.add(e.start.zone);
    events.push(e);
  });
  const head = calendarHead(o);
  const timezones = calendarTimezones(zones, used);
  const settings = JSON.stringify([o.domain, o.allDay, o.alarm]);
  let all = hashString(head + timezones + settings);
  for (const e of events) all = hashString(`${e.uid} ${e.hash}`, Number.parseInt(all.slice(8), 16));
  return { head, timezones, events, fingerprint: all };
}

function revisionLines(o: ResolvedIcsOptions, key: string, hash: string, nowIso: string): string {
  if (!o.state) return `SEQUENCE:0${CRLF}`;
  const entry = revise(o.state, key, hash, nowIso);
  return `SEQUENCE:${entry.sequence}${CRLF}LAST-MODIFIED:${utcStamp(Date.parse(entry.lastModified))}${CRLF}`;
}

/**
 * Adds the stamps and joins the calendar. With `state`, SEQUENCE and LAST-MODIFIED follow each
 * event's content (see {@link revise}); without, SEQUENCE is 0.
 */
export function assembleIcs(prepared: PreparedIcs, o: ResolvedIcsOptions, stampMs: number): string {
  const stamp = `DTSTAMP:${utcStamp(stampMs)}${CRLF}`;
  const nowIso = new Date(o.nowMs).toISOString();
  const parts: string[] = [prepared.head, prepared.timezones];
  const out = new Pieces(parts);
  for (const e of prepared.events) {
    out.text.push('BEGIN:VEVENT', CRLF);
    out.line('UID', escapeText(e.uid));
    out.text.push(stamp, revisionLines(o, e.key, e.hash, nowIso));
    writeEventBody(e, out);
    out.text.push('END:VEVENT', CRLF);
    out.endEvent();
  }
  out.flush();
  parts.push(`END:VCALENDAR${CRLF}`);
  return parts.join('');
}

/**
 * Reminders as an RFC 5545 calendar: one VEVENT per reminder (UID `<key>@<domain>`, stable across
 * runs), at the reminder's local time with a VTIMEZONE for every TZID used, DTSTAMP in UTC, and an
 * optional VALARM before the start. Lines end in CRLF and are folded at 75 octets.
 *
 * @example
 * const ics = toIcs(plan(pipeline, { now }), { now, domain: 'lynne.example' })
 */
export function toIcs(reminders: readonly Reminder[], options: IcsOptions = {}): string {
  const o = resolveIcsOptions(options);
  if (o.state) return assembleIcs(prepareIcs(reminders, o), o, o.nowMs);
  // Without revision state nothing needs a fingerprint: write each event as it is built, so
  // only the output stays in memory (see docs/benchmarks.md).
  const stamp = `DTSTAMP:${utcStamp(o.nowMs)}${CRLF}SEQUENCE:0${CRLF}`;
  const used = new Set<string>();
  const parts: string[] = [calendarHead(o), ''];
  const out = new Pieces(parts);
  const zones = buildEvents(reminders, o, (e) => {
    if (e.start.kind === 'zoned') used.add(e.start.zone);
    out.text.push('BEGIN:VEVENT', CRLF);
    out.line('UID', escapeText(e.uid));
    out.text.push(stamp);
    writeEventBody(e, out);
    out.text.push('END:VEVENT', CRLF);
    out.endEvent();
  });
  out.flush();
  parts[1] = calendarTimezones(zones, used);
  parts.push(`END:VCALENDAR${CRLF}`);
  return parts.join('');
}
