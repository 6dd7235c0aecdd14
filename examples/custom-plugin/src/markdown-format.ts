/**
 * The Markdown checklist the sink keeps: one item per reminder, marked with its key in an HTML
 * comment (invisible when rendered). The checkbox and the `>` note lines under an item belong to
 * the user; everything else belongs to runner-up and is rewritten when the plan changes.
 *
 * ```markdown
 * - [ ] 2027-01-04 09:30 · email · Thank Dana <!-- runner-up:acme-pm/thank-you/1 -->
 *   - Organization: Acme Telecom
 *   - Opportunity: acme-pm
 *   - Contact: Dana Lee
 *   - Due: 2027-01-04T15:30:00.000Z (America/Chicago)
 *   - Status: upcoming
 *   - Why: Planned 1 business day after decided (2026-12-31).
 *   - Talking points:
 *     - Thank them for their time, and name one thing from the interview you enjoyed.
 *   > Sent on Monday; she replied the same day.
 * ```
 */
import type { Reminder } from '@runner-up/core';

/** One item of the checklist, as lines of text. */
export interface MarkdownBlock {
  key: string;
  /** The checkbox: the user's. */
  done: boolean;
  /** The item line after the checkbox, key comment included. */
  head: string;
  /** The indented lines runner-up owns (fields and talking points). */
  fields: string[];
  /** The user's note lines, without their `> ` prefix. */
  notes: string[];
}

/** A parsed checklist file. */
export interface MarkdownDocument {
  /** Everything before the first item (a heading, the user's own text). Kept as is. */
  preamble: string[];
  blocks: MarkdownBlock[];
  /** Unindented text after the items. Kept as is, at the end. */
  trailer: string[];
}

/** One item as a row, the way other sinks see a remote row. */
export interface MarkdownRow {
  /** The key for the first item carrying it; `<key>#2`, `#3`... for copies. */
  id: string;
  key: string;
  name: string;
  action: string;
  /** ISO instant. */
  due: string;
  status: string;
  organization: string;
  opportunity: string;
  contact: string;
  why: string;
  done: boolean;
  notes: string;
}

const ITEM = /^- \[([ xX])\] (.*<!-- runner-up:(\S+) -->)\s*$/;
const HEAD = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) · (\w+) · (.*) <!-- runner-up:\S+ -->$/;
const NOTE = /^\s+>/;

/** The heading a new file starts with. */
export const DEFAULT_PREAMBLE = [
  '# Follow-ups',
  '',
  '<!-- Kept in step by runner-up. Tick a box when it is done and write notes under an item on lines starting with ">": both are yours and never overwritten. The rest is rewritten on each sync. -->',
];

/** Reads a checklist file. Unknown text is kept, never dropped. */
export function parseMarkdown(text: string): MarkdownDocument {
  const preamble: string[] = [];
  const blocks: MarkdownBlock[] = [];
  const trailer: string[] = [];
  let current: MarkdownBlock | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const item = ITEM.exec(line);
    if (item) {
      current = { key: item[3]!, done: item[1] !== ' ', head: item[2]!, fields: [], notes: [] };
      blocks.push(current);
    } else if (current === undefined) {
      preamble.push(line);
    } else if (/^\s+\S/.test(line)) {
      if (NOTE.test(line)) current.notes.push(line.replace(/^\s*> ?/, ''));
      else current.fields.push(line);
    } else if (line.trim() !== '') {
      trailer.push(line);
    }
  }
  while (preamble.length > 0 && preamble[preamble.length - 1]!.trim() === '') preamble.pop();
  return { preamble, blocks, trailer };
}

/** Writes a checklist file: preamble, items separated by blank lines, trailer. */
export function renderMarkdown(document: MarkdownDocument): string {
  const lines = [...(document.preamble.length > 0 ? document.preamble : DEFAULT_PREAMBLE), ''];
  for (const block of document.blocks) {
    lines.push(
      `- [${block.done ? 'x' : ' '}] ${block.head}`,
      ...block.fields,
      ...block.notes.map((note) => (note === '' ? '  >' : `  > ${note}`)),
      '',
    );
  }
  lines.push(...document.trailer);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** The block for a reminder, keeping the user's checkbox and notes from `previous`. */
export function blockFor(reminder: Reminder, previous?: MarkdownBlock): MarkdownBlock {
  const { local } = reminder;
  const fields = [
    `  - Organization: ${oneLine(reminder.organization)}`,
    `  - Opportunity: ${reminder.opportunityId}`,
  ];
  if (reminder.contact) fields.push(`  - Contact: ${oneLine(reminder.contact.name)}`);
  fields.push(
    `  - Due: ${reminder.due} (${local.timezone})`,
    `  - Status: ${reminder.status}`,
    `  - Why: ${oneLine(reminder.why)}`,
  );
  if (reminder.talkingPoints.length > 0) {
    fields.push('  - Talking points:', ...reminder.talkingPoints.map((p) => `    - ${oneLine(p)}`));
  }
  return {
    key: reminder.key,
    done: previous?.done ?? false,
    head: `${local.date} ${local.time} · ${reminder.action} · ${oneLine(reminder.title)} <!-- runner-up:${reminder.key} -->`,
    fields,
    notes: previous?.notes ?? [],
  };
}

/** True when the parts runner-up owns are the same. */
export function sameOwnedText(a: MarkdownBlock, b: MarkdownBlock): boolean {
  return a.head === b.head && a.fields.join('\n') === b.fields.join('\n');
}

/** The value of a `- Name: value` field line. */
export function fieldOf(block: MarkdownBlock, name: string): string | undefined {
  const prefix = `- ${name}: `;
  const line = block.fields.find((field) => field.trimStart().startsWith(prefix));
  return line?.trimStart().slice(prefix.length);
}

/** A copy of `block` whose status reads `status`. */
export function withStatus(block: MarkdownBlock, status: string): MarkdownBlock {
  return {
    ...block,
    fields: block.fields.map((line) =>
      line.trimStart().startsWith('- Status: ') ? `  - Status: ${status}` : line,
    ),
  };
}

/** The instant a block is due, from its `Due` field (for ordering). */
export function dueOf(block: MarkdownBlock): string {
  return (fieldOf(block, 'Due') ?? '').split(' ')[0]!;
}

/** Every item of a checklist as a row; copies of an item get ids `<key>#2`, `#3`... */
export function readMarkdownRows(text: string): MarkdownRow[] {
  const seen = new Map<string, number>();
  return parseMarkdown(text).blocks.map((block) => {
    const count = (seen.get(block.key) ?? 0) + 1;
    seen.set(block.key, count);
    const head = HEAD.exec(block.head);
    return {
      id: count === 1 ? block.key : `${block.key}#${count}`,
      key: block.key,
      name: head?.[4] ?? '',
      action: head?.[3] ?? '',
      due: dueOf(block),
      status: fieldOf(block, 'Status') ?? '',
      organization: fieldOf(block, 'Organization') ?? '',
      opportunity: fieldOf(block, 'Opportunity') ?? '',
      contact: fieldOf(block, 'Contact') ?? '',
      why: fieldOf(block, 'Why') ?? '',
      done: block.done,
      notes: block.notes.join('\n'),
    };
  });
}
