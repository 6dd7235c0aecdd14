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
import type { Draft, Reminder, ReminderContact } from '../model/reminder';
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

/** Ids below 2^17 combine into one exact number: a kind bit and three 17-bit ids, under 2^53. */
export const ID_LIMIT = 2 ** 17;

/** A step rendered for one set of placeholder values. */
interface Texts {
  title: string;
  talkingPoints: string[];
  /** The draft without a link: for steps that draft but have no address to link to. */
  draft: Draft | null;
  /** The draft's encoded `?subject=…&body=…`, once an email step links it to an address. */
  query: string | undefined;
}

/** Which placeholder values a step's texts read, so texts are shared when those are equal. */
interface Reads {
  /** The contact's full name; otherwise at most the first name (a draft greets by it). */
  fullName: boolean;
  organization: boolean;
  title: boolean;
  dates: boolean;
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

function stepReads(step: Step, templates: ReadonlyMap<string, string>): Reads {
  const texts = [step.title, ...step.talkingPoints];
  if (step.action === 'email' || step.action === 'linkedin') {
    texts.push(step.subject ?? DEFAULT_SUBJECT);
    if (step.body !== undefined) texts.push(step.body);
  }
  const reads = (placeholder: string) =>
    texts.some((text) => readsPlaceholder(text, placeholder, templates));
  return {
    fullName: reads('{contact.name}'),
    organization: reads('{organization}'),
    title: reads('{title}'),
    dates: reads('{dates.'),
  };
}

export function createStepRenderer(
  templates: ReadonlyMap<string, string>,
  signature: string,
): StepRenderer {
  /** Per step: what it reads, and its texts by the values it reads (see `valuesKey`). */
  const bySteps = new Map<Step, { reads: Reads; texts: Map<number | string, Texts> }>();
  const firstNames = new Map<Contact, string>();
  const contacts = new Map<Contact, NonNullable<Reminder['contact']>>();
  /** A number per distinct name, organization and title (from 1), and per opportunity (from 0). */
  const textIds = new Map<string, number>();
  const opportunityIds = new Map<Opportunity, number>();
  /** `mailto:<address>` by address: each contact's series share it. */
  const addresses = new Map<string, string>();

  const textId = (text: string): number => {
    let id = textIds.get(text);
    if (id === undefined) {
      id = textIds.size + 1;
      textIds.set(text, id);
    }
    return id;
  };

  /**
   * The values `reads` names, as one number: the contact's name, then either the opportunity
   * (a step reading dates renders per opportunity) or its organization and title, 0 where not
   * read. Past {@link ID_LIMIT} distinct values, a string of the same numbers.
   */
  const valuesKey = (
    opportunity: Opportunity,
    reads: Reads,
    contact: Contact | null,
  ): number | string => {
    let person = 0;
    if (contact !== null) {
      let name = firstNames.get(contact);
      if (name === undefined) {
        name = firstName(contact.name);
        firstNames.set(contact, name);
      }
      person = textId(reads.fullName ? contact.name : name);
    }
    let kind = 0;
    let a = 0;
    let b = 0;
    if (reads.dates) {
      kind = 1;
      let id = opportunityIds.get(opportunity);
      if (id === undefined) {
        id = opportunityIds.size;
        opportunityIds.set(opportunity, id);
      }
      a = id;
    } else {
      if (reads.organization) a = textId(opportunity.organization);
      if (reads.title) b = textId(opportunity.title);
    }
    if (person >= ID_LIMIT || a >= ID_LIMIT || b >= ID_LIMIT) return `${kind}:${person}:${a}:${b}`;
    return ((kind * ID_LIMIT + person) * ID_LIMIT + a) * ID_LIMIT + b;
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
              body: step.body === undefined ? undefined : renderText(step.body, context),
              signature,
            }),
          )
        : null,
      query: undefined,
    };
  };

  const linkedDraft = (texts: Texts, address: string): Draft => {
    const { subject, body } = texts.draft!;
    texts.query ??= mailtoQuery(subject, body);
    let link = addresses.get(address);
    if (link === undefined) {
      link = mailtoAddress(address);
      addresses.set(address, link);
    }
    // A two-part rope: the encoded message is shared by every address it goes to.
    return Object.freeze({ subject, body, mailto: link + texts.query });
  };

  return {
    render(opportunity, step, contact, dates) {
      let forStep = bySteps.get(step);
      if (!forStep) {
        forStep = { reads: stepReads(step, templates), texts: new Map() };
        bySteps.set(step, forStep);
      }
      const key = valuesKey(opportunity, forStep.reads, contact);
      let texts = forStep.texts.get(key);
      if (!texts) {
        texts = renderTexts(opportunity, step, contact, dates);
        forStep.texts.set(key, texts);
      }
      // Only an email links to the address; a LinkedIn message is drafted without one.
      const address = step.action === 'email' ? contact?.email : undefined;
      return {
        title: texts.title,
        talkingPoints: texts.talkingPoints,
        draft: address ? linkedDraft(texts, address) : texts.draft,
      };
    },
    contact(contact) {
      if (contact === null) return null;
      let shown = contacts.get(contact);
      if (!shown) {
        const built: ReminderContact = { name: contact.name };
        if (contact.role !== undefined) built.role = contact.role;
        if (contact.email !== undefined) built.email = contact.email;
        if (contact.phone !== undefined) built.phone = contact.phone;
        if (contact.linkedin !== undefined) built.linkedin = contact.linkedin;
        // Shared by the reminders of a series, like the talking points.
        shown = Object.freeze(built);
        contacts.set(contact, shown);
      }
      return shown;
    },
  };
}
