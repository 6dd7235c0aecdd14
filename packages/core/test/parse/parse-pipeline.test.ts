import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/engine/plan';
import { isRunnerUpError } from '../../src/errors';
import {
  createYamlLocator,
  locateYamlPath,
  parsePipeline,
  parsePipelineYaml,
  safeParsePipeline,
  safeParsePipelineYaml,
} from '../../src/parse';
import { lintPipeline } from '../../src/parse/lint';
import { definePlugin } from '../../src/plugin/define-plugin';
import { caught } from '../engine/fixtures';

const minimal = `version: 1
owner:
  name: Lynne Park
  timezone: America/Chicago
opportunities:
  - id: northwind-pm
    organization: Northwind Telecom
    title: Program Manager
    dates:
      decided: 2026-11-20
`;

describe('parsePipelineYaml', () => {
  it('reads a minimal file and fills in the documented defaults', () => {
    const pipeline = parsePipelineYaml(minimal);
    expect(pipeline.owner).toMatchObject({
      at: '09:00',
      duration: 'PT30M',
      workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: [],
    });
    expect(pipeline.cadences).toEqual({});
    expect(pipeline.opportunities[0]).toMatchObject({
      kind: 'job',
      status: 'runner-up',
      cadence: 'runner-up',
      contacts: [],
      touchpoints: [],
      dates: { decided: '2026-11-20' },
    });
  });

  it('keeps unquoted dates and times as text (YAML 1.2 core schema)', () => {
    const pipeline = parsePipelineYaml(
      minimal.replace('  timezone:', '  at: 09:30\n  holidays: [2026-12-25]\n  timezone:'),
    );
    expect(pipeline.owner.at).toBe('09:30');
    expect(pipeline.owner.holidays).toEqual(['2026-12-25']);
    expect(pipeline.opportunities[0]!.dates.decided).toBe('2026-11-20');
  });

  it('reports every problem in `issues`, sorted by position, and the first in the message', () => {
    const text = minimal
      .replace('America/Chicago', 'Central')
      .replace('2026-11-20', 'soon')
      .replace('    title: Program Manager\n', '    title: Program Manager\n    colour: blue\n');
    const error = caught(() => parsePipelineYaml(text, { file: 'runner-up.yaml' }));
    expect(error.code).toBe('invalid_pipeline');
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.path.join('.')])).toEqual([
      [4, 13, 'owner.timezone'],
      [9, 5, 'opportunities.0.colour'],
      [11, 16, 'opportunities.0.dates.decided'],
    ]);
    expect(error.message).toBe(
      'runner-up.yaml:4:13 `owner.timezone`: unknown time zone "Central": use an IANA name like America/Chicago (and 2 more problems)',
    );
    expect([error.line, error.column, error.path]).toEqual([4, 13, ['owner', 'timezone']]);
  });

  it('says "1 more problem" in the singular', () => {
    const text = minimal.replace('America/Chicago', 'Central').replace('2026-11-20', 'soon');
    expect(caught(() => parsePipelineYaml(text)).message).toMatch(/\(and 1 more problem\)$/);
  });

  it('points a missing field at its parent mapping, an unknown field at its key, a bad value at the value', () => {
    const missing = caught(() =>
      parsePipelineYaml(minimal.replace('    title: Program Manager\n', '')),
    );
    expect([missing.line, missing.column]).toEqual([6, 5]);
    expect(missing.message).toBe(
      'line 6, column 5 `opportunities[0].title`: missing required field `title`',
    );
    const unknown = caught(() => parsePipelineYaml(minimal.replace('  name:', '  nmae:')));
    expect([unknown.line, unknown.column]).toEqual([3, 3]);
    expect(unknown.message).toContain('unknown field `nmae`; did you mean `name`?');
    const bad = caught(() => parsePipelineYaml(minimal.replace('2026-11-20', '2026-11-31')));
    expect([bad.line, bad.column]).toEqual([10, 16]);
  });

  it('points an empty value at its key', () => {
    const error = caught(() => parsePipelineYaml(minimal.replace('Program Manager', '')));
    expect(error.message).toBe(
      'line 8, column 5 `opportunities[0].title`: expected text, got nothing (an empty value)',
    );
  });

  it('tells you to quote a number where text goes', () => {
    const error = caught(() => parsePipelineYaml(minimal.replace('Program Manager', '1234')));
    expect(error.message).toContain(
      'expected text, got 1234 (YAML reads 1234 as a number: put it in quotes)',
    );
    const boolean = caught(() => parsePipelineYaml(minimal.replace('Program Manager', 'true')));
    expect(boolean.message).toContain('(YAML reads true as a true/false value: put it in quotes)');
  });

  it('says what is wrong with the number of business days in an offset', () => {
    const withOffset = (offset: string) =>
      `${minimal}    cadence:\n      steps:\n        - { id: a, from: decided, after: ${offset}, title: Hi }\n`;
    const messages = ['1.5', '-1', '"2"'].map(
      (days) => caught(() => parsePipelineYaml(withOffset(`{ businessDays: ${days} }`))).message,
    );
    expect(messages).toEqual([
      'line 13, column 58 `opportunities[0].cadence.steps[0].after.businessDays`: expected a whole number, got 1.5',
      'line 13, column 58 `opportunities[0].cadence.steps[0].after.businessDays`: must be at least 0, got -1',
      'line 13, column 58 `opportunities[0].cadence.steps[0].after.businessDays`: expected a number, got "2"',
    ]);
    // A mapping without it is neither kind of offset.
    expect(caught(() => parsePipelineYaml(withOffset('{ weeks: 3 }'))).message).toBe(
      'line 13, column 42 `opportunities[0].cadence.steps[0].after`: expected a duration like P3W or `{ businessDays: 1 }`, got a mapping',
    );
  });

  it('rejects duplicate keys in a mapping as a syntax error naming the key', () => {
    const error = caught(() =>
      parsePipelineYaml(
        minimal.replace('  name: Lynne Park\n', '  name: Lynne Park\n  name: Lynne\n'),
      ),
    );
    expect(error.code).toBe('yaml_syntax');
    expect(error.path).toEqual(['owner', 'name']);
    expect([error.line, error.column]).toEqual([4, 3]);
  });

  it('lists the other problems of a file with a duplicate key too, in file order', () => {
    // The duplicate key used to hide every other problem of the file.
    const error = caught(() =>
      parsePipelineYaml(
        minimal
          .replace('  name: Lynne Park\n', '  name: Lynne Park\n  name: Lynne\n')
          .replace('America/Chicago', 'America/Chicgo'),
      ),
    );
    expect(error.code).toBe('yaml_syntax');
    expect(error.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
      ['yaml_syntax', 'owner.name'],
      ['invalid_pipeline', 'owner.timezone'],
    ]);
    expect(error.message).toContain('(and 1 more problem)');
  });

  it('leaves to the duplicate key what is wrong under it, as either value could be meant', () => {
    // A bad `at` under a duplicated key used to be placed on the other, valid line, or lost.
    for (const [first, second] of [
      ['"09:00"', '"25:00"'],
      ['"25:00"', '"09:00"'],
    ]) {
      const error = caught(() =>
        parsePipelineYaml(
          minimal.replace(
            '  name: Lynne Park\n',
            `  name: Lynne Park\n  at: ${first}\n  at: ${second}\n`,
          ),
        ),
      );
      expect(error.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
        ['yaml_syntax', 'owner.at'],
      ]);
    }
  });

  it('refuses alias expansion that would blow up (a "billion laughs" file) with a RunnerUpError', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const error = caught(() => parsePipelineYaml(lines.join('\n')));
    expect(error.code).toBe('yaml_syntax');
  });

  it('rejects a text that is not a string with invalid_options', () => {
    const error = caught(() => parsePipelineYaml(42 as unknown as string));
    expect(error.code).toBe('invalid_options');
  });
});

describe('cross-reference checks', () => {
  it('counts an empty date as present: the anchor exists but is not known yet', () => {
    const text = minimal.replace('      decided: 2026-11-20\n', '      decided:\n');
    expect(parsePipelineYaml(text).opportunities[0]!.dates).toEqual({ decided: null });
  });

  it("lets a preset's estimate stand in for a date the opportunity lacks", () => {
    // runner-up counts one step from `winnerStarts`, which it estimates from `decided`.
    expect(() => parsePipelineYaml(minimal)).not.toThrow();
  });

  it('reports a date a preset needs under the opportunity, with a typo hint', () => {
    const error = caught(() =>
      parsePipelineYaml(minimal.replace('decided:', 'decide:'), { file: 'runner-up.yaml' }),
    );
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['opportunities', 0, 'dates', 'decided']);
    expect(error.message).toContain('is `decide` a typo of it?');
  });

  it('reports each opportunity that lacks a date its cadence counts from, as plan() needs it for each', () => {
    const text = `${minimal}    cadence: gentle
  - id: southgate-lead
    organization: Southgate
    title: Team Lead
    cadence: gentle
    dates: { interviewed: 2026-11-02 }
cadences:
  gentle:
    steps:
      - { id: hello, after: P1D, from: decided, title: Say hello }
`;
    const error = caught(() => parsePipelineYaml(text));
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['opportunities', 1, 'dates', 'decided']);
    expect([error.line, error.column]).toEqual([16, 12]);
    expect(error.message).toBe(
      'line 16, column 12 `opportunities[1].dates.decided`: missing date `decided`: cadence "gentle" counts step "hello" from it; add `decided: YYYY-MM-DD` under `dates` (or `decided:` with no value while it is unknown)',
    );
  });

  it('needs some date to start a cadence whose first step counts from `previous`', () => {
    const text = minimal.replace(
      '    dates:\n      decided: 2026-11-20\n',
      '    cadence: quarterly\n',
    );
    const error = caught(() => parsePipelineYaml(text));
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['opportunities', 0, 'dates', 'decided']);
    const touched = `${text}    touchpoints: [{ on: 2026-11-21, channel: call }]\n`;
    expect(() => parsePipelineYaml(touched)).not.toThrow();
  });

  it('checks the anchors of a cadence handed over to with `thenCadence`', () => {
    const text = `${minimal}    cadence: first
cadences:
  first:
    steps: [{ id: a, after: P1D, from: decided, title: A }]
    rules: { maxUnanswered: 1, thenCadence: second }
  second:
    steps: [{ id: b, after: P1D, from: kickoff, title: B }]
`;
    const error = caught(() => parsePipelineYaml(text));
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['cadences', 'second', 'steps', 0, 'from']);
  });

  it('lets a custom cadence override a preset of the same id', () => {
    const text = `${minimal}cadences:
  runner-up:
    steps: [{ id: only, after: P2W, from: decided, title: Check in }]
`;
    expect(Object.keys(parsePipelineYaml(text).cadences)).toEqual(['runner-up']);
  });

  it('accepts a plugin cadence by name and suggests it for a typo', () => {
    const plugin = definePlugin({
      name: 'acme',
      cadences: {
        'monthly-coffee': {
          steps: [{ id: 'coffee', after: 'P1M', from: 'decided', title: 'Coffee' }],
        },
      },
    });
    const text = `${minimal}    cadence: monthly-coffee\n`;
    expect(parsePipelineYaml(text, { plugins: [plugin] }).opportunities[0]!.cadence).toBe(
      'monthly-coffee',
    );
    const error = caught(() => parsePipelineYaml(text));
    expect(error.code).toBe('unknown_cadence');
    const typo = caught(() =>
      parsePipelineYaml(text.replace('monthly-coffee', 'monthly-cofee'), { plugins: [plugin] }),
    );
    expect(typo.message).toContain('did you mean `monthly-coffee`?');
    // Parsed with the plugin, planned without it: the message says to pass it to plan() too.
    const parsed = parsePipelineYaml(text, { plugins: [plugin] });
    const planned = caught(() => plan(parsed, { now: '2026-11-30T15:00:00Z' }));
    expect(planned.code).toBe('unknown_cadence');
    expect(planned.message).toMatch(
      / The pipeline was parsed knowing it: if it is a plugin's cadence, pass `plan\(\)` the same `plugins` as parsing\.$/,
    );
    expect(planned.path).toEqual(['opportunities', 0, 'cadence']);
    // Reached only by a hand-over, it is told at the `thenCadence` that names it: the file's
    // cadence's, or an inline cadence's.
    const handedOver = `version: 1
owner: { name: Lynne, timezone: America/Chicago }
cadences:
  first:
    steps: [{ id: hello, from: decided, after: P1D, title: Hello }]
    rules: { maxUnanswered: 1, thenCadence: monthly-coffee }
opportunities:
  - { id: a, organization: A, title: PM, dates: { decided: 2026-11-20 }, cadence: first }
  - id: b
    organization: B
    title: PM
    dates: { decided: 2026-11-20 }
    cadence:
      steps: [{ id: hi, from: decided, after: P1D, title: Hi }]
      rules: { maxUnanswered: 1, thenCadence: monthly-coffee }
`;
    const viaFile = parsePipelineYaml(handedOver, { plugins: [plugin] });
    expect(caught(() => plan(viaFile, { now: '2026-11-30T15:00:00Z' })).path).toEqual([
      'cadences',
      'first',
      'rules',
      'thenCadence',
    ]);
    expect(caught(() => lintPipeline(viaFile)).path).toEqual([
      'cadences',
      'first',
      'rules',
      'thenCadence',
    ]);
    const viaInline = parsePipelineYaml(
      handedOver.replace('cadence: first }', 'cadence: false }'),
      {
        plugins: [plugin],
      },
    );
    for (const run of [
      () => plan(viaInline, { now: '2026-11-30T15:00:00Z' }),
      () => lintPipeline(viaInline),
    ]) {
      expect(caught(run).path).toEqual(['opportunities', 1, 'cadence', 'rules', 'thenCadence']);
    }
    expect(plan(parsed, { now: '2026-11-30T15:00:00Z', plugins: [plugin] }).length).toBeGreaterThan(
      0,
    );
  });

  it('does not mind a touchpoint with someone who is not (or no longer) a contact', () => {
    const text = `${minimal}    touchpoints:\n      - { on: 2026-11-21, channel: email, with: Someone New }\n`;
    expect(parsePipelineYaml(text).opportunities[0]!.touchpoints[0]!.with).toBe('Someone New');
  });

  it('validates an inline cadence like a named one', () => {
    const text = `${minimal}    cadence:
      steps:
        - { id: a, after: P1D, from: decided, title: A }
        - { id: a, after: P1W, title: B }
      repeat: { rrule: "FREQ=WEEKLY;BYDAY=XX" }
`;
    const error = caught(() => parsePipelineYaml(text));
    expect(error.issues.map((issue) => issue.code)).toEqual(['duplicate_id', 'invalid_rrule']);
    expect(error.issues[1]!.path).toEqual(['opportunities', 0, 'cadence', 'repeat', 'rrule']);
  });

  it('rejects two plugins with one name', () => {
    const plugin = definePlugin({ name: 'twice' });
    expect(caught(() => parsePipelineYaml(minimal, { plugins: [plugin, plugin] })).code).toBe(
      'duplicate_plugin',
    );
  });
});

describe('parsePipeline (objects, e.g. parsed JSON)', () => {
  const object = {
    version: 1,
    owner: { name: 'Lynne', timezone: 'Europe/Paris' },
    opportunities: [{ id: 'a', organization: 'A', title: 'T', dates: { decided: '2026-11-20' } }],
  };

  it('validates and applies defaults', () => {
    expect(parsePipeline(object).owner.at).toBe('09:00');
  });

  it('names the file and the path, with no position', () => {
    const error = caught(() =>
      parsePipeline(
        { ...object, owner: { name: 'Lynne', timezone: 'Paris' } },
        { file: 'runner-up.json' },
      ),
    );
    expect(error.message).toBe(
      'runner-up.json `owner.timezone`: unknown time zone "Paris": use an IANA name like America/Chicago',
    );
    expect(error.line).toBeUndefined();
  });

  it('gives no YAML advice for input that was never YAML: no quoting, no YAML examples', () => {
    const error = caught(() => parsePipeline({ ...object, owner: { ...object.owner, name: 7 } }));
    expect(error.message).toBe('`owner.name`: expected text, got 7');
    const [first] = object.opportunities;
    const shapes = caught(() =>
      parsePipeline({
        ...object,
        owner: { ...object.owner, holidays: '2026-12-24' },
        opportunities: [{ ...first, contacts: ['Dana Lee'], decidedOn: '2026-11-20' }],
      }),
    );
    expect(shapes.issues.map((issue) => issue.message)).toEqual([
      'expected a list, got "2026-12-24"',
      'expected a mapping of fields, got "Dana Lee"',
      "unknown field `decidedOn`; if it is one of the opportunity's dates, move it into `dates`",
    ]);
  });

  it('speaks of the pipeline given, not of a file, when the top level is wrong', () => {
    expect(caught(() => parsePipeline(undefined)).message).toBe(
      'expected a mapping with `version: 1`, `owner` and `opportunities`, got nothing',
    );
    expect(caught(() => parsePipeline([])).message).toBe(
      'expected a mapping with `version: 1`, `owner` and `opportunities`, got a list',
    );
    const { version: _version, ...withoutVersion } = object;
    expect(caught(() => parsePipeline(withoutVersion)).message).toBe(
      '`version`: missing `version: 1`',
    );
  });

  it('still says which time a number meant, which is no YAML advice', () => {
    const error = caught(() => parsePipeline({ ...object, owner: { ...object.owner, at: 930 } }));
    expect(error.message).toBe(
      '`owner.at`: expected a time like "09:30", got 930 (write it as "09:30")',
    );
  });
});

describe('safeParsePipeline and safeParsePipelineYaml', () => {
  it('return the data on success', () => {
    const result = safeParsePipelineYaml(minimal);
    expect(result.success && result.data.owner.name).toBe('Lynne Park');
  });

  it('return the error instead of throwing', () => {
    const yaml = safeParsePipelineYaml('version: 1\nowner: [');
    expect(yaml.success).toBe(false);
    if (!yaml.success) expect(yaml.error.code).toBe('yaml_syntax');
    const object = safeParsePipeline({ version: 1 });
    expect(object.success).toBe(false);
    if (!object.success)
      expect(object.error.message).toBe('`owner`: missing required field `owner`');
  });
});

describe('bad input never escapes as anything but a RunnerUpError', () => {
  const onlyRunnerUpErrors = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (!isRunnerUpError(error)) throw error;
    }
  };

  it('holds for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        onlyRunnerUpErrors(() => parsePipelineYaml(text)),
      ),
      { numRuns: 300 },
    );
  });

  it('holds for arbitrary edits of a valid file', () => {
    fc.assert(
      fc.property(
        fc.nat(minimal.length),
        fc.nat(12),
        fc.constantFrom('', ' ', '\t', ':', '- ', '"', "'", '[', '{', '#', '\n', '&a ', '*a', '? '),
        (at, remove, insert) =>
          onlyRunnerUpErrors(() =>
            parsePipelineYaml(minimal.slice(0, at) + insert + minimal.slice(at + remove)),
          ),
      ),
      { numRuns: 200 },
    );
  });

  it('holds for arbitrary values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => onlyRunnerUpErrors(() => parsePipeline(value))),
      { numRuns: 300 },
    );
  });
});

describe('locateYamlPath', () => {
  it('finds a value, a key, and the parent of a missing field', () => {
    expect(locateYamlPath(minimal, ['opportunities', 0, 'dates', 'decided'])).toEqual({
      line: 10,
      column: 16,
    });
    expect(locateYamlPath(minimal, ['opportunities', 0, 'dates', 'decided'], 'key')).toEqual({
      line: 10,
      column: 7,
    });
    expect(locateYamlPath(minimal, ['opportunities', 0, 'snoozedUntil'])).toEqual({
      line: 6,
      column: 5,
    });
  });

  it('returns undefined for an empty text', () => {
    expect(locateYamlPath('', ['owner'])).toBeUndefined();
  });

  it('createYamlLocator places many paths in one text as locateYamlPath does each', () => {
    const locate = createYamlLocator(minimal);
    const paths: Array<[Array<string | number>, 'key' | 'value']> = [
      [['opportunities', 0, 'dates', 'decided'], 'value'],
      [['opportunities', 0, 'dates', 'decided'], 'key'],
      [['opportunities', 0, 'snoozedUntil'], 'value'],
      [['owner', 'timezone'], 'value'],
      [['nothing', 'here'], 'key'],
    ];
    for (const [path, target] of paths) {
      expect(locate(path, target), path.join('.')).toEqual(locateYamlPath(minimal, path, target));
    }
    expect(locate(['owner', 'timezone'])).toEqual(locateYamlPath(minimal, ['owner', 'timezone']));
    expect(createYamlLocator('')(['owner'])).toBeUndefined();
  });
});

describe('a key written without its colon', () => {
  const head = 'version: 1\nowner: { name: Lynne, timezone: UTC }\n';
  const opportunity = (body: string) =>
    `${head}opportunities:\n  - id: a\n    organization: A\n${body}`;
  const told = (text: string) =>
    caught(() => parsePipelineYaml(text, { file: 'f.yaml' })).issues.map(
      (i) => `${i.line}:${i.column} ${i.message}`,
    );

  it('is told on its line when it is surely a key: a field, a name and a date, a name over a block', () => {
    expect(told(opportunity('    title PM\n    dates: { decided: 2026-11-20 }\n'))).toEqual([
      '6:5 missing `:` after `title`: write `title: PM`',
    ]);
    expect(
      told(
        opportunity('    title: PM\n    dates:\n      decided 2026-11-20\n      won: 2027-01-04\n'),
      ),
    ).toEqual(['8:7 missing `:` after `decided`: write `decided: 2026-11-20`']);
    // One problem, not one for every line of the list YAML then misreads.
    expect(
      told(
        `${head}cadences:\n  c:\n    steps\n      - { id: s, from: decided, after: P1D, title: T }\n`,
      ),
    ).toEqual(['5:5 missing `:` after `steps`: write `steps:`']);
  });

  it('keeps a comment out of the fix, with CRLF line endings and a `#` inside quotes too', () => {
    const dated = opportunity(
      '    title: PM\n    dates:\n      decided 2026-11-20 # the day: they said\n      won: 2027-01-04\n',
    );
    expect(told(dated.replace(/\n/g, '\r\n'))).toEqual([
      '8:7 missing `:` after `decided`: write `decided: 2026-11-20`',
    ]);
    expect(
      told(opportunity('    title "Program #1 Manager"\n    dates: { decided: 2026-11-20 }\n')),
    ).toEqual(['6:5 missing `:` after `title`: write `title: "Program #1 Manager"`']);
  });

  it('is not claimed of words that may be a value wrapped onto the next line', () => {
    for (const text of [
      opportunity('    title:\n      Program Manager\n      role: x\n'),
      `${head}cadences:\n  c:\n    description: A lighter touch for roles\n    where I was close\n    steps: [{ id: s, from: decided, after: P1D, title: T }]\n`,
    ]) {
      const messages = told(text);
      expect(messages.join('\n')).not.toContain('missing `:`');
      expect(messages[0]).toMatch(/ bad indentation: /);
    }
  });
});

describe('a YAML merge key', () => {
  it('is told as one, also under `dates:`, where any key is allowed', () => {
    const text = `version: 1
owner: { name: Lynne, timezone: UTC }
cadences:
  base: &base
    steps: [{ id: s, from: decided, after: P1D, title: T }]
  slow:
    <<: *base
opportunities:
  - id: a
    organization: A
    title: PM
    dates: { <<: { decided: 2026-11-20 }, won: 2027-01-04 }
`;
    const error = caught(() => parsePipelineYaml(text, { file: 'f.yaml' }));
    const merge =
      '`<<` is a merge key of YAML 1.1, which YAML 1.2 does not have: the fields it would bring in are not read, so write them out here';
    expect(error.issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      `7:5 ${merge}, or build on the other cadence with \`extends:\``,
      `12:14 ${merge}`,
    ]);
  });
});

describe('regressions', () => {
  it('words an empty value and a mapping alike in every message (regression: "got null", "got an object")', () => {
    const empty = caught(() => parsePipelineYaml(`${minimal}    snoozedUntil:\n`));
    expect(empty.issues[0]!.message).toBe(
      'expected a date like 2026-11-20, got nothing (an empty value)',
    );
    const mapping = caught(() => parsePipelineYaml(`${minimal}    snoozedUntil: { on: 1 }\n`));
    expect(mapping.issues[0]!.message).toBe('expected a date like 2026-11-20, got a mapping');
  });

  it('suggests `on` for a touchpoint `date:`, a field cut short, and drops what the typos explain', () => {
    const text = minimal.concat(
      '    snoozed: 2027-01-01\n    touchpoints:\n      - { date: 2026-11-23, chanel: email }\n',
    );
    const error = caught(() => parsePipelineYaml(text, { file: 'f.yaml' }));
    expect(error.issues.map((i) => i.message)).toEqual([
      'unknown field `snoozed`; did you mean `snoozedUntil`?',
      'unknown field `date`; did you mean `on`?',
      'unknown field `chanel`; did you mean `channel`?',
    ]);
  });

  it('says to indent a date written beside `dates:` under it, and words an empty `dates:` as a mapping', () => {
    const text = minimal.replace('      decided: 2026-11-20\n', '    decided: 2026-11-20\n');
    const error = caught(() => parsePipelineYaml(text, { file: 'f.yaml' }));
    expect(error.issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '9:5 expected a mapping, got nothing (an empty value): write it like `dates: { decided: 2026-11-20 }`, or each date indented under `dates:`',
      "10:5 unknown field `decided`; if it is one of the opportunity's dates, indent it under `dates:`",
    ]);
    // Only a date gets the hint: any other unknown field is a plain unknown field.
    const other = caught(() => parsePipelineYaml(`${minimal}    owner_note: call back\n`));
    expect(other.issues[0]!.message).toBe('unknown field `owner_note`');
  });

  it('shows how to write a list or an item that has another shape, and a duration in words', () => {
    const text = minimal
      .replace(
        '  timezone: America/Chicago\n',
        '  timezone: America/Chicago\n  holidays: 2026-12-24\n',
      )
      .concat(
        '    contacts:\n      - Dana Lee\n    cadence:\n      steps: [{ id: a, after: 2 weeks, title: Hi }]\n',
      );
    const error = caught(() => parsePipelineYaml(text, { file: 'f.yaml' }));
    expect(error.issues.map((i) => i.message)).toEqual([
      'expected a list, got "2026-12-24": write it like `[2026-12-24, 2026-12-25]`',
      'expected a mapping of fields, got "Dana Lee": write it like `- name: Dana Lee` (with `email:` and `role:` under it if you have them)',
      'expected an ISO 8601 duration like P3M or PT30M, got "2 weeks"; did you mean `P2W`?',
    ]);
  });

  it('reports a tab in the indentation once, not each line YAML then reads at another depth', () => {
    const lines = `${minimal}    contacts:
      - name: Dana Lee
        role: hiring-manager
  - id: prairie-pm
    organization: Prairie
    title: Analyst
    dates:
      decided: 2026-11-21
`.split('\n');
    // A tab where the second key of the first opportunity goes, and another further down.
    lines[6] = `\t${lines[6]!.trimStart()}`;
    lines[16] = `\t${lines[16]!.trimStart()}`;
    const error = caught(() => parsePipelineYaml(lines.join('\n'), { file: 'f.yaml' }));
    expect(error.issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '7:1 tab used for indentation: YAML indents with spaces only',
      '17:1 tab used for indentation: YAML indents with spaces only',
    ]);
  });

  // Found by the parse/plan agreement property: parsePipeline accepted this file and plan() threw.
  it('rejects a first step from `lastTouch` when the opportunity has no dates and no touchpoints', () => {
    const input = {
      version: 1,
      owner: { name: 'Lynne', timezone: 'America/Chicago' },
      cadences: {
        'after-touch': {
          steps: [{ id: 'one', after: 'P1D', from: 'lastTouch', title: 'Follow up' }],
        },
      },
      opportunities: [
        {
          id: 'a',
          organization: 'Prairie Telecom',
          title: 'Program Manager',
          cadence: 'after-touch',
        },
      ],
    };
    const error = caught(() => parsePipeline(input));
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['opportunities', 0, 'dates', 'decided']);
    // With a touch to count from, the same cadence is fine.
    const touched = structuredClone(input);
    (touched.opportunities[0] as Record<string, unknown>).touchpoints = [
      { on: '2026-11-21', channel: 'email' },
    ];
    expect(() => parsePipeline(touched)).not.toThrow();
  });
});
