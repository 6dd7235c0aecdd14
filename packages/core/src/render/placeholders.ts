/**
 * Placeholders in titles, subjects and talking points.
 *
 * @module
 */

/** What placeholders are filled from. */
export interface RenderContext {
  /** The addressed contact, or `null` when the opportunity lists none. */
  contact: { name: string } | null;
  /** The opportunity's organization, for `{organization}`. */
  organization: string;
  /** The opportunity's title (the role, contract or proposal). */
  title: string;
  /** Anchor dates by key, estimates included. */
  dates: Readonly<Record<string, string | null | undefined>>;
  /** Talking-point templates from plugins, by id. */
  templates?: ReadonlyMap<string, string>;
}

/** Words used when the opportunity has no contact to name. */
const NO_CONTACT = 'your contact';

const PLACEHOLDER = /\{(contact\.name|contact\.firstName|organization|title|dates\.[^{}\s]+)\}/g;
const TEMPLATE = /\{template:([^{}\s]+)\}/g;

/** Titles written before a name, with or without their period. */
const HONORIFIC = /^(?:dr|mr|mrs|ms|mx|miss|prof|sir|dame)\.?$/i;

/**
 * The first word of a name: "Dana" for "Dana Lee". After a title, the word after it ("Zoë" for
 * "Dr. Zoë Okafor"), or the title and name together when only a surname follows ("Dr. Okafor"),
 * so a greeting never says "Hi Dr.,".
 */
export function firstName(name: string): string {
  const trimmed = name.trim();
  // Found rather than split: plan() greets thousands of contacts, most without a title.
  const end = trimmed.search(WHITESPACE);
  if (end === -1) return trimmed;
  const first = trimmed.slice(0, end);
  if (!HONORIFIC.test(first)) return first;
  const words = trimmed.split(/\s+/);
  return words.length === 2 ? words.join(' ') : words[1]!;
}

const WHITESPACE = /\s/;

/**
 * Fills `{contact.name}`, `{contact.firstName}`, `{organization}`, `{title}` and `{dates.<key>}`,
 * after expanding `{template:<id>}` from plugin templates (one level: a template cannot pull in
 * another, so templates can never loop). A placeholder with nothing to fill it (an unknown
 * template or date) is left as written, so the gap is visible rather than silently empty.
 *
 * @example renderText('Thank {contact.firstName}', ctx) // 'Thank Dana'
 */
export function renderText(text: string, context: RenderContext): string {
  if (!text.includes('{')) return text;
  let expanded = text;
  if (context.templates && text.includes('{template:')) {
    expanded = text.replace(TEMPLATE, (whole, id: string) => context.templates?.get(id) ?? whole);
  }
  const parts = compile(expanded);
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    switch (part.name) {
      case 'contact.name':
        out += context.contact ? context.contact.name : NO_CONTACT;
        break;
      case 'contact.firstName':
        out += context.contact ? firstName(context.contact.name) : NO_CONTACT;
        break;
      case 'organization':
        out += context.organization;
        break;
      case 'title':
        out += context.title;
        break;
      default: {
        const value = context.dates[part.name.slice('dates.'.length)];
        out += typeof value === 'string' ? value : part.whole;
      }
    }
  }
  return out;
}

type Part = string | { name: string; whole: string };

const compiled = new Map<string, Part[]>();

/** Splits a text into literal runs and placeholders once; plan() renders the same texts often. */
function compile(text: string): Part[] {
  let parts = compiled.get(text);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      parts.push({ name: match[1]!, whole: match[0] });
      last = match.index + match[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(text, parts);
  }
  return parts;
}
