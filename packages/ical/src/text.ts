/**
 * RFC 5545 content-line primitives: value escaping and line folding.
 * Every byte of user text that reaches the output passes through {@link escapeText}, so a note
 * holding `\r\nEND:VEVENT` stays inside its property value.
 */

/** The line terminator RFC 5545 §3.1 requires. */
export const CRLF = '\r\n';

const TEXT_SPECIAL = /[\\;,\r\n\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` get a backslash, every line break
 * (CRLF, LF or CR) becomes the two characters `\n`, and the control characters TEXT does not
 * allow (all of them but HTAB) are dropped. Lone UTF-16 surrogates become U+FFFD.
 */
export function escapeText(value: string): string {
  // Fast path: most titles and names need no change at all.
  if (!TEXT_SPECIAL.test(value)) return value;
  // One pass, one allocation: this runs on every description of a 50,000-event feed.
  return value.replace(TEXT_ESCAPE, escapeMatch);
}

const TEXT_ESCAPE =
  /\r\n|[\\;,\r\n]|[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeMatch(match: string): string {
  switch (match) {
    case '\r\n':
    case '\r':
    case '\n':
      return '\\n';
    case '\\':
    case ';':
    case ',':
      return `\\${match}`;
    default:
      // A control character TEXT does not allow, or a lone surrogate.
      return match.charCodeAt(0) >= 0xd800 ? '\ufffd' : '';
  }
}

/**
 * Makes a URI safe to write as a property value (RFC 5545 §3.3.13 defers to RFC 3986): anything
 * that is not printable ASCII, a space or a line break included, is percent-encoded, so a URI can
 * neither end the line nor smuggle in a property.
 */
export function sanitizeUri(value: string): string {
  // Fast path: a URI of printable ASCII only (a percent-encoded mailto: link) is kept as is.
  if (!URI_UNSAFE.test(value)) return value;
  return value
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/[^\u0021-\u007e]/gu, (c) => encodeURIComponent(c));
}

const URI_UNSAFE = /[^\u0021-\u007e]/;

/** UTF-8 length in octets of the UTF-16 code unit at `i` (a surrogate pair counts 4 on its high half). */
function octets(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) return 4;
  return 3;
}

/**
 * Folds one content line so no physical line exceeds 75 octets, CRLF excluded (RFC 5545 §3.1).
 * Continuation lines start with one space, which counts toward their 75. A fold never splits a
 * UTF-8 sequence or a UTF-16 surrogate pair, so every physical line is valid UTF-8 on its own.
 * Returns the folded line without a trailing CRLF.
 */
export function foldLine(line: string): string {
  const length = line.length;
  // Fast path: 25 UTF-16 units are at most 75 octets (a pair is 2 units, 4 octets).
  if (length <= 25) return line;
  let ascii = true;
  for (let i = 0; i < length; i++) {
    if (line.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (length <= 75) return line;
    let out = line.slice(0, 75);
    for (let i = 75; i < length; i += 74) out += `${CRLF} ${line.slice(i, i + 74)}`;
    return out;
  }
  let out = '';
  let start = 0;
  let used = 0;
  let limit = 75;
  for (let i = 0; i < length; i++) {
    const code = line.charCodeAt(i);
    const size = octets(code);
    const units = size === 4 && i + 1 < length ? 2 : 1;
    if (used + size > limit) {
      out += (start === 0 ? '' : `${CRLF} `) + line.slice(start, i);
      start = i;
      used = 0;
      limit = 74;
    }
    used += size;
    i += units - 1;
  }
  return out + (start === 0 ? '' : `${CRLF} `) + line.slice(start);
}

/** A parameter value (RFC 5545 §3.2): quoted when it holds `:` `;` or `,`; DQUOTE and controls dropped. */
export function paramValue(value: string): string {
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Control characters TEXT cannot hold (RFC 5545 §3.3.11); tabs and line breaks stay. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/**
 * `value` as TEXT can hold it, before escaping: every line break as LF, without the other control
 * characters but tab, and with U+FFFD for a lone surrogate, as {@link escapeText} and the `toIcs`
 * writer treat them. For text handed to another writer (ical-generator passes both through as they are).
 */
export function withoutControls(value: string): string {
  // Judged where they stand, as the writer does: a dropped control between two halves does not
  // make them a pair, nor one between a CR and an LF a single line break.
  return value.replace(LONE_SURROGATE, '\ufffd').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}
