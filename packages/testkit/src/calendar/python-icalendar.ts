/**
 * Calendar verifier: Debian's python3-icalendar (plus recurring-ical-events) parsing a feed the way
 * Python-based clients and servers do. Runs the system `/usr/bin/python3`, which is where apt puts
 * these modules (a `python3` earlier on PATH may lack them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The interpreter that has the apt-installed modules. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

const SCRIPT = fileURLToPath(new URL('./parse_ics.py', import.meta.url));

/** One VEVENT as python-icalendar reads it; instants are ISO strings in UTC with `Z`. */
export interface PythonIcalendarEvent {
  uid: string;
  summary: string;
  description: string;
  categories: string[];
  url: string | null;
  status: string;
  sequence: number;
  /** DTSTART as the library resolves it by itself (TZID looked up in its own tz database). */
  start: string;
  end: string;
  /** DTSTART resolved through the feed's own VTIMEZONE (RFC 5545 §3.3.5 rules). */
  startViaVtimezone: string;
  endViaVtimezone: string;
  /** TRIGGER values of the event's alarms, as written. */
  alarmTriggers: string[];
}

/** One VTODO as python-icalendar reads it; instants are ISO strings in UTC with `Z`. */
export interface PythonIcalendarTodo {
  uid: string;
  summary: string;
  status: string;
  /** PERCENT-COMPLETE, or null when absent. */
  percentComplete: number | null;
  sequence: number;
  hasStart: boolean;
  hasEnd: boolean;
  /** DUE as the library resolves it by itself (TZID looked up in its own tz database). */
  due: string;
  /** DUE resolved through the feed's own VTIMEZONE. */
  dueViaVtimezone: string;
  /** TRIGGER values of the task's alarms, as `RELATED=<START|END>;<value>`. */
  alarmTriggers: string[];
}

/** What python-icalendar made of a feed. */
export interface PythonIcalendarResult {
  /** TZIDs of the VTIMEZONE components. */
  timezones: string[];
  events: PythonIcalendarEvent[];
  todos: PythonIcalendarTodo[];
  /** Start instants of every occurrence recurring-ical-events expands, sorted. */
  occurrences: string[];
  /** Parse errors the library collected on components. */
  errors: string[];
}

let availability: boolean | undefined;

/** True when `/usr/bin/python3` can import icalendar, recurring_ical_events and dateutil. */
export function pythonIcalendarAvailable(): boolean {
  if (availability === undefined) {
    availability =
      existsSync(SYSTEM_PYTHON) &&
      spawnSync(SYSTEM_PYTHON, ['-c', 'import icalendar, recurring_ical_events, dateutil'], {
        stdio: 'ignore',
      }).status === 0;
  }
  return availability;
}

/** Parses `ics` with python-icalendar; throws with the Python traceback when it cannot. */
export function parseWithPythonIcalendar(ics: string): PythonIcalendarResult {
  const child = spawnSync(SYSTEM_PYTHON, [SCRIPT], {
    input: ics,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(`python-icalendar could not parse the calendar:\n${child.stderr}`);
  }
  return JSON.parse(child.stdout) as PythonIcalendarResult;
}
