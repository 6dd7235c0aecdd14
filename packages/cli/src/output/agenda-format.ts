import type { Reminder } from '@runner-up/core';
import pc from 'picocolors';
import { escapeControls } from './terminal-text';

/** Picocolors' colour functions, as `createColors(enabled)` gives them: plain when disabled. */
type Colors = ReturnType<typeof pc.createColors>;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * `Mon Dec 7` for a plain date, and `Mon Jan 4 2027` for one in another year than `today`'s
 * (computed in UTC so the host zone never shifts it).
 */
function shortDate(date: string, today: string): string {
  const d = utcDate(date);
  const year = date.slice(0, -6) === today.slice(0, -6) ? '' : ` ${date.slice(0, -6)}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}${year}`;
}

/** The Monday starting the ISO week of a plain date. */
export function weekOf(date: string): string {
  const d = utcDate(date);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Options of {@link formatAgenda}. */
export interface AgendaFormatOptions {
  /**
   * Colours, as picocolors' `createColors(enabled)` gives them.
   * @default plain text
   */
  colors?: Colors;
  /** Today in the owner's zone, `YYYY-MM-DD`: what is overdue, due and upcoming is told from it. */
  today: string;
  /** How many days ahead the reminders reach, for the heading (`next 30 days`). */
  days: number;
  /** The owner's IANA zone, for the heading. */
  timezone: string;
}

/**
 * The human agenda: overdue first, then what is due today, then what is coming, grouped by week
 * (weeks start on Monday). Every reminder shows when, what, with whom and why.
 */
export function formatAgenda(reminders: readonly Reminder[], options: AgendaFormatOptions): string {
  const c = options.colors ?? pc.createColors(false);
  const lines: string[] = [];
  const overdue = reminders.filter((r) => r.status === 'overdue');
  const due = reminders.filter((r) => r.status === 'due');
  const upcoming = reminders.filter((r) => r.status === 'upcoming');
  lines.push(
    c.bold(`Agenda for ${shortDate(options.today, options.today)}, ${options.today}`) +
      c.dim(` (${options.timezone}, next ${daysText(options.days)})`),
  );
  if (overdue.length + due.length + upcoming.length === 0) {
    lines.push('', `Nothing to do in the next ${daysText(options.days)}.`);
    return `${lines.join('\n')}\n`;
  }
  const section = (title: string, items: readonly Reminder[], paint: (s: string) => string) => {
    if (items.length === 0) return;
    lines.push('', paint(c.bold(`${title} (${items.length})`)));
    for (const reminder of items) lines.push(...formatReminder(reminder, c, options.today));
  };
  section('Overdue', overdue, c.red);
  section('Due today', due, c.yellow);
  const weeks = new Map<string, Reminder[]>();
  for (const reminder of upcoming) {
    const week = weekOf(reminder.local.date);
    const items = weeks.get(week);
    if (items) items.push(reminder);
    else weeks.set(week, [reminder]);
  }
  for (const [week, items] of weeks) {
    section(`Week of ${shortDate(week, options.today)}`, items, c.cyan);
  }
  return `${lines.join('\n')}\n`;
}

function formatReminder(reminder: Reminder, c: Colors, today: string): string[] {
  // What the file says is written with its control characters escaped (see terminal-text.ts).
  const e = escapeControls;
  const contact = reminder.contact;
  const who = contact ? ` with ${e(contact.name)}${reachBy(reminder.action, contact)}` : '';
  return [
    `  ${c.bold(`${shortDate(reminder.local.date, today)} ${reminder.local.time}`)}  ${e(reminder.action)}${who}: ${e(reminder.title)}`,
    `      ${c.dim(`${e(reminder.organization)} · ${e(reminder.key)}`)}`,
    `      ${c.dim('why:')} ${e(reminder.why)}`,
  ];
}

/**
 * How to reach the contact for the step's action, where the one who acts reads the agenda: a call
 * shows the number to dial and a LinkedIn step the profile, when the entry has it. A call or an
 * email to a contact without a number or an address in the entry says so (another entry may
 * have it for the same person), and gives another way to reach them, if any.
 */
function reachBy(action: Reminder['action'], contact: NonNullable<Reminder['contact']>): string {
  const e = escapeControls;
  if (action === 'call' && contact.phone) return ` (${e(contact.phone)})`;
  if (action === 'linkedin' && contact.linkedin) return ` (${e(contact.linkedin)})`;
  if (action === 'email' && contact.email) return '';
  // A LinkedIn profile is found by the name; a call or an email needs the number or address.
  const missing =
    action === 'call' ? 'no phone number' : action === 'email' ? 'no email address' : undefined;
  if (missing === undefined) return '';
  const other =
    action !== 'email' && contact.email
      ? `email ${contact.email}`
      : action !== 'call' && contact.phone
        ? `phone ${contact.phone}`
        : contact.linkedin
          ? `LinkedIn ${contact.linkedin}`
          : undefined;
  return ` (${missing} in this entry${other === undefined ? '' : `; ${e(other)}`})`;
}

/** `1 day`, `21 days`. */
function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
