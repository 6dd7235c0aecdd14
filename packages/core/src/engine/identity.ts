/**
 * Who is one person across the opportunities of a pipeline. Two contacts are one person when they
 * share an email address, a LinkedIn profile or a phone number — any of them, so a candidate
 * written with an email at one client and with only their phone at another is still one. A
 * contact with none of these is the person of that name at that organization.
 *
 * @module
 */

import { comparableName } from '../model/names';
import type { Opportunity } from '../model/pipeline';

type Contact = Opportunity['contacts'][number];

/** The person a contact of an opportunity is, as a key: equal keys, one person. */
export type Identity = (organization: string, contact: Contact) => string;

/**
 * `linkedin.com/in/hanasato` for `https://www.linkedin.com/in/HanaSato/`, and for the same profile
 * on another of LinkedIn's hosts (`m.`, `uk.`, `mobile.`), a page under it (`/details/experience/`)
 * or with its name percent-encoded; other addresses as written, without a query, a fragment or
 * trailing slashes.
 */
function linkedinProfile(url: string): string {
  const text = url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^([a-z0-9-]+\.)*(?=linkedin\.com(?:[/?#]|$))/, '')
    .replace(/[?#].*$/, '');
  const profile = /^linkedin\.com\/in\/([^/]+)/.exec(text);
  if (profile === null) return text.replace(/\/+$/, '');
  let name = profile[1]!;
  try {
    // Lower case again once decoded: `%C3%89` is `É`.
    name = decodeURIComponent(name).toLowerCase();
  } catch {
    // Not percent-encoding after all: compared as written.
  }
  // One way of writing each accented letter (`é` as one character or as `e` and an accent).
  return `linkedin.com/in/${name.normalize('NFC')}`;
}

/**
 * A number's digits, and whether they start with its country code: written with `+` or `00`, or
 * as North American numbers often are, `1` and ten digits. A national number loses its trunk `0`
 * (and says it had one), as does an international one written with it in brackets
 * (`+44 (0)7700 900123`). An extension (`x12`, `ext. 12`, `#12`) is not part of the number.
 */
/** An extension at the end of a number: `x12`, `ext. 12`, `extension 12`, `#12`, `;12`, `,12`. */
const EXTENSION = /\s*(?:[;,#]\s*(?:ext(?:ension)?\.?\s*=?\s*)?|x|ext\.?|extension)\s*\d*\s*$/i;

function phoneDigits(
  phone: string,
):
  | { digits: string; international: boolean; trunk: boolean; northAmerican: 'grouped' | boolean }
  | undefined {
  const extension = EXTENSION.exec(phone);
  let number = (extension === null ? phone : phone.slice(0, extension.index)).trim();
  if (number.includes('(')) number = number.replace(/\(\s*0\s*\)/g, '');
  let digits = number.replace(/\D/g, '');
  let international = number.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  // Read as North American, unless the file says otherwise (see phoneKeys); certainly so when
  // written in its groups, `1 (512) 345-6789`.
  let northAmerican: 'grouped' | boolean = false;
  if (!international && digits.length === 11 && digits.startsWith('1')) {
    international = true;
    const groups = number.split(/\D+/).filter(Boolean);
    northAmerican = groups.map((group) => group.length).join() === '1,3,3,4' ? 'grouped' : true;
  }
  const trunk = !international && digits.startsWith('0');
  if (trunk) digits = digits.replace(/^0+/, '');
  // Fewer than seven digits is an extension or a short code, not a number to tell people by.
  return digits.length >= 7 ? { digits, international, trunk, northAmerican } : undefined;
}

/** A phone number as written → the key of the number it is, or `undefined` for no number. */
export type PhoneKeys = (phone: string) => string | undefined;

/**
 * How the phone numbers of a pipeline tell people apart. Numbers alike in digits are one; a
 * national number (`(312) 555-0100`, `07700 900123`) is the international one it ends
 * (`+1 312 555 0100`, `+44 7700 900123`) after a country code of one to three digits, when exactly
 * one number of the pipeline does. A number written with a trunk `0` is never North American
 * (`+1`), which has none. Eleven digits starting with `1` and no `+` are North American
 * (`1-312-555-0100`), unless they are not written in its groups (1, 3, 3 and 4 digits), the
 * pipeline writes no such `+1` number, and exactly one Chinese number (`+86`) ends with them:
 * `138 0013 8000` is `+86 138 0013 8000`, a mobile number in China, whose mobile numbers are
 * eleven digits starting with `1`.
 * The file names no country, so a national number that no international one ends stays its own.
 */
export function phoneKeys(phones: Iterable<string>): PhoneKeys {
  // Each international number under the national numbers it may be written as: itself without a
  // country code of one, two or three digits. Looked up, not searched, so that a pipeline of
  // thousands of numbers costs thousands of steps.
  const bySuffix = new Map<string, string[]>();
  /** The numbers written with their country code (`+`, `00`). */
  const written = new Set<string>();
  for (const phone of phones) {
    const parsed = phoneDigits(phone);
    if (!parsed?.international) continue;
    if (parsed.northAmerican === false) written.add(parsed.digits);
    for (let code = 1; code <= 3; code++) {
      const national = parsed.digits.slice(code);
      if (national.length < 7) break;
      const list = bySuffix.get(national);
      if (list === undefined) bySuffix.set(national, [parsed.digits]);
      else if (!list.includes(parsed.digits)) list.push(parsed.digits);
    }
  }
  const nationalKey = (digits: string, trunk: boolean): string => {
    const matches = (bySuffix.get(digits) ?? []).filter((full) => !(trunk && full.startsWith('1')));
    if (matches.length === 1) return `+${matches[0]}`;
    return trunk ? `0${digits}` : digits;
  };
  /** `1` and ten digits: the one Chinese number ending with them, else `+1`. */
  const northAmericanKey = (digits: string): string => {
    const chinese = bySuffix.get(digits)?.filter((full) => full === `86${digits}`);
    return chinese?.length === 1 && !written.has(digits) ? `+${chinese[0]}` : `+${digits}`;
  };
  return (phone) => {
    const parsed = phoneDigits(phone);
    if (parsed === undefined) return undefined;
    if (parsed.northAmerican === true) return northAmericanKey(parsed.digits);
    return parsed.international ? `+${parsed.digits}` : nationalKey(parsed.digits, parsed.trunk);
  };
}

const NO_HANDLES: readonly string[] = [];

/** What a contact is known by besides an email: its LinkedIn profile and phone number, as keys. */
function handles(contact: Contact, phones: () => PhoneKeys): readonly string[] {
  if (!contact.linkedin && !contact.phone) return NO_HANDLES;
  const ids: string[] = [];
  const profile = contact.linkedin && linkedinProfile(contact.linkedin);
  // A person's profile only (`/in/<name>`): a company page is shared by everyone who works there.
  if (profile?.startsWith('linkedin.com/in/')) ids.push(`linkedin:${profile}`);
  const phone = contact.phone && phones()(contact.phone);
  if (phone) ids.push(`phone:${phone}`);
  return ids;
}

const nameKey = (organization: string, name: string) =>
  `name:${comparableName(organization)}|${comparableName(name)}`;

/**
 * Who is one person across `opportunities`, whatever their order in the file:
 * - an email address is one person, and two addresses are two people, whatever else they share
 *   (a switchboard number, say);
 * - a contact without an email is the person of the email address they share a LinkedIn profile
 *   or a phone number with, when exactly one address does; contacts without an email sharing a
 *   profile or a number are one person;
 * - a contact known by none of these is the person of that name at that organization, and the
 *   one known person of that name there, if there is exactly one.
 */
export function createIdentity(opportunities: readonly Opportunity[]): Identity {
  let phoneKeysOfPipeline: PhoneKeys | undefined;
  const phones = (): PhoneKeys => {
    phoneKeysOfPipeline ??= phoneKeys(
      opportunities.flatMap((o) => o.contacts.flatMap((c) => (c.phone ? [c.phone] : []))),
    );
    return phoneKeysOfPipeline;
  };
  // Contacts without an email, joined by the handles they share (union-find over handles).
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) {
      root = up;
    }
    for (let node = id; node !== root; ) {
      const up = parent.get(node)!;
      parent.set(node, root);
      node = up;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  };
  /** Handle → the email keys of the contacts with an email who have it. */
  const owners = new Map<string, Set<string>>();
  const handlesOf = new Map<Contact, readonly string[]>();
  /** Each contact's email key, in pipeline order; `undefined` for one without an email. */
  const emailKeys: (string | undefined)[] = [];
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      const ids = handles(contact, phones);
      if (ids.length > 0) handlesOf.set(contact, ids);
      if (contact.email) {
        const mail = `mail:${contact.email.toLowerCase()}`;
        emailKeys.push(mail);
        for (const id of ids) {
          const set = owners.get(id);
          if (set === undefined) owners.set(id, new Set([mail]));
          else set.add(mail);
        }
      } else {
        emailKeys.push(undefined);
        for (const id of ids) if (!parent.has(id)) parent.set(id, id);
        for (let k = 1; k < ids.length; k++) union(ids[0]!, ids[k]!);
      }
    }
  }
  /** Each group of contacts without an email → the one email key it shares a handle with, if one. */
  const groupMail = new Map<string, Set<string>>();
  for (const [id, mails] of owners) {
    if (!parent.has(id)) continue;
    const root = find(id);
    const set = groupMail.get(root) ?? new Set<string>();
    for (const mail of mails) set.add(mail);
    groupMail.set(root, set);
  }
  /** The key of a contact without an email, from its handles; `undefined` when it has none. */
  const keyOfHandles = (ids: readonly string[]): string | undefined => {
    if (ids.length === 0) return undefined;
    if (!parent.has(ids[0]!)) return ids[0]!;
    const root = find(ids[0]!);
    const mails = groupMail.get(root);
    return mails?.size === 1 ? [...mails][0]! : root;
  };
  const keyOf = (contact: Contact): string | undefined => {
    if (contact.email) return `mail:${contact.email.toLowerCase()}`;
    return keyOfHandles(handlesOf.get(contact) ?? handles(contact, phones));
  };
  // Each contact's key, in pipeline order, and the names of those known by nothing else.
  const keys: (string | undefined)[] = [];
  const unknownNames = new Set<string>();
  let at = 0;
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      const key = emailKeys[at++] ?? keyOfHandles(handlesOf.get(contact) ?? NO_HANDLES);
      keys.push(key);
      if (key === undefined) unknownNames.add(comparableName(contact.name));
    }
  }
  // Known people by name at an organization, for the contacts known by nothing else: only names
  // such a contact has are looked up.
  const named = new Map<string, Set<string>>();
  at = 0;
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      const key = keys[at++];
      if (key === undefined || !unknownNames.has(comparableName(contact.name))) continue;
      const name = nameKey(opportunity.organization, contact.name);
      const set = named.get(name);
      if (set === undefined) named.set(name, new Set([key]));
      else set.add(key);
    }
  }
  const byName = (organization: string, contact: Contact, sameEntry: readonly Contact[]) => {
    const name = nameKey(organization, contact.name);
    const known = named.get(name);
    if (known?.size !== 1) return name;
    // Two contacts of one name listed in one opportunity are two people, as the file says.
    const twin = sameEntry.some(
      (other) =>
        other !== contact &&
        keyOf(other) !== undefined &&
        nameKey(organization, other.name) === name,
    );
    return twin ? name : [...known][0]!;
  };
  const resolved = new Map<Contact, string>();
  at = 0;
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      resolved.set(
        contact,
        keys[at++] ?? byName(opportunity.organization, contact, opportunity.contacts),
      );
    }
  }
  return (organization, contact) =>
    resolved.get(contact) ?? keyOf(contact) ?? byName(organization, contact, []);
}
