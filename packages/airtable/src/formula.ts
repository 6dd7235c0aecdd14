/**
 * Airtable formula text built from data. Everything that comes from a reminder or a user setting is
 * escaped here, never concatenated by hand, so a key like `a"b` cannot change what a filter means.
 *
 * Airtable's formula language takes string literals in double quotes with backslash escapes and field
 * references in curly braces, where a closing brace is written `\}`
 * (https://support.airtable.com/docs/formula-field-reference).
 */

/**
 * A formula string literal for `value`: double-quoted, with `\`, `"`, and line breaks and tabs
 * backslash-escaped.
 *
 * @example
 * formulaString('say "hi"\n') // => "say \"hi\"\n" (as formula text)
 */
export function formulaString(value: string): string {
  const escaped = value.replace(/[\\"\n\r\t]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\${char}`;
    }
  });
  return `"${escaped}"`;
}

/**
 * A formula reference to the field called `name`: `{Due date}`. A `}` or `\` inside the name is
 * backslash-escaped so it cannot close the reference early.
 */
export function formulaField(name: string): string {
  return `{${name.replace(/[\\}]/g, (char) => `\\${char}`)}}`;
}

/** The filter that selects every record whose key field is not empty: `NOT({Key} = '')`. */
export function nonEmptyFieldFormula(fieldName: string): string {
  return `NOT(${formulaField(fieldName)} = '')`;
}

/** The filter that selects the records whose `fieldName` equals `value` exactly. */
export function fieldEqualsFormula(fieldName: string, value: string): string {
  return `${formulaField(fieldName)} = ${formulaString(value)}`;
}
