/** Written as it is. */
const NONE = 0;
/** Not written at all. */
const DROP = 0xff;

/**
 * How TEXT writes each ASCII character (RFC 5545 §3.3.11): {@link NONE}, {@link DROP} for the
 * control characters other than HTAB, else the character to write after a backslash (`n` for CR
 * and LF, and a CRLF pair is one line break).
 */
const TEXT_ESCAPES = Uint8Array.from({ length: 0x80 }, (_, code) => {
  if (code === 0x0a || code === 0x0d) return 0x6e; // n
  if (code === 0x5c || code === 0x3b || code === 0x2c) return code;
  if ((code < 0x20 && code !== 0x09) || code === 0x7f) return DROP;
  return NONE;
});

/** Values written as they are (URIs, list separators). */
const NO_ESCAPES = new Uint8Array(0x80);

const CR = 0x0d;
const LF = 0x0a;

/**
 * Writes a calendar straight to UTF-8 in one growing byte buffer, escaping TEXT values (RFC 5545
 * §3.3.11) and folding lines at 75 octets (§3.1) in the same pass. `escapeText` and
 * `foldLine` are the reference for both; the tests hold this writer to them.
 *
 * Why bytes: a calendar is UTF-8 on the wire and mostly ASCII, but one character outside Latin-1
 * makes a JavaScript string two bytes per character. Built from string pieces, a 50,000-event
 * calendar was held twice at that width (joined chunks, then the result), and newly touched memory
 * was most of its cost; millions of pieces to push and join were most of the rest. Here the only
 * long-lived copy is the bytes (one per ASCII character), and {@link IcsWriter.toString} decodes
 * them once.
 */
export class IcsWriter {
  private bytes = new Uint8Array(64 * 1024);
  private length = 0;
  /** Octets left on the current physical line. */
  private free = 0;
  private events = 0;
  /**
   * Whether the TEXT appended last ended in a CR: an LF starting the next piece of the same value
   * completes that line break (a CRLF pair is one), as it does in the joined text.
   */
  private afterCR = false;
  private readonly encoder = new TextEncoder();

  /** @param expectedEvents how many events will be written, to size the buffer once it has a sample */
  constructor(private readonly expectedEvents = 0) {}

  /**
   * Writes `text` as it is, unfolded: fixed lines, and lines known to be short (date-times, stamps,
   * TZIDs, lines already folded). Must be well-formed UTF-16.
   */
  write(text: string): void {
    const length = text.length;
    this.reserve(length * 3);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        // Rare here (a calendar name): the rest through the platform's encoder.
        this.length = at + this.encoder.encodeInto(text.slice(i), bytes.subarray(at)).written;
        return;
      }
      bytes[at++] = code;
    }
    this.length = at;
  }

  /** Starts a content line: `head` is the property name and parameters with the colon, in ASCII. */
  startLine(head: string): void {
    this.write(head);
    this.free = 75 - head.length;
    this.afterCR = false;
  }

  /** Appends TEXT to the current line, escaped as `escapeText` does and folded. */
  appendText(value: string): void {
    const from = this.afterCR && value.charCodeAt(0) === LF ? 1 : 0;
    this.append(value, TEXT_ESCAPES, from);
    this.afterCR = value.length > from && value.charCodeAt(value.length - 1) === CR;
  }

  /** Appends `value` as it is (it must need no escaping) to the current line, folded. */
  appendRaw(value: string): void {
    this.append(value, NO_ESCAPES);
    this.afterCR = false;
  }

  endLine(): void {
    this.reserve(2);
    this.bytes[this.length++] = CR;
    this.bytes[this.length++] = LF;
  }

  /** A whole content line with a TEXT value. */
  textLine(head: string, value: string): void {
    this.startLine(head);
    this.appendText(value);
    this.endLine();
  }

  /** Marks the end of an event (the buffer's growth is sized by the events written). */
  endEvent(): void {
    this.events += 1;
  }

  /** Puts `text` in front of everything written so far, for what is known only at the end. */
  prepend(text: string): void {
    const head = this.encoder.encode(text);
    this.reserve(head.length);
    this.bytes.copyWithin(head.length, 0, this.length);
    this.bytes.set(head);
    this.length += head.length;
  }

  /** The calendar as UTF-8, a view of the writer's buffer. */
  toBytes(): Uint8Array<ArrayBuffer> {
    return this.bytes.subarray(0, this.length);
  }

  /** The calendar as a string. */
  toString(): string {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(this.toBytes());
  }

  /**
   * Encodes `value` as UTF-8, escaping ASCII characters as `escapes` says, and folds before any
   * character that would take the line past 75 octets, exactly where `foldLine` folds the
   * escaped text: never inside a UTF-8 sequence or a surrogate pair, but between a backslash and
   * the character it escapes if the line is full there. Lone surrogates become U+FFFD, as in
   * `escapeText`.
   */
  private append(value: string, escapes: Uint8Array, from = 0): void {
    const length = value.length;
    // At most 3 octets per UTF-16 unit (4 for a pair of 2), a fold per 74 octets.
    this.reserve(length * 4 + 3);
    const bytes = this.bytes;
    let at = this.length;
    let free = this.free;
    for (let i = from; i < length; i++) {
      let code = value.charCodeAt(i);
      if (code < 0x80) {
        const escaped = escapes[code]!;
        if (escaped === NONE) {
          if (free === 0) {
            at = fold(bytes, at);
            free = 74;
          }
          // The common case: a run of characters written as they are, one octet each.
          const start = i;
          const end = Math.min(length, i + free);
          bytes[at++] = code;
          while (++i < end) {
            code = value.charCodeAt(i);
            if (code >= 0x80 || escapes[code] !== NONE) break;
            bytes[at++] = code;
          }
          free -= i - start;
          i -= 1; // the loop's i++ moves on to the character that ended the run
          continue;
        }
        if (escaped === DROP) continue;
        if (code === CR && value.charCodeAt(i + 1) === LF) i += 1;
        // A backslash and the escape's character, which a full line may fold between.
        if (free === 0) {
          at = fold(bytes, at);
          free = 74;
        }
        bytes[at++] = 0x5c;
        if (free === 1) {
          at = fold(bytes, at);
          free = 75;
        }
        bytes[at++] = escaped;
        free -= 2;
        continue;
      }
      let size = 3;
      if (code < 0x800) size = 2;
      else if (code >= 0xd800 && code <= 0xdfff) {
        const next = value.charCodeAt(i + 1);
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          size = 4;
          i += 1;
        } else code = 0xfffd; // a lone surrogate
      }
      if (size > free) {
        at = fold(bytes, at);
        free = 74;
      }
      free -= size;
      if (size === 2) {
        bytes[at++] = 0xc0 | (code >> 6);
      } else if (size === 3) {
        bytes[at++] = 0xe0 | (code >> 12);
        bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      } else {
        bytes[at++] = 0xf0 | (code >> 18);
        bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      }
      bytes[at++] = 0x80 | (code & 0x3f);
    }
    this.length = at;
    this.free = free;
  }

  /**
   * Makes room for `extra` more bytes. Once some events are written it grows straight to the size
   * they project for `expectedEvents`, so a large calendar is copied once or twice, not ten times.
   * Capacity never written to costs address space only.
   */
  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const projected =
      this.events > 0 ? Math.ceil((this.length / this.events) * this.expectedEvents * 1.125) : 0;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2, projected));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** Writes a fold (RFC 5545 §3.1): CRLF, then the space that marks a continuation line. */
function fold(bytes: Uint8Array, at: number): number {
  bytes[at] = CR;
  bytes[at + 1] = LF;
  bytes[at + 2] = 0x20;
  return at + 3;
}
