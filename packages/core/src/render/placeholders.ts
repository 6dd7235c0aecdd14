/**
 * Placeholders in titles, subjects and talking points.
 *
 * @module
 */

/** What placeholders are filled from. */
export interface RenderContext {
  /** The addressed contact, or `null` when the opportunity lists none. */
  contact: { name: string } | null;
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

/** The first word of a name: "Dana" for "Dana Lee". */
export function firstName(name: string): string {
  const trimmed = name.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? trimmed : trimmed.slice(0, space);
}

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
  return expanded.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'contact.name':
        return context.contact ? context.contact.name : NO_CONTACT;
      case 'contact.firstName':
        return context.contact ? firstName(context.contact.name) : NO_CONTACT;
      case 'organization':
        return context.organization;
      case 'title':
        return context.title;
      default: {
        const value = context.dates[name.slice('dates.'.length)];
        return typeof value === 'string' ? value : whole;
      }
    }
  });
}
