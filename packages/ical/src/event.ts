/**
 * Reminder → calendar event, independent of how it is written out: `toIcs` serializes these
 * itself, `toCalendar` hands them to ical-generator.
 */
import {
  type DurationParts,
  isTimeZone,
  parseDuration,
  type Reminder,
  RunnerUpError,
} from '@runner-up/core';
import type { Withdrawn } from './cancellations';
import { hashString } from './hash';
import { approximateMs, type ResolvedIcsOptions, resolveIcsOptions } from './options';
import { withoutControls } from './text';
import { utcWall, type WallTime, type ZoneRules, zoneRules } from './timezone';

/** When an event starts or ends. */
export type EventTime =
  /** Local time in a named zone, written with TZID (the normal case). */
  | { kind: 'zoned'; wall: WallTime; zone: string }
  /** An instant in UTC: only for a local time that happens twice (clocks going back). */
  | { kind: 'utc'; ms: number }
  /** A date without time, for all-day events. */
  | { kind: 'date'; wall: WallTime };

/** One calendar event, ready to be written by either writer. */
export interface CalendarEvent {
  key: string;
  uid: string;
  /** The reminder's instant (`due`), epoch milliseconds. */
  dueMs: number;
  /** The reminder's zone and duration, as the revision state remembers them. */
  zone: string;
  duration: string;
  start: EventTime;
  end: EventTime;
  summary: string;
  /** The description as the pieces it is made of, in order: joined, they are its text. */
  description: string[];
  categories: string[];
  url: string | undefined;
  cancelled: boolean;
  /** The reminder is done: a task is written COMPLETED. */
  done: boolean;
  /** Signed seconds from start, or undefined for no alarm. */
  alarmSeconds: number | undefined;
}

/** The zone rules a calendar's events use, by TZID, for the VTIMEZONE components. */
export type CalendarZones = Map<string, ZoneRules>;

/** The description of an event written again as cancelled because its reminder left the plan. */
export const WITHDRAWN_DESCRIPTION = 'This follow-up is no longer planned.';

const ACTION_LABEL: Record<string, string> = {
  email: 'Email',
  call: 'Call',
  linkedin: 'LinkedIn',
  meeting: 'Meeting',
  note: 'Note',
};

function fail(index: number, field: string, message: string): never {
  throw new RunnerUpError(
    'invalid_options',
    `[runner-up] [ical] \`[${index}].${field}\`: ${message}`,
    {
      path: [index, ...field.split('.')],
    },
  );
}

/**
 * An instant as an event time: its local time with TZID when that local time names this instant
 * alone, else UTC. A time in the repeated hour when clocks go back is read by RFC 5545 §3.3.5 as
 * the first pass and by pytz-based clients as the second; UTC means the same to everyone. iCalendar
 * times have whole seconds, so milliseconds are dropped before comparing.
 */
function timeAt(rules: ZoneRules, wall: WallTime | null, ms: number, zone: string): EventTime {
  const local = wall ?? rules.wallTime(ms);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  if (!rules.isAmbiguous(local) && rules.instantOf(local) === wholeSecond) {
    return { kind: 'zoned', wall: local, zone };
  }
  return { kind: 'utc', ms };
}

/**
 * When an event that starts at `startMs` (local time `wall`) and lasts `d` ends, as RFC 5545
 * §3.3.6 counts a duration: days and weeks (and here months and years) are nominal, the same local
 * time that many days later; hours, minutes and seconds are exact, so a 2-hour event across a
 * change of offset still lasts two hours.
 */
function endInstant(rules: ZoneRules, wall: WallTime, startMs: number, d: DurationParts): number {
  const exactMs = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  if (d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0) return startMs + exactMs;
  return rules.instantOf(addParts(wall, { ...d, hours: 0, minutes: 0, seconds: 0 })) + exactMs;
}

function addParts(w: WallTime, d: DurationParts): WallTime {
  return utcWall(
    Date.UTC(
      w.year + d.years,
      w.month - 1 + d.months,
      w.day + d.days + d.weeks * 7,
      w.hour + d.hours,
      w.minute + d.minutes,
      w.second + d.seconds,
    ),
  );
}

/**
 * Fingerprint of the reminder fields an event shows: its instant and zone, length, texts, contact,
 * draft, action, organization, and whether it is cancelled or done (a done event carries no
 * alarm). Upcoming, due and overdue look the same in a calendar, so a reminder becoming overdue
 * changes neither SEQUENCE nor the feed's ETag.
 * Options that change every event (domain, alarm, all-day) are part of the calendar fingerprint.
 */
export function contentHash(r: Reminder): string {
  return hashString(
    JSON.stringify([
      r.due,
      r.local.timezone,
      r.duration,
      r.title,
      r.why,
      r.talkingPoints,
      r.contact,
      r.draft,
      r.action,
      r.organization,
      r.status === 'cancelled',
      // Only when done, so the fingerprints of other reminders stay what saved states hold.
      ...(r.status === 'done' ? ['done'] : []),
    ]),
  );
}

/**
 * The fingerprint the revision state keeps for a reminder's event: {@link contentHash}, and with
 * it the options that change how the event is written when they are not the defaults (all-day
 * events, the alarm, tasks rather than events), so that switching them raises SEQUENCE (a client
 * holding a timed event does not take a date in its place otherwise). With the defaults it is
 * `contentHash` alone, so states written before keep their fingerprints.
 */
export function eventHash(r: Reminder, o: ResolvedIcsOptions): string {
  const hash = contentHash(r);
  const alarm = o.alarm === undefined ? false : JSON.stringify(o.alarm);
  if (!o.allDay && !o.todo && alarm === DEFAULT_ALARM) return hash;
  // Tasks add a fourth member only, so the fingerprints of events stay what saved states hold.
  return hashString(
    JSON.stringify(o.todo ? [hash, o.allDay, alarm, 'todo'] : [hash, o.allDay, alarm]),
  );
}

const DEFAULT_ALARM = JSON.stringify(resolveIcsOptions({ now: new Date(0) }).alarm);

/**
 * The event description: why the date, then talking points, the contact and the draft, as the
 * pieces it is made of. Most pieces are the reminder's own strings, so a writer that takes them one
 * by one never builds the text (a 50,000-event calendar built 50,000 descriptions only to copy them).
 */
function describeReminder(r: Reminder): string[] {
  const parts = [r.why];
  if (r.talkingPoints.length > 0) {
    parts.push('\n\nTalking points:');
    for (const point of r.talkingPoints) parts.push('\n- ', point);
  }
  if (r.contact) {
    parts.push('\n\nWith: ', r.contact.name);
    if (r.contact.role) parts.push(' (', r.contact.role, ')');
    if (r.contact.email) parts.push(' <', r.contact.email, '>');
    if (r.contact.phone) parts.push(', ', r.contact.phone);
    if (r.contact.linkedin) parts.push(', ', r.contact.linkedin);
  }
  if (r.draft) parts.push('\n\nDraft: ', r.draft.subject, '\n\n', r.draft.body);
  return parts;
}

/**
 * Turns reminders into events: filters by status, checks the fields it needs (a bad one gives an
 * `invalid_options` error with the reminder's index and field), and places each event at the
 * reminder's local time in its zone. Events are handed to `visit` one by one with their reminder
 * and not kept, so a large calendar holds only its output in memory. The `withdrawn` events of
 * earlier calendars (see `findWithdrawals`) follow, as cancelled events placed the same way,
 * handed to `visit` with what the state remembers of them instead of a reminder.
 */
export function buildEvents(
  reminders: readonly Reminder[],
  o: ResolvedIcsOptions,
  visit: (event: CalendarEvent, reminder: Reminder | undefined, withdrawn?: Withdrawn) => void,
  withdrawn: readonly Withdrawn[] = [],
): CalendarZones {
  const zonesOk = new Map<string, boolean>();
  const pickedIndex = new Int32Array(reminders.length);
  const pickedDue = new Float64Array(reminders.length);
  let pickedCount = 0;
  const years = new Map<string, [number, number]>();
  const durations = new Map<string, DurationParts>();
  const cancelledAfter = o.nowMs - o.keepCancelledMs;
  for (let index = 0; index < reminders.length; index++) {
    const r = reminders[index]!;
    if (!o.statuses.has(r.status)) continue;
    const dueMs = Date.parse(r.due);
    if (typeof r.due !== 'string' || Number.isNaN(dueMs)) {
      fail(
        index,
        'due',
        `expected an ISO instant like 2027-03-22T14:30:00Z, got ${JSON.stringify(r.due)}`,
      );
    }
    if (r.status === 'cancelled' && dueMs < cancelledAfter) continue;
    const zone = r.local?.timezone;
    let ok = zonesOk.get(zone);
    if (ok === undefined) {
      ok = typeof zone === 'string' && isTimeZone(zone);
      zonesOk.set(zone, ok);
    }
    if (!ok) fail(index, 'local.timezone', `unknown time zone ${JSON.stringify(zone)}`);
    spanYears(years, zone, dueMs);
    // And the year its end falls in: a block of months can end after the start's year, and its
    // local end time needs the rules of that year too. (A duration that does not parse is refused
    // below, in order.)
    let duration = typeof r.duration === 'string' ? durations.get(r.duration) : undefined;
    if (duration === undefined && typeof r.duration === 'string') {
      duration = parseDuration(r.duration);
      if (duration) durations.set(r.duration, duration);
    }
    // Only past the rules' own reach: a short block asks for no year more, nor an earlier one.
    const reach = duration ? endReachMs(duration) : 0;
    if (reach > 0) spanYears(years, zone, dueMs + reach);
    pickedIndex[pickedCount] = index;
    pickedDue[pickedCount] = dueMs;
    pickedCount += 1;
  }

  // The state validated their zones and durations when it was read.
  for (const w of withdrawn) {
    spanYears(years, w.event.timezone, w.dueMs);
    const reach = endReachMs(parseDuration(w.event.duration)!);
    if (reach > 0) spanYears(years, w.event.timezone, w.dueMs + reach);
  }

  const zones = new Map<string, ZoneRules>();
  for (const [zone, [from, to]] of years) zones.set(zone, zoneRules(zone, from, to));

  const seen = new Set<string>();
  const lead = o.alarm ? Math.round(approximateMs(o.alarm) / 1000) : undefined;
  for (let p = 0; p < pickedCount; p++) {
    const index = pickedIndex[p]!;
    const dueMs = pickedDue[p]!;
    const r = reminders[index]!;
    if (typeof r.key !== 'string' || r.key === '') fail(index, 'key', 'expected a non-empty key');
    if (seen.has(r.key)) {
      throw new RunnerUpError(
        'duplicate_id',
        `[runner-up] [ical] \`[${index}].key\`: two reminders share the key ${JSON.stringify(r.key)}; calendar UIDs must be unique`,
        { path: [index, 'key'] },
      );
    }
    seen.add(r.key);
    let duration = durations.get(r.duration);
    if (!duration) {
      duration = parseDuration(r.duration);
      if (!duration) {
        fail(
          index,
          'duration',
          `expected an ISO 8601 duration like PT30M, got ${JSON.stringify(r.duration)}`,
        );
      }
      durations.set(r.duration, duration);
    }
    const zone = r.local.timezone;
    const { start, end, alarmSeconds } = place(zones.get(zone)!, zone, dueMs, duration, o, lead);
    visit(
      {
        key: r.key,
        uid: `${r.key}@${o.domain}`,
        dueMs,
        zone,
        duration: r.duration,
        start,
        end,
        summary: r.title,
        description: describeReminder(r),
        // An organization with nothing to show is no category (ical-generator would refuse it).
        categories:
          withoutControls(r.organization) === ''
            ? [ACTION_LABEL[r.action] ?? r.action]
            : [ACTION_LABEL[r.action] ?? r.action, r.organization],
        url: r.draft?.mailto || undefined,
        cancelled: r.status === 'cancelled',
        done: r.status === 'done',
        // Nothing to be reminded of: a touch called off, or one already made.
        alarmSeconds: r.status === 'cancelled' || r.status === 'done' ? undefined : alarmSeconds,
      },
      r,
    );
  }
  for (const w of withdrawn) {
    const { timezone: zone, duration } = w.event;
    // In the form the event was written in: a client holding a timed event matches a timed one.
    const { start, end } = place(zones.get(zone)!, zone, w.dueMs, parseDuration(duration)!, {
      allDay: w.event.allDay === true,
    });
    visit(
      {
        key: w.key,
        uid: `${w.key}@${o.domain}`,
        dueMs: w.dueMs,
        zone,
        duration,
        start,
        end,
        summary: w.event.title,
        description: [WITHDRAWN_DESCRIPTION],
        categories: [],
        url: undefined,
        cancelled: true,
        done: false,
        alarmSeconds: undefined,
      },
      undefined,
      w,
    );
  }
  return zones;
}

/**
 * How far past its start an event lasting `duration` may end, for the span of years its zone's
 * rules must cover: exact for hours, minutes and seconds; for days, weeks, months and years as
 * long as they can be (a month of 31 days, a year of 366, and two hours for clock changes). Less
 * the 14 hours by which those rules already reach into the next year (see `ZoneRules`), so a block
 * ending early on January 1 asks for no year more.
 */
function endReachMs(d: DurationParts): number {
  const days = d.years * 366 + d.months * 31 + d.weeks * 7 + d.days;
  const exact = ((days * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return exact + (days > 0 ? 2 * 3_600_000 : 0) - 14 * 3_600_000;
}

/** Widens the span of years the VTIMEZONE of `zone` covers to the year of `ms`. */
function spanYears(years: Map<string, [number, number]>, zone: string, ms: number): void {
  const year = new Date(ms).getUTCFullYear();
  const span = years.get(zone);
  if (!span) years.set(zone, [year, year]);
  else {
    if (year < span[0]) span[0] = year;
    if (year > span[1]) span[1] = year;
  }
}

/**
 * Where an event at `dueMs` lasting `duration` goes: its local time in `zone` with TZID (in UTC
 * when the start or the end is a local time that happens twice), or its local date for all-day
 * events; and its alarm, `lead` seconds before.
 */
function place(
  rules: ZoneRules,
  zone: string,
  dueMs: number,
  duration: DurationParts,
  o: Pick<ResolvedIcsOptions, 'allDay'>,
  lead?: number,
): { start: EventTime; end: EventTime; alarmSeconds: number | undefined } {
  const wall = rules.wallTime(dueMs);
  if (o.allDay) {
    const day = { ...wall, hour: 0, minute: 0, second: 0 };
    return {
      start: { kind: 'date', wall: day },
      end: { kind: 'date', wall: addParts(day, { ...NO_TIME, days: 1 }) },
      // From the start of the day, in exact seconds as RFC 5545 §3.3.6 counts them: on a day the
      // clocks change, 9 h 15 min after midnight is not 09:15.
      alarmSeconds:
        lead === undefined ? undefined : Math.round((dueMs - rules.instantOf(day)) / 1000) - lead,
    };
  }
  let start = timeAt(rules, wall, dueMs, zone);
  const endMs = endInstant(rules, wall, dueMs, duration);
  const end: EventTime =
    start.kind === 'utc' ? { kind: 'utc', ms: endMs } : timeAt(rules, null, endMs, zone);
  // Both in UTC or both local: the plainest pair for every client, and ical-generator would
  // read the UTC end of a zoned event in the host's zone.
  if (end.kind === 'utc') start = { kind: 'utc', ms: dueMs };
  return { start, end, alarmSeconds: lead === undefined ? undefined : -lead };
}

const NO_TIME: DurationParts = {
  years: 0,
  months: 0,
  weeks: 0,
  days: 0,
  hours: 0,
  minutes: 0,
  seconds: 0,
};
