/**
 * Regressions in how the YAML text is read: a byte-order mark shifted line 1, aliases hit the
 * YAML library's count limit without a position, errors in an aliased value pointed at its
 * anchor, keys that differ only in YAML type collapsed silently, and a file with classic Mac line
 * endings read as one line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRunnerUpError, type RunnerUpError } from '../../src/errors';
import { locateYamlPath, parsePipelineYaml } from '../../src/parse';

const directory = fileURLToPath(new URL('../fixtures/malformed/', import.meta.url));

function errorOf(text: string, file = 'f.yaml'): RunnerUpError {
  try {
    parsePipelineYaml(text, { file });
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error('expected a RunnerUpError, the file parsed');
}

const opportunity = (id: string, cadence: string) =>
  `  - { id: ${id}, organization: Acme, title: PM, dates: { decided: 2026-11-20 }, cadence: ${cadence} }`;

/** A file whose first opportunity writes its cadence, `steps`, under the anchor `&c`. */
const anchoredCadence = (steps: string) => `version: 1
owner: { name: Lynne, timezone: UTC }
opportunities:
  - id: first
    organization: Acme
    title: PM
    dates: { decided: 2026-11-20 }
    cadence: &c { steps: ${steps} }
`;

describe('a byte-order mark', () => {
  const fixtures = readdirSync(directory).filter((name) => name.endsWith('.yaml'));

  it.each(fixtures)('leaves the positions of %s as they are without it', (name) => {
    const text = readFileSync(directory + name, 'utf8');
    const without = errorOf(text, name);
    const withBom = errorOf(`\uFEFF${text}`, name);
    expect(withBom.message).toBe(without.message);
    expect(withBom.issues).toEqual(without.issues);
  });

  it('gives a top-level list its own message, not a syntax error', () => {
    expect(errorOf('\uFEFF- a').message).toBe(
      'f.yaml:1:1: expected a mapping with `version: 1`, `owner` and `opportunities` at the top of the file, got a list',
    );
  });

  it('is no part of a file that parses', () => {
    const pipeline = parsePipelineYaml('\uFEFFversion: 1\nowner: { name: Lynne, timezone: UTC }\n');
    expect(pipeline.owner.name).toBe('Lynne');
  });
});

describe('aliases', () => {
  const header = anchoredCadence('[{ id: s, from: decided, after: P1D, title: x }]');

  it('may share a value many times: 300 opportunities with `cadence: *c`', () => {
    const rows = Array.from({ length: 300 }, (_, i) => opportunity(`o${i}`, '*c'));
    const pipeline = parsePipelineYaml(`${header}${rows.join('\n')}\n`);
    expect(pipeline.opportunities).toHaveLength(301);
  });

  it('that expand past the limit (an alias bomb) are an error at the alias that crossed it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const started = performance.now();
    const error = errorOf(`${levels.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('yaml_syntax');
    expect(error.message).toMatch(
      /^f\.yaml:6:\d+: the aliases of this file \(`\*e`\) expand to more than 1000000 values: write the values out, or name a cadence under `cadences:` and use its id \(or `extends:` it\) instead of repeating it with an alias$/,
    );
  });
});

describe('an error in an aliased value', () => {
  it('points at the alias where the value is used, and names the anchor', () => {
    const text = `version: 1
owner:
  name: &n Lynne
  timezone: America/Chicago
opportunities:
  - id: acme-pm
    organization: Acme
    title: PM
    dates: { decided: *n }
`;
    expect(errorOf(text).message).toBe(
      'f.yaml:9:23 `opportunities[0].dates.decided`: expected a date like 2026-11-20, got "Lynne" (the value of `&n`, set at 3:12)',
    );
    expect(locateYamlPath(text, ['opportunities', 0, 'dates', 'decided'])).toEqual({
      line: 9,
      column: 23,
    });
  });

  it('inside an aliased mapping points at the alias, and at the field in the anchor', () => {
    const text = `${anchoredCadence('[{ id: s, from: decided, after: soon, title: x }]')}${opportunity('second', '*c')}\n`;
    const error = errorOf(text);
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [8, 58, 'expected an ISO 8601 duration like P3M or PT30M, got "soon"'],
      [
        9,
        91,
        'expected an ISO 8601 duration like P3M or PT30M, got "soon" (the value of `&c`, set at 8:58)',
      ],
    ]);
  });
});

describe('keys that differ only in YAML type', () => {
  it('are a duplicate key, as YAML reads both as one field', () => {
    const text = `version: 1
owner: { name: Lynne, timezone: UTC }
cadences:
  1: { steps: [{ id: s, from: decided, after: P1D, title: x }] }
  "1": { steps: [{ id: t, from: decided, after: P2D, title: y }] }
opportunities:
  - id: acme-pm
    organization: Acme
    title: PM
    dates: { decided: 2026-11-20, true: 2026-11-21, "true": 2026-11-22 }
`;
    const error = errorOf(text);
    expect(error.code).toBe('yaml_syntax');
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [
        5,
        3,
        'duplicate key `1`: a key may appear only once in a mapping (`1` and `"1"` are one key)',
      ],
      [
        10,
        53,
        'duplicate key `true`: a key may appear only once in a mapping (`true` and `"true"` are one key)',
      ],
    ]);
  });

  it('leaves keys of one type to the YAML library, reported once', () => {
    const error = errorOf('version: 1\nversion: 1\nowner: { name: Lynne, timezone: UTC }\n');
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe(
      'f.yaml:2:1 `version`: duplicate key `version`: a key may appear only once in a mapping',
    );
  });
});

describe('line endings YAML does not read as line breaks', () => {
  const lines = ['version: 1', 'owner:', '  name: Lynne', '  timezone: UTC'];

  it('a carriage return alone (classic Mac) asks for LF or CRLF', () => {
    expect(errorOf(lines.join('\r')).message).toBe(
      'f.yaml:1:11: the lines of this file end with a carriage return alone (classic Mac line endings), which YAML does not read as line breaks: save the file with LF or CRLF line endings',
    );
  });

  it.each([
    ['\u2028', 'U+2028'],
    ['\u2029', 'U+2029'],
  ])('a Unicode separator between lines (%#) asks for LF or CRLF', (separator, name) => {
    expect(errorOf(lines.join(separator)).message).toBe(
      `f.yaml:1:11: the lines of this file are separated by ${name}, which YAML does not read as a line break: save the file with LF or CRLF line endings`,
    );
  });

  it('one such line among lines ending in LF, when the file does not read, is named at its place', () => {
    expect(errorOf('version: 1\u2028owner: { name: L, timezone: UTC }\n').message).toBe(
      'f.yaml:1:11: this line ends with U+2028, which YAML does not read as a line break: save the file with LF or CRLF line endings',
    );
    expect(errorOf('version: 1\nowner:\r  name: L\n  timezone: UTC\n').message).toBe(
      'f.yaml:2:7: this line ends with a carriage return alone (a classic Mac line ending), which YAML does not read as a line break: save the file with LF or CRLF line endings',
    );
    // One inside a quoted value, where it is the value's, is not blamed for a problem elsewhere.
    expect(
      errorOf(
        'version: 1\nowner: { name: "Lynne\u2028Smith", timezone: UTC }\nopportunities:\n  - id: a\n   title: T\n',
      ).message,
    ).not.toContain('line break');
    // In a file that reads, a separator inside a value is that value's.
    const note = parsePipelineYaml(
      'version: 1\nowner: { name: "Lynne\u2028Smith", timezone: UTC }\n',
    ).owner.name;
    expect(note).toBe('Lynne\u2028Smith');
  });

  it('CRLF and a carriage return at the end of a one-line file are fine', () => {
    expect(parsePipelineYaml(`${lines.join('\r\n')}\r\n`).owner.name).toBe('Lynne');
    expect(errorOf('version: 1\r').message).not.toContain('line endings');
  });
});
