import type { Reminder } from '@runner-up/core';
import { findWithdrawals } from './cancellations';
import { formatDuration } from './duration';
import {
  buildEvents,
  type CalendarEvent,
  type CalendarZones,
  contentHash,
  type EventTime,
  eventHash,
} from './event';
import { hashString } from './hash';
import { IcsWriter } from './ics-writer';
import { type IcsOptions, type ResolvedIcsOptions, resolveIcsOptions } from './options';
import { bindDomain, forgetEvent, type IcsStateEvent, revise } from './state';
import { CRLF, escapeText, foldLine, sanitizeUri } from './text';
import { formatWall, utcWall } from './timezone';

/** An event with the fingerprint of what it shows (see {@link contentHash}). */
export interface PreparedEvent extends CalendarEvent {
  hash: string;
}

/** A calendar rendered up to the per-export stamps, so a feed can tell "same content" cheaply. */
export interface PreparedIcs {
  head: string;
  timezones: string;
  /** The reminders' events, then the cancellations of events that left the plan. */
  events: PreparedEvent[];
  /** Keys whose state entries keep only a tombstone once the calendar is written. */
  expired: string[];
  /** Changes exactly when the calendar's content (DTSTAMP aside) changes. */
  fingerprint: string;
}

/** What the revision state remembers of an event (see {@link IcsStateEvent}). */
export function shownBy(e: CalendarEvent): IcsStateEvent {
  const shown: IcsStateEvent = {
    due: new Date(e.dueMs).toISOString(),
    timezone: e.zone,
    duration: e.duration,
    title: e.summary,
  };
  if (e.cancelled) shown.cancelled = true;
  if (e.start.kind === 'date') shown.allDay = true;
  return shown;
}

function line(name: string, value: string): string {
  return foldLine(`${name}:${value}`) + CRLF;
}

function utcStamp(ms: number): string {
  return `${formatWall(utcWall(ms))}Z`;
}

function timeProperty(out: IcsWriter, name: 'DTSTART' | 'DTEND' | 'DUE', t: EventTime): void {
  out.write(name);
  switch (t.kind) {
    case 'zoned':
      // TZIDs are IANA names (letters, digits, `/_+-`), so they need no parameter quoting.
      out.write(';TZID=');
      out.write(t.zone);
      out.write(':');
      out.write(formatWall(t.wall));
      break;
    case 'utc':
      out.write(':');
      out.write(utcStamp(t.ms));
      break;
    case 'date':
      out.write(';VALUE=DATE:');
      out.write(formatWall(t.wall).slice(0, 8));
      break;
  }
  out.write(CRLF);
}

/**
 * Writes the event's properties other than UID, DTSTAMP, SEQUENCE and LAST-MODIFIED, folded; as a
 * task (`todo`), DUE at the event's start and no end.
 */
function writeEventBody(e: CalendarEvent, out: IcsWriter, todo: boolean): void {
  if (todo) {
    timeProperty(out, 'DUE', e.start);
  } else {
    timeProperty(out, 'DTSTART', e.start);
    timeProperty(out, 'DTEND', e.end);
  }
  out.textLine('SUMMARY:', e.summary);
  out.startLine('DESCRIPTION:');
  for (const part of e.description) out.appendText(part);
  out.endLine();
  // CATEGORIES is a list: commas inside a value are escaped, the separators are not (§3.8.1.2).
  if (e.categories.length > 0) {
    out.startLine('CATEGORIES:');
    e.categories.forEach((category, i) => {
      if (i > 0) out.appendRaw(',');
      out.appendText(category);
    });
    out.endLine();
  }
  if (e.url) {
    out.startLine('URL:');
    out.appendRaw(sanitizeUri(e.url));
    out.endLine();
  }
  if (todo) {
    // RFC 5545 §3.8.1.11: a VTODO is NEEDS-ACTION, COMPLETED, IN-PROCESS or CANCELLED.
    out.write(
      e.cancelled
        ? 'STATUS:CANCELLED\r\n'
        : e.done
          ? 'STATUS:COMPLETED\r\nPERCENT-COMPLETE:100\r\n'
          : 'STATUS:NEEDS-ACTION\r\n',
    );
  } else {
    // A cancelled event takes no time: clients that ignore STATUS still show it as free.
    out.write(e.cancelled ? 'STATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\n' : 'STATUS:CONFIRMED\r\n');
  }
  if (e.alarmSeconds !== undefined) {
    // A negative duration triggers BEFORE the start (RFC 5545 §3.8.6.3); ical-generator's
    // `trigger(-600)` would write +PT10M, after it. A task has no start here: its alarm is
    // relative to DUE (RELATED=END), which stands where an event's start would.
    out.write('BEGIN:VALARM\r\nACTION:DISPLAY\r\n');
    out.textLine('DESCRIPTION:', e.summary);
    out.write(todo ? 'TRIGGER;RELATED=END:' : 'TRIGGER:');
    out.write(formatDuration(e.alarmSeconds));
    out.write('\r\nEND:VALARM\r\n');
  }
}

/** The BEGIN and END lines of each reminder's component: a VEVENT, or a VTODO for tasks. */
function componentLines(o: ResolvedIcsOptions): [string, string] {
  return o.todo ? ['BEGIN:VTODO\r\n', 'END:VTODO\r\n'] : ['BEGIN:VEVENT\r\n', 'END:VEVENT\r\n'];
}

function calendarHead(o: ResolvedIcsOptions): string {
  let head =
    `BEGIN:VCALENDAR${CRLF}VERSION:2.0${CRLF}PRODID:-//runner-up//runner-up ical//EN${CRLF}` +
    // No METHOD: a feed or an exported file is a snapshot of a calendar, not an iTIP message
    // (RFC 5545 §3.7.2). METHOD:PUBLISH would make it one, and iTIP requires an ORGANIZER on every
    // event of a PUBLISH (RFC 5546 §3.2.1), which would turn reminders into meetings in clients.
    `CALSCALE:GREGORIAN${CRLF}`;
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
 * (304) without rendering anything. With a revision state, the events of earlier calendars that
 * left the plan follow the reminders' own, as cancellations (see {@link findWithdrawals}).
 */
export function prepareIcs(reminders: readonly Reminder[], o: ResolvedIcsOptions): PreparedIcs {
  const used = new Set<string>();
  const events: PreparedEvent[] = [];
  const { withdrawn, expired } = findWithdrawals(reminders, o);
  const zones = buildEvents(
    reminders,
    o,
    (e, r, w) => {
      if (e.start.kind === 'zoned') used.add(e.start.zone);
      events.push({ ...e, hash: r ? eventHash(r, o) : w!.hash });
    },
    withdrawn,
  );
  const head = calendarHead(o);
  const timezones = calendarTimezones(zones, used);
  // Tasks add a member only, so the fingerprints of event feeds stay as they were.
  const settings = JSON.stringify(
    o.todo ? [o.domain, o.allDay, o.alarm, 'todo'] : [o.domain, o.allDay, o.alarm],
  );
  let all = hashString(head + timezones + settings);
  for (const e of events) all = hashString(`${e.uid} ${e.hash}`, Number.parseInt(all.slice(8), 16));
  return { head, timezones, events, expired, fingerprint: all };
}

function revisionLines(o: ResolvedIcsOptions, e: PreparedEvent, nowIso: string): string {
  if (!o.state) return `SEQUENCE:0${CRLF}`;
  const entry = revise(o.state, e.key, e.hash, nowIso, () => shownBy(e));
  return `SEQUENCE:${entry.sequence}${CRLF}LAST-MODIFIED:${utcStamp(Date.parse(entry.lastModified))}${CRLF}`;
}

/**
 * Adds the stamps and writes the calendar; take the text with `toString()` or the UTF-8 with
 * `toBytes()`. With `state`, SEQUENCE and LAST-MODIFIED follow each event's content (see
 * {@link revise}), and the entries of expired cancellations keep only a tombstone; without,
 * SEQUENCE is 0.
 */
export function assembleIcs(
  prepared: PreparedIcs,
  o: ResolvedIcsOptions,
  stampMs: number,
): IcsWriter {
  const stamp = `DTSTAMP:${utcStamp(stampMs)}${CRLF}`;
  const nowIso = new Date(o.nowMs).toISOString();
  // The calendar is prepared: from here on, the state follows it.
  if (o.state) bindDomain(o.state, o.domain);
  const out = new IcsWriter(prepared.events.length);
  out.write(prepared.head);
  out.write(prepared.timezones);
  const [begin, end] = componentLines(o);
  for (const e of prepared.events) {
    out.write(begin);
    out.textLine('UID:', e.uid);
    out.write(stamp);
    out.write(revisionLines(o, e, nowIso));
    writeEventBody(e, out, o.todo);
    out.write(end);
    out.endEvent();
  }
  out.write(`END:VCALENDAR${CRLF}`);
  if (o.state) for (const key of prepared.expired) forgetEvent(o.state, key);
  return out;
}

/**
 * Reminders as an RFC 5545 calendar: one VEVENT per reminder (UID `<key>@<domain>`, stable across
 * runs), at the reminder's local time with a VTIMEZONE for every TZID used, DTSTAMP in UTC, and an
 * optional VALARM before the start; or, with `component: 'todo'`, one VTODO due at that time. Lines end in CRLF and are folded at 75 octets. With a revision
 * `state`, the events of earlier calendars whose reminders left the plan (or were skipped) are
 * written again as STATUS:CANCELLED, until `keepCancelledFor` after their date.
 *
 * @example
 * const ics = toIcs(plan(pipeline, { now }), { now, domain: 'lynne.example' })
 */
export function toIcs(reminders: readonly Reminder[], options: IcsOptions = {}): string {
  const o = resolveIcsOptions(options);
  if (o.state) return assembleIcs(prepareIcs(reminders, o), o, o.nowMs).toString();
  // Without revision state nothing needs a fingerprint: write each event as it is built, so
  // only the output stays in memory (see docs/benchmarks.md).
  const stamp = `DTSTAMP:${utcStamp(o.nowMs)}${CRLF}SEQUENCE:0${CRLF}`;
  const used = new Set<string>();
  const out = new IcsWriter(reminders.length);
  const [begin, end] = componentLines(o);
  const zones = buildEvents(reminders, o, (e) => {
    if (e.start.kind === 'zoned') used.add(e.start.zone);
    out.write(begin);
    out.textLine('UID:', e.uid);
    out.write(stamp);
    writeEventBody(e, out, o.todo);
    out.write(end);
    out.endEvent();
  });
  out.write(`END:VCALENDAR${CRLF}`);
  // The VTIMEZONEs are those of the zones the events used, known only now.
  out.prepend(calendarHead(o) + calendarTimezones(zones, used));
  return out.toString();
}
