/**
 * The two halves of a `mailto:` link (RFC 6068). Internal: {@link mailtoLink} is the public form;
 * plan() encodes the query half once per distinct message and shares it between contacts.
 *
 * @module
 */

/** `mailto:<address>`. */
export function mailtoAddress(address: string): string {
  // `@` may stay literal in the addr-spec (RFC 6068 §2); everything else reserved is encoded.
  // Most addresses hold nothing to encode, and are checked for that rather than encoded.
  if (PLAIN_ADDRESS.test(address)) return `mailto:${address}`;
  return `mailto:${encode(address).replace(/%40/g, '@')}`;
}

/** Addresses of only the characters `encodeURIComponent` leaves as they are, and `@`. */
const PLAIN_ADDRESS = /^[\w.!~*'()@-]*$/;

/** `?subject=…&body=…`, percent-encoded. */
export function mailtoQuery(subject: string, body: string): string {
  return ['?subject=', encodeHeaderValue(subject), '&body=', encodeHeaderValue(body)].join('');
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Percent-encodes a header value with every line break as `%0D%0A` (RFC 6068 §5). */
function encodeHeaderValue(text: string): string {
  // Line breaks are normalised before encoding: the text is half the length of its encoding, so
  // this copies less than widening `%0A` afterwards would.
  return encode(text.replace(LINE_BREAK, '\r\n'));
}

/** A surrogate without its pair: half of a character cut in two. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `encodeURIComponent`, with half a character (a lone surrogate, as a string cut mid-emoji has)
 * written as U+FFFD rather than thrown as a `URIError`.
 */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
  }
}
