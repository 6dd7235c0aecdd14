/**
 * Text for a terminal: control characters in what the CLI echoes (a title from the file, an id
 * typed on the command line) are written as escapes, so no value can drive the terminal (move the
 * cursor, set its title, hide text, reorder a line with a bidi override). JSON output escapes the
 * C0 controls itself; {@link jsonText} escapes the rest, which JSON allows raw.
 *
 * @module
 */

/**
 * The characters escaped: C0 controls and DEL, C1 controls (8-bit CSI and OSC among them), and the
 * bidirectional formatting characters (marks, embeddings, overrides, isolates).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The escape a control character is written as: `\u001b` for ESC, `\u202e` for RLO. */
function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `value` with every control character escaped, line breaks and tabs included: for a value (a
 * title, a name) placed in a line of output, which must stay on that line.
 */
export function escapeControls(value: string): string {
  return value.replace(CONTROLS, escaped);
}

/**
 * Our own colours, which {@link terminalText} keeps: the SGR sequences picocolors writes for bold,
 * dim, the foreground colours and their resets. Never one that hides text (conceal, black,
 * inverse, a background) should a value that was not escaped hold it.
 */
const OWN_COLOR = /\u001b\[(?:1|2|22|3[1-7]|39|90)m/y;

/**
 * Whole lines of output for a terminal: every control character escaped except line breaks, tabs
 * and, with `colors: true`, the colour sequences the CLI writes itself (stdout's, where values that
 * could hold a colour sequence of their own, the file's, are escaped with {@link escapeControls}
 * before they are coloured).
 */
export function terminalText(text: string, { colors = false }: { colors?: boolean } = {}): string {
  return text.replace(CONTROLS, (char, offset: number) => {
    if (char === '\n' || char === '\t') return char;
    if (colors && char === '\u001b') {
      OWN_COLOR.lastIndex = offset;
      if (OWN_COLOR.test(text)) return char;
    }
    return escaped(char);
  });
}

/**
 * JSON text with the control characters JSON allows raw (DEL, the C1 controls, the bidi
 * formatting characters) written as `\u` escapes: it parses to the same values, and shown in a
 * terminal (`runner-up agenda --json` without a pipe) no value can drive it. They occur only inside
 * strings, where an escape is equivalent; line breaks and tabs between values stay.
 */
export function jsonText(text: string): string {
  return text.replace(CONTROLS, (char) => (char === '\n' || char === '\t' ? char : escaped(char)));
}
