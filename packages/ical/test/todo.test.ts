/**
 * `component: 'todo'`: reminders as tasks (VTODO) rather than events, read back by ical.js,
 * python3-icalendar and todoman, a real task client. Locally the client tests skip when the
 * clients are missing; in CI (`RUNNER_UP_REQUIRE_CLIENTS=1`) they must run.
 */
import {
  clientsRequired,
  listWithTodoman,
  parseWithPythonIcalendar,
  pythonIcalendarAvailable,
  todomanAvailable,
} from '@runner-up/testkit';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createFeedHandler, createIcsState, toCalendar, toIcs } from '../src/index';
import { checkInReminder, loadReminders, reminder, unfoldedLines } from './helpers';

const NOW = '2026-11-30T12:00:00Z';
const required = clientsRequired();

/** The content lines of each component named `name`, folding undone. */
function components(ics: string, name: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of unfoldedLines(ics)) {
    if (line === `BEGIN:${name}`) current = [];
    else if (line === `END:${name}`) {
      found.push(current!);
      current = undefined;
    } else current?.push(line);
  }
  return found;
}

/** Properties of a component by name, first value only, alarms left out. */
function properties(lines: string[]): Map<string, string> {
  const map = new Map<string, string>();
  let inAlarm = false;
  for (const line of lines) {
    if (line === 'BEGIN:VALARM') inAlarm = true;
    if (!inAlarm) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0]!;
      if (!map.has(name)) map.set(name, line);
    }
    if (line === 'END:VALARM') inAlarm = false;
  }
  return map;
}

/** One reminder of each status a task list shows, plus one past its keep window. */
const mixed = [
  reminder(),
  checkInReminder(),
  reminder({
    key: 'acme-pm/stay-visible/1',
    stepId: 'stay-visible',
    title: 'Stay visible',
    status: 'done',
    due: '2026-11-10T15:30:00.000Z',
    local: { date: '2026-11-10', time: '09:30', timezone: 'America/Chicago' },
  }),
  reminder({
    key: 'acme-pm/ninety-days/1',
    stepId: 'ninety-days',
    title: 'Before the 90th day',
    status: 'cancelled',
    due: '2026-12-01T15:30:00.000Z',
    local: { date: '2026-12-01', time: '09:30', timezone: 'America/Chicago' },
  }),
];

describe("toIcs with component: 'todo'", () => {
  const ics = toIcs(mixed, { now: NOW, component: 'todo' });
  const todos = components(ics, 'VTODO');

  it('writes one VTODO per reminder and no VEVENT', () => {
    expect(components(ics, 'VEVENT')).toEqual([]);
    expect(todos.map((lines) => properties(lines).get('UID'))).toEqual(
      mixed.map((r) => `UID:${r.key}@runner-up`),
    );
  });

  it("is due at the reminder's local time with its TZID, and has no start, end or TRANSP", () => {
    const first = properties(todos[0]!);
    expect(first.get('DUE')).toBe('DUE;TZID=America/Chicago:20261123T093000');
    expect(first.has('DTSTART')).toBe(false);
    expect(first.has('DTEND')).toBe(false);
    expect(first.has('TRANSP')).toBe(false);
    // The zone the DUE names is described.
    expect(unfoldedLines(ics)).toContain('TZID:America/Chicago');
  });

  it('writes NEEDS-ACTION, COMPLETED with PERCENT-COMPLETE:100, and CANCELLED by status', () => {
    const status = todos.map((lines) => [
      properties(lines).get('STATUS'),
      properties(lines).get('PERCENT-COMPLETE'),
    ]);
    expect(status).toEqual([
      ['STATUS:NEEDS-ACTION', undefined],
      ['STATUS:NEEDS-ACTION', undefined],
      ['STATUS:COMPLETED', 'PERCENT-COMPLETE:100'],
      ['STATUS:CANCELLED', undefined],
    ]);
  });

  it('lists done reminders by default, where a calendar of events leaves them out', () => {
    const events = components(toIcs(mixed, { now: NOW }), 'VEVENT');
    expect(events.map((lines) => properties(lines).get('UID'))).not.toContain(
      'UID:acme-pm/stay-visible/1@runner-up',
    );
    // Chosen statuses hold for tasks too.
    const open = toIcs(mixed, { now: NOW, component: 'todo', statuses: ['upcoming'] });
    expect(components(open, 'VTODO')).toHaveLength(2);
  });

  it('puts the alarm before DUE (RELATED=END), and none on a done or cancelled task', () => {
    const triggers = todos.map((lines) => lines.filter((line) => line.startsWith('TRIGGER')));
    expect(triggers).toEqual([
      ['TRIGGER;RELATED=END:-PT15M'],
      ['TRIGGER;RELATED=END:-PT15M'],
      [],
      [],
    ]);
  });

  it('writes an all-day task as a DUE date, its alarm counted from the start of that day', () => {
    const allDay = components(
      toIcs([reminder()], { now: NOW, component: 'todo', allDay: true, alarm: 'PT1H' }),
      'VTODO',
    );
    expect(properties(allDay[0]!).get('DUE')).toBe('DUE;VALUE=DATE:20261123');
    // 09:30 on its day, less the hour.
    expect(allDay[0]!.filter((line) => line.startsWith('TRIGGER'))).toEqual([
      'TRIGGER;RELATED=END:PT8H30M',
    ]);
  });

  it('is read by ical.js as tasks due at the reminders’ instants, through the VTIMEZONE', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
    }
    try {
      const due = calendar
        .getAllSubcomponents('vtodo')
        .map((vtodo) => (vtodo.getFirstPropertyValue('due') as ICAL.Time).toJSDate().toISOString());
      expect(due).toEqual(mixed.map((r) => r.due));
    } finally {
      ICAL.TimezoneService.reset();
    }
  });

  it('raises SEQUENCE when a calendar of events becomes one of tasks, so clients take the change', () => {
    const state = createIcsState();
    toIcs([reminder()], { now: NOW, state });
    const tasks = toIcs([reminder()], { now: NOW, state, component: 'todo' });
    expect(unfoldedLines(tasks)).toContain('SEQUENCE:1');
  });

  it('writes a task whose reminder left the plan again as a cancelled task', () => {
    const state = createIcsState();
    toIcs([reminder(), checkInReminder()], { now: NOW, state, component: 'todo' });
    const second = toIcs([reminder()], {
      now: '2026-12-01T09:00:00Z',
      state,
      component: 'todo',
    });
    const withdrawn = components(second, 'VTODO').map(properties)[1]!;
    expect(withdrawn.get('UID')).toBe('UID:acme-pm/check-in/1@runner-up');
    expect(withdrawn.get('STATUS')).toBe('STATUS:CANCELLED');
    expect(withdrawn.get('DUE')).toBe('DUE;TZID=America/Chicago:20261214T093000');
    expect(withdrawn.get('SEQUENCE')).toBe('SEQUENCE:1');
  });

  it('serves tasks from the feed handler, with an ETag of their own', async () => {
    const handler = (component: 'event' | 'todo') =>
      createFeedHandler({
        load: () => mixed,
        token: 'a-long-enough-secret-token-1234',
        component,
        now: () => new Date(NOW),
      });
    const url = 'http://localhost/feed/a-long-enough-secret-token-1234.ics';
    const tasks = await handler('todo')(new Request(url));
    const events = await handler('event')(new Request(url));
    expect(tasks.status).toBe(200);
    expect(await tasks.text()).toContain('BEGIN:VTODO\r\n');
    expect(tasks.headers.get('etag')).not.toBe(events.headers.get('etag'));
  });
});

describe('the component option', () => {
  it('is refused by toCalendar, which ical-generator limits to events', () => {
    expect(() => toCalendar([reminder()], { now: NOW, component: 'todo' })).toThrow(
      "[runner-up] [ical] option `component`: ical-generator writes events only, so `toCalendar` cannot write tasks; use `toIcs(reminders, { component: 'todo' })` for a calendar of VTODOs.",
    );
  });

  it('refuses anything but event or todo, naming the option', () => {
    expect(() =>
      toIcs([reminder()], { now: NOW, component: 'VTODO' as unknown as 'todo' }),
    ).toThrow("[runner-up] [ical] option `component`: expected 'event' or 'todo', got \"VTODO\"");
  });
});

/** The DST fixture's reminders of one zone, done ones included, as tasks. */
const dstTasks = (() => {
  const all = loadReminders('dst-reminders.json').filter(
    (r) => r.local.timezone === 'Europe/London',
  );
  // Every third one done, so completed tasks are read back too.
  const reminders = all.map((r, i) =>
    i % 3 === 0 ? { ...r, status: 'done' as const } : { ...r, status: 'upcoming' as const },
  );
  return { reminders, ics: toIcs(reminders, { now: NOW, component: 'todo' }) };
})();

describe.skipIf(!pythonIcalendarAvailable() && !required)(
  'python3-icalendar reads the tasks',
  () => {
    it('is installed (apt-get install python3-icalendar python3-recurring-ical-events)', () => {
      expect(pythonIcalendarAvailable()).toBe(true);
    });

    it('finds every task due at its reminder’s instant, by its own tz database and the VTIMEZONE', () => {
      const { reminders, ics } = dstTasks;
      const result = parseWithPythonIcalendar(ics);
      expect(result.errors).toEqual([]);
      expect(result.events).toEqual([]);
      expect(result.todos.map((t) => t.uid)).toEqual(reminders.map((r) => `${r.key}@runner-up`));
      expect(result.todos.map((t) => t.due)).toEqual(reminders.map((r) => r.due));
      expect(result.todos.map((t) => t.dueViaVtimezone)).toEqual(reminders.map((r) => r.due));
      expect(result.todos.every((t) => !t.hasStart && !t.hasEnd)).toBe(true);
      expect(result.todos.map((t) => [t.status, t.percentComplete])).toEqual(
        reminders.map((r) => (r.status === 'done' ? ['COMPLETED', 100] : ['NEEDS-ACTION', null])),
      );
      expect(result.todos.map((t) => t.alarmTriggers)).toEqual(
        reminders.map((r) => (r.status === 'done' ? [] : ['RELATED=END;-PT15M'])),
      );
    });
  },
);

describe.skipIf(!todomanAvailable() && !required)('todoman lists the tasks', () => {
  it('is installed (apt-get install todoman)', () => {
    expect(todomanAvailable()).toBe(true);
  });

  // Its own zone must not matter: DUE carries its TZID.
  for (const hostZone of ['UTC', 'Asia/Tokyo']) {
    it(`reads each task due at its reminder’s instant, done ones completed (host zone ${hostZone})`, () => {
      const { reminders, ics } = dstTasks;
      const tasks = listWithTodoman(ics, hostZone);
      const byDue = (a: { due: number }, b: { due: number }) => a.due - b.due;
      const read = tasks
        .map((t) => ({ due: t.due!, summary: t.summary, completed: t.completed }))
        .sort(byDue);
      const expected = reminders
        .map((r) => ({
          due: Date.parse(r.due) / 1000,
          summary: r.title,
          completed: r.status === 'done',
        }))
        .sort(byDue);
      expect(read).toEqual(expected);
    });
  }
});
