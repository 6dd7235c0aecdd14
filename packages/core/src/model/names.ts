/**
 * How names are compared.
 *
 * @module
 */

/**
 * A name as runner-up compares it: in Unicode normal form C, without the spaces around it,
 * lower-cased. Two spellings that look the same are one name: `Léa` typed with a combining accent
 * (as pasted from some input methods and from macOS file names) matches `Léa` written with the
 * accented letter.
 *
 * Contact names (a touchpoint's `with:`, a step's `to:`), organizations and roles are compared
 * this way.
 *
 * @example
 * comparableName(' Léa Hårt ') === comparableName('le\u0301a ha\u030art') // true
 */
export function comparableName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}
