import { parseDuration, type Reminder, RunnerUpError } from '@runner-up/core';
import {
  ICalAlarmRelatesTo,
  ICalAlarmType,
  ICalCalendar,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalLuxonDateTimeStub,
} from 'ical-generator';
import { findWithdrawals } from './cancellations';
import { buildEvents, type EventTime, eventHash } from './event';
import { approximateMs, type IcsOptions, resolveIcsOptions } from './options';
import { bindDomain, forgetEvent, revise } from './state';
import { CRLF, withoutControls } from './text';
import { formatWall, wallToUtcMs } from './timezone';
import { shownBy } from './to-ics';

/**
 * A fixed wall time in ical-generator's Luxon-compatible shape. Passing a native Date with an event
 * time zone would make ical-generator read the wall time in the host's zone; this stub ignores
 * zones entirely, so the output never depends on `TZ`.
 */
function wallStub(t: Extract<EventTime, { wall: unknown }>): ICalLuxonDateTimeStub {
  const text = formatWall(t.wall);
  const stub: ICalLuxonDateTimeStub = {
    isValid: true,
    zone: { type: 'fixed' },
    setZone: () => stub,
    toFormat: (format) =>
      format === 'yyyyLLdd' ? text.slice(0, 8) : format === 'HHmmss' ? text.slice(9) : text,
    toJSDate: () => new Date(wallToUtcMs(t.wall)),
    toJSON: () => text,
  };
  return stub;
}

function timeValue(t: EventTime) {
  return t.kind === 'utc' ? new Date(t.ms) : wallStub(t);
}

/**
 * A duration property as ical-generator writes it with hours and seconds but no minutes
 * (`TRIGGER;RELATED=START:-PT1H30S`). RFC 5545 §3.3.6 only allows seconds after a minute
 * (`dur-hour = 1*DIGIT "H" [dur-minute]`), so strict parsers refuse that form. A content line of
 * one of these properties starts at the beginning of a line; folded text never does.
 */
const HOURS_THEN_SECONDS =
  /^((?:TRIGGER|REFRESH-INTERVAL|X-PUBLISHED-TTL)[;:][^\r\n]*T\d+H)(\d+S\r?)$/gm;

/**
 * ical-generator's calendar, whose text ends with the CRLF of its last line: ical-generator ends
 * `END:VCALENDAR` without one, and RFC 5545 §3.1 ends every content line with CRLF (as `toIcs`
 * does), so a file written from either is the same and concatenates or parses cleanly. Durations
 * are written in the RFC's form, as `toIcs` writes them (`PT1H0M30S`, not `PT1H30S`).
 */
class CrlfCalendar extends ICalCalendar {
  override toString(): string {
    const text = super
      .toString()
      .replace(HOURS_THEN_SECONDS, (_, head: string, seconds: string) => `${head}0M${seconds}`);
    return text.endsWith(CRLF) ? text : text + CRLF;
  }
}

/**
 * The same events as {@link toIcs} (cancellations of events that left the plan included, with a
 * revision `state`), as an ical-generator calendar you can add your own events to
 * before serializing it. UIDs, DTSTAMP (in UTC), VTIMEZONEs and alarms are set explicitly, so none
 * of ical-generator's defaults (random UID, current DTSTAMP, host-zone wall times) leak in.
 * Slower to serialize than `toIcs` for large calendars (see the benchmarks).
 *
 * @example
 * const calendar = toCalendar(reminders, { now })
 * calendar.createEvent({ start, end, summary: 'Coffee with Dana' })
 * const text = calendar.toString()
 */
export function toCalendar(reminders: readonly Reminder[], options: IcsOptions = {}): ICalCalendar {
  const checked = resolveIcsOptions(options);
  if (checked.todo) {
    throw new RunnerUpError(
      'invalid_options',
      "[runner-up] [ical] option `component`: ical-generator writes events only, so `toCalendar` cannot write tasks; use `toIcs(reminders, { component: 'todo' })` for a calendar of VTODOs.",
      { path: ['component'] },
    );
  }
  // Events are revised as they are built: on a copy of the state, so that a reminder refused
  // half-way leaves the caller's state as it was.
  const target = checked.state;
  const o = target ? { ...checked, state: structuredClone(target) } : checked;
  const refresh = o.refreshInterval ? parseDuration(o.refreshInterval) : undefined;
  const calendar = new CrlfCalendar({
    name: o.name,
    prodId: '//runner-up//runner-up ical//EN',
    // CALSCALE as toIcs writes it; no METHOD, as in toIcs: a snapshot, not an iTIP message.
    scale: 'GREGORIAN',
    // No calendar zone name: with one, ical-generator writes DTSTAMP without `Z`.
    timezone: { name: null, generator: (zone) => zones.get(zone)?.toVtimezone() ?? null },
    ...(refresh ? { ttl: Math.round(approximateMs(refresh) / 1000) } : {}),
  });
  const stamp = new Date(o.nowMs);
  const nowIso = stamp.toISOString();
  const { withdrawn, expired } = findWithdrawals(reminders, o);
  const zones = buildEvents(
    reminders,
    o,
    (e, r, w) => {
      const revision = o.state
        ? revise(o.state, e.key, r ? eventHash(r, o) : w!.hash, nowIso, () => shownBy(e))
        : undefined;
      const event = calendar.createEvent({
        id: e.uid,
        stamp,
        sequence: revision?.sequence ?? 0,
        start: timeValue(e.start),
        end: timeValue(e.end),
        allDay: e.start.kind === 'date',
        timezone: e.start.kind === 'zoned' ? e.start.zone : null,
        summary: withoutControls(e.summary),
        description: withoutControls(e.description.join('')),
        categories: e.categories.map((name) => ({ name: withoutControls(name) })),
        url: e.url ?? null,
        status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        // A cancelled event takes no time, as `toIcs` writes it.
        transparency: e.cancelled ? ICalEventTransparency.TRANSPARENT : null,
      });
      if (revision) event.lastModified(new Date(revision.lastModified));
      if (e.alarmSeconds !== undefined) {
        // ical-generator's trigger(n) stores -n, and a positive stored value is written RELATED=END;
        // relating to START explicitly keeps "-PT15M before the start" (RFC 5545 §3.8.6.3).
        event
          .createAlarm({ type: ICalAlarmType.display, description: withoutControls(e.summary) })
          .relatesTo(ICalAlarmRelatesTo.start)
          .trigger(-e.alarmSeconds);
      }
    },
    withdrawn,
  );
  if (target && o.state) {
    for (const key of expired) forgetEvent(o.state, key);
    target.events = o.state.events;
    bindDomain(target, o.domain);
  }
  return calendar;
}
