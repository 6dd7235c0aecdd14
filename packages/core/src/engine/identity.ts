/**
 * Who is one person across the opportunities of a pipeline. Two contacts are one person when they
 * share an email address, a LinkedIn profile or a phone number — any of them, so a candidate
 * written with an email at one client and with only their phone at another is still one. A
 * contact with none of these is the person of that name at that organization.
 *
 * @module
 */

import type { Opportunity } from '../model/pipeline';

type Contact = Opportunity['contacts'][number];

/** The person a contact of an opportunity is, as a key: equal keys, one person. */
export type Identity = (organization: string, contact: Contact) => string;

/** `linkedin.com/in/hanasato` for `https://www.linkedin.com/in/HanaSato/`, or the text as written. */
function linkedinProfile(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(www|[a-z]{2})\./, '')
    .replace(/[/?#].*$|\/+$/, (rest) => {
      // Keep the path (`/in/<name>`), drop a query, a fragment and trailing slashes.
      const path = /^\/[^?#]*/.exec(rest)?.[0] ?? '';
      return path.replace(/\/+$/, '');
    });
}

/**
 * A number's digits, and whether they start with its country code: written with `+` or `00`, or
 * as North American numbers often are, `1` and ten digits. A national number loses its trunk `0`
 * (and says it had one), as does an international one written with it in brackets
 * (`+44 (0)7700 900123`). An extension (`x12`, `ext. 12`, `#12`) is not part of the number.
 */
/** An extension at the end of a number: `x12`, `ext. 12`, `extension 12`, `#12`, `;12`, `,12`. */
const EXTENSION = /\s*(?:x|ext\.?|extension|#|;|,)\s*\d*\s*$/i;

function phoneDigits(
  phone: string,
): { digits: string; international: boolean; trunk: boolean } | undefined {
  const extension = EXTENSION.exec(phone);
  let number = (extension === null ? phone : phone.slice(0, extension.index)).trim();
  if (number.includes('(')) number = number.replace(/\(\s*0\s*\)/g, '');
  let digits = number.replace(/\D/g, '');
  let international = number.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (!international && digits.length === 11 && digits.startsWith('1')) international = true;
  const trunk = !international && digits.startsWith('0');
  if (trunk) digits = digits.replace(/^0+/, '');
  return digits.length >= 6 ? { digits, international, trunk } : undefined;
}

/** A phone number as written → the key of the number it is, or `undefined` for no number. */
export type PhoneKeys = (phone: string) => string | undefined;

/**
 * How the phone numbers of a pipeline tell people apart. Numbers alike in digits are one; a
 * national number (`(312) 555-0100`, `07700 900123`) is the international one it ends
 * (`+1 312 555 0100`, `+44 7700 900123`) after a country code of one to three digits, when exactly
 * one number of the pipeline does. A number written with a trunk `0` is never North American
 * (`+1`), which has none. The file names no country, so a national number that no international
 * one ends stays its own.
 */
export function phoneKeys(phones: Iterable<string>): PhoneKeys {
  // Each international number under the national numbers it may be written as: itself without a
  // country code of one, two or three digits. Looked up, not searched, so that a pipeline of
  // thousands of numbers costs thousands of steps.
  const bySuffix = new Map<string, string[]>();
  for (const phone of phones) {
    const parsed = phoneDigits(phone);
    if (!parsed?.international) continue;
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
    return matches.length === 1 ? `+${matches[0]}` : digits;
  };
  return (phone) => {
    const parsed = phoneDigits(phone);
    if (parsed === undefined) return undefined;
    return parsed.international ? `+${parsed.digits}` : nationalKey(parsed.digits, parsed.trunk);
  };
}

/** What a contact is known by: its email, LinkedIn profile and phone number, as keys. */
function identifiers(contact: Contact, phones: () => PhoneKeys): string[] {
  const ids: string[] = [];
  if (contact.email) ids.push(`mail:${contact.email.toLowerCase()}`);
  const profile = contact.linkedin && linkedinProfile(contact.linkedin);
  if (profile) ids.push(`linkedin:${profile}`);
  const phone = contact.phone && phones()(contact.phone);
  if (phone) ids.push(`phone:${phone}`);
  return ids;
}

/**
 * The identity of every contact of `opportunities`: contacts sharing any identifier are joined,
 * and each person's key is the least of their identifiers, so it does not depend on the order of
 * the file.
 */
export function createIdentity(opportunities: readonly Opportunity[]): Identity {
  let phoneKeysOfPipeline: PhoneKeys | undefined;
  const phones = (): PhoneKeys => {
    phoneKeysOfPipeline ??= phoneKeys(
      opportunities.flatMap((o) => o.contacts.flatMap((c) => (c.phone ? [c.phone] : []))),
    );
    return phoneKeysOfPipeline;
  };
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) {
      root = up;
    }
    // Shorten the path walked, so the next look-up is one step.
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
    if (ra === rb) return;
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const known = new Map<Contact, string[]>();
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      const ids = identifiers(contact, phones);
      known.set(contact, ids);
      for (const id of ids) if (!parent.has(id)) parent.set(id, id);
      for (let i = 1; i < ids.length; i++) union(ids[0]!, ids[i]!);
    }
  }
  return (organization, contact) => {
    const ids = known.get(contact) ?? identifiers(contact, phones);
    if (ids.length > 0) return parent.has(ids[0]!) ? find(ids[0]!) : ids[0]!;
    return `name:${organization.trim().toLowerCase()}|${contact.name.trim().toLowerCase()}`;
  };
}
