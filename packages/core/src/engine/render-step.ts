/**
 * The text of a reminder: its title, talking points and draft, rendered from its step.
 *
 * A large pipeline repeats the same few messages: one step to many contacts of the same name, at
 * the same organization, for the same role. Texts are rendered once per step and distinct set of
 * placeholder values, drafts once per text and address, and the frozen results are shared.
 *
 * @module
 */

import type { Contact, Opportunity, Step } from '../model/pipeline';
import type { Draft, Reminder } from '../model/reminder';
import { buildDraft } from '../render/draft';
import { mailtoAddress, mailtoQuery } from '../render/mailto';
import { firstName, type RenderContext, renderText } from '../render/placeholders';

/** What the reminders of one series show. */
export interface Rendered {
  title: string;
  /** Frozen: shared by every reminder rendered from the same text. */
  talkingPoints: string[];
  draft: Draft | null;
}

const DEFAULT_SUBJECT = 'Following up: {title} at {organization}';

/** A step rendered for one set of placeholder values. */
interface Texts {
  title: string;
  talkingPoints: string[];
  /** The draft without a link: for steps that draft but have no address to link to. */
  draft: Draft | null;
  /** The encoded `?subject=…&body=…` of the draft, once a contact with an address needs it. */
  query?: string;
  /** Drafts with a `mailto:` link, by address. */
  linked?: Map<string, Draft>;
}

/** Renders steps for one plan: caches live as long as the renderer. */
export interface StepRenderer {
  render(opportunity: Opportunity, step: Step, contact: Contact | null, dates: Dates): Rendered;
  /** The contact as reminders show it, frozen and shared per contact. */
  contact(contact: Contact | null): Reminder['contact'];
}

type Dates = Readonly<Record<string, string | null>>;

/** Whether `text` holds `placeholder`, directly or (to be safe) through any template. */
function readsPlaceholder(
  text: string,
  placeholder: string,
  templates: ReadonlyMap<string, string>,
): boolean {
  if (text.includes(placeholder)) return true;
  if (!text.includes('{template:')) return false;
  for (const template of templates.values()) if (template.includes(placeholder)) return true;
  return false;
}

export function createStepRenderer(
  templates: ReadonlyMap<string, string>,
  signature: string,
): StepRenderer {
  /** Per step: texts by placeholder values (see `valuesKey`). */
  const byStep = new Map<Step, Map<string, Texts>>();
  /** What each step's texts read besides the organization and title. */
  const reads = new Map<Step, { dates: boolean; fullName: boolean }>();
  const firstNames = new Map<Contact, string>();
  const contacts = new Map<Contact, NonNullable<Reminder['contact']>>();
  /** Opportunities are numbered for steps that render per opportunity. */
  const opportunityNumbers = new Map<Opportunity, number>();

  const valuesKey = (opportunity: Opportunity, step: Step, contact: Contact | null): string => {
    let read = reads.get(step);
    if (read === undefined) {
      const texts = [step.title, step.subject ?? DEFAULT_SUBJECT, ...step.talkingPoints];
      read = {
        dates: texts.some((text) => readsPlaceholder(text, '{dates.', templates)),
        fullName: texts.some((text) => readsPlaceholder(text, '{contact.name}', templates)),
      };
      reads.set(step, read);
    }
    // Every value a placeholder can read, each but the last prefixed with its length so that no
    // two different sets of values give the same key. The draft's greeting reads the first name.
    let name = '-';
    if (contact !== null) {
      let first = firstNames.get(contact);
      if (first === undefined) {
        first = firstName(contact.name);
        firstNames.set(contact, first);
      }
      const shown = read.fullName ? contact.name : first;
      name = `${shown.length}:${shown}`;
    }
    if (!read.dates) {
      const { organization, title } = opportunity;
      return `${name}${organization.length}:${organization}${title}`;
    }
    let number = opportunityNumbers.get(opportunity);
    if (number === undefined) {
      number = opportunityNumbers.size;
      opportunityNumbers.set(opportunity, number);
    }
    return `${name}#${number}`;
  };

  const renderTexts = (
    opportunity: Opportunity,
    step: Step,
    contact: Contact | null,
    dates: Dates,
  ): Texts => {
    const context: RenderContext = {
      contact,
      organization: opportunity.organization,
      title: opportunity.title,
      dates,
      templates,
    };
    // Shared by many reminders, so frozen: an edit to one would silently edit all.
    const talkingPoints = Object.freeze(
      step.talkingPoints.map((point) => renderText(point, context)),
    ) as string[];
    const drafts = step.action === 'email' || step.action === 'linkedin';
    return {
      title: renderText(step.title, context),
      talkingPoints,
      // The body greets the contact by first name; the link is added per address.
      draft: drafts
        ? Object.freeze(
            buildDraft({
              subject: renderText(step.subject ?? DEFAULT_SUBJECT, context),
              contact: contact && { name: contact.name },
              talkingPoints,
              signature,
            }),
          )
        : null,
    };
  };

  const linkedDraft = (texts: Texts, address: string): Draft => {
    const draft = texts.draft!;
    texts.query ??= mailtoQuery(draft.subject, draft.body);
    texts.linked ??= new Map();
    let linked = texts.linked.get(address);
    if (!linked) {
      // A two-part rope: the encoded message is shared by every address it goes to.
      const mailto = mailtoAddress(address) + texts.query;
      linked = Object.freeze({ subject: draft.subject, body: draft.body, mailto });
      texts.linked.set(address, linked);
    }
    return linked;
  };

  return {
    render(opportunity, step, contact, dates) {
      let texts = byStep.get(step);
      if (!texts) {
        texts = new Map();
        byStep.set(step, texts);
      }
      const key = valuesKey(opportunity, step, contact);
      let rendered = texts.get(key);
      if (!rendered) {
        rendered = renderTexts(opportunity, step, contact, dates);
        texts.set(key, rendered);
      }
      // Only an email links to the address; a LinkedIn message is drafted without one.
      const address = step.action === 'email' ? contact?.email : undefined;
      return {
        title: rendered.title,
        talkingPoints: rendered.talkingPoints,
        draft: address ? linkedDraft(rendered, address) : rendered.draft,
      };
    },
    contact(contact) {
      if (contact === null) return null;
      let shown = contacts.get(contact);
      if (!shown) {
        shown = { name: contact.name };
        if (contact.role !== undefined) shown.role = contact.role;
        if (contact.email !== undefined) shown.email = contact.email;
        // Shared by the reminders of a series, like the talking points.
        Object.freeze(shown);
        contacts.set(contact, shown);
      }
      return shown;
    },
  };
}
