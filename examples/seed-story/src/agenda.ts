/**
 * Prints the agenda of `runner-up.yaml`: what is overdue, what is due today and what is coming
 * up, each with the reason for its date. Run it with `pnpm demo` from the repository root, or
 * `pnpm start` here; `--now 2027-01-15T15:00:00Z` and `--days 90` change the view.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRunnerUpError, parsePipelineYaml, plan, type Reminder } from '@runner-up/core';

/** The moment the story's agenda is printed for: 09:00 in Chicago on 1 December 2026. */
export const STORY_NOW = '2026-12-01T15:00:00Z';

/** Options of {@link buildAgenda}. */
export interface AgendaOptions {
  /** The moment to plan from: `plan()` never reads the clock. */
  now: string;
  /**
   * How many days ahead "upcoming" reaches.
   * @default 60
   */
  days?: number;
  /**
   * The file name for error messages.
   * @default 'runner-up.yaml'
   */
  file?: string;
}

/** The reminders that need attention, grouped the way a person reads them. */
export interface Agenda {
  owner: string;
  timezone: string;
  /** Today in the owner's zone, `YYYY-MM-DD`. */
  today: string;
  days: number;
  overdue: Reminder[];
  due: Reminder[];
  upcoming: Reminder[];
}

/** Parses the text of a `runner-up.yaml`, plans it at `now` and groups what is open. */
export function buildAgenda(text: string, options: AgendaOptions): Agenda {
  const days = options.days ?? 60;
  const pipeline = parsePipelineYaml(text, { file: options.file ?? 'runner-up.yaml' });
  const reminders = plan(pipeline, { now: options.now, horizon: `P${days}D` });
  const timezone = pipeline.owner.timezone;
  return {
    owner: pipeline.owner.name,
    timezone,
    today: localDate(options.now, timezone),
    days,
    overdue: reminders.filter((reminder) => reminder.status === 'overdue'),
    due: reminders.filter((reminder) => reminder.status === 'due'),
    upcoming: reminders.filter((reminder) => reminder.status === 'upcoming'),
  };
}

/** The agenda as plain text, one block per reminder. */
export function formatAgenda(agenda: Agenda): string {
  const lines = [`Agenda for ${agenda.owner}, ${longDate(agenda.today)} (${agenda.timezone})`];
  const section = (heading: string, reminders: Reminder[], empty: string) => {
    lines.push('', `${heading} (${reminders.length})`);
    if (reminders.length === 0) lines.push(`  ${empty}`);
    reminders.forEach((reminder, index) => {
      if (index > 0) lines.push('');
      lines.push(...formatReminder(reminder));
    });
  };
  section('Overdue', agenda.overdue, 'Nothing overdue.');
  section('Due today', agenda.due, 'Nothing due today.');
  section(`Upcoming, next ${agenda.days} days`, agenda.upcoming, 'Nothing planned.');
  return `${lines.join('\n')}\n`;
}

function formatReminder(reminder: Reminder): string[] {
  const indent = ' '.repeat(4);
  const lines = [
    `  ${shortDate(reminder.local.date)} ${reminder.local.time}  ${reminder.action}: ${reminder.title}`,
    `${indent}${reminder.organization} · ${reminder.opportunityId}`,
  ];
  const contact = reminder.contact;
  if (contact) {
    const role = contact.role ? ` (${contact.role})` : '';
    const email = contact.email ? ` <${contact.email}>` : '';
    lines.push(`${indent}with ${contact.name}${role}${email}`);
  }
  lines.push(`${indent}why: ${reminder.why}`);
  return lines;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Plain dates are read as UTC calendar days, so the host's TZ never shifts them.
function parts(date: string): { year: number; month: number; day: number; weekday: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

function shortDate(date: string): string {
  const { year, month, day, weekday } = parts(date);
  return `${WEEKDAYS[weekday]} ${String(day).padStart(2, ' ')} ${MONTHS[month - 1]} ${year}`;
}

function longDate(date: string): string {
  const { year, month, day, weekday } = parts(date);
  return `${WEEKDAY_NAMES[weekday]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** The calendar date of an instant in a named zone (never the host's). */
function localDate(now: string, timeZone: string): string {
  const instant = new Date(now);
  if (Number.isNaN(instant.getTime())) return now.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function main(args: readonly string[]): number {
  const file =
    option(args, '--file') ?? fileURLToPath(new URL('../runner-up.yaml', import.meta.url));
  const now = option(args, '--now') ?? STORY_NOW;
  const days = Number(option(args, '--days') ?? 60);
  try {
    const text = readFileSync(file, 'utf8');
    process.stdout.write(formatAgenda(buildAgenda(text, { now, days, file: 'runner-up.yaml' })));
    return 0;
  } catch (error) {
    if (!isRunnerUpError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
