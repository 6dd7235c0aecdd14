/**
 * The two halves of a `mailto:` link (RFC 6068). Internal: {@link mailtoLink} is the public form;
 * plan() encodes the query half once per distinct message and shares it between contacts.
 *
 * @module
 */

/** `mailto:<address>`. */
export function mailtoAddress(address: string): string {
  // `@` may stay literal in the addr-spec (RFC 6068 §2); everything else reserved is encoded.
  return `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}`;
}

/** `?subject=…&body=…`, percent-encoded. */
export function mailtoQuery(subject: string, body: string): string {
  return ['?subject=', encodeHeaderValue(subject), '&body=', encodeHeaderValue(body)].join('');
}

/** Percent-encodes a header value with every line break as `%0D%0A` (RFC 6068 §5). */
function encodeHeaderValue(text: string): string {
  // Only bare LFs (the usual case) can be widened after encoding; CRs need normalising first.
  return text.includes('\r')
    ? encodeURIComponent(text.replace(/\r\n|\r|\n/g, '\r\n'))
    : encodeURIComponent(text).replace(/%0A/g, '%0D%0A');
}
