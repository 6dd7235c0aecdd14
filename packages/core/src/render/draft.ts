/**
 * Drafts: a message to copy, never sent automatically.
 *
 * @module
 */

import type { Draft } from '../model/reminder';
import { mailtoAddress, mailtoQuery } from './mailto';
import { firstName } from './placeholders';

/** What a draft is written from. */
export interface DraftInput {
  /** Already rendered subject line. */
  subject: string;
  /** The addressed contact; `null` for a generic greeting. */
  contact: { name: string; email?: string | undefined } | null;
  /** Already rendered talking points; they become the body's outline when there is no `body`. */
  talkingPoints: readonly string[];
  /** Already rendered message, written between the greeting and the sign-off. */
  body?: string | undefined;
  /** Who signs the message (the pipeline's owner). */
  signature: string;
}

/**
 * Builds a plain-text draft, plus a `mailto:` link when the contact has an email address.
 * The body is a greeting, the message (`body`, or else the talking points as an outline to write
 * from) and a sign-off.
 */
export function buildDraft(input: DraftInput): Draft {
  // Pieces joined once: plan() keeps thousands of drafts, and a body built with `+=` would be a
  // tree of rope nodes, flattened again by the mailto encoding.
  const pieces = [input.contact ? `Hi ${firstName(input.contact.name)},` : 'Hello,', '\n\n'];
  if (input.body !== undefined) {
    pieces.push(input.body.trimEnd(), '\n\n');
  } else {
    for (const point of input.talkingPoints) pieces.push('- ', point, '\n');
    if (input.talkingPoints.length > 0) pieces.push('\n');
  }
  pieces.push('Best,\n', input.signature);
  const body = pieces.join('');
  const draft: Draft = { subject: input.subject, body };
  if (input.contact?.email) draft.mailto = mailtoLink(input.contact.email, input.subject, body);
  return draft;
}

/**
 * A `mailto:` URI per RFC 6068: the address and the `subject`/`body` header values are
 * percent-encoded as UTF-8 (§2), spaces as `%20` rather than `+` (which mail clients would show
 * literally), and line breaks in the body as `%0D%0A` (§5).
 *
 * @example mailtoLink('dana@acme.example', 'Hi & bye', 'a\nb')
 * // 'mailto:dana@acme.example?subject=Hi%20%26%20bye&body=a%0D%0Ab'
 */
export function mailtoLink(address: string, subject: string, body: string): string {
  // One flat string rather than a rope: a plan keeps one link per draft.
  return [mailtoAddress(address), mailtoQuery(subject, body)].join('');
}
