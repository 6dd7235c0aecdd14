import { describe, expect, test } from 'vitest';
import {
  createRegistry,
  definePlugin,
  lintPipeline,
  type PipelineInput,
  parsePipeline,
  plan,
  RunnerUpError,
  type RunnerUpPlugin,
  resolveCadence,
} from '../../src';
import { early, opportunity, owner, withCadence } from '../engine/fixtures';

function errorOf(run: () => unknown): RunnerUpError {
  try {
    run();
  } catch (error) {
    if (error instanceof RunnerUpError) return error;
    throw new Error(`expected a RunnerUpError, got ${String(error)}`);
  }
  throw new Error('expected an error, got none');
}

const sink = (name: string) => ({ name, sync: async () => ({}) as never });

/** A plugin as a plain object, the way a plugin that skips definePlugin reaches the core. */
const plain = (plugin: object) => plugin as RunnerUpPlugin;

describe('a plugin is checked in one place, by definePlugin and by the registry alike', () => {
  test('definePlugin(null) names definePlugin in a runner-up message', () => {
    const error = errorOf(() => definePlugin(null as unknown as RunnerUpPlugin));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      "[runner-up] definePlugin: expected a plugin object like { name: 'acme' }, got null",
    );
  });

  test.each(['@@', 'a//b', 'Acme', '', '-acme', '@scope/', 'a b'])(
    'the name %j is refused',
    (name) => {
      const error = errorOf(() => definePlugin({ name }));
      expect(error.code).toBe('invalid_options');
      expect(error.path).toEqual(['name']);
      expect(error.message).toContain('[runner-up] definePlugin `name`: expected a lowercase name');
    },
  );

  test.each(['acme', 'acme-markdown', 'acme.io', '@scope/acme'])(
    'the name %j is accepted',
    (name) => {
      expect(definePlugin({ name }).name).toBe(name);
    },
  );

  test('a template that is not text is refused, naming the plugin and the field', () => {
    const plugin = plain({ name: 'acme', templates: { t: 42 } });
    const expected = '[runner-up] plugin `acme` `templates.t`: expected text, got 42';
    expect(errorOf(() => definePlugin(plugin)).message).toBe(expected);
    const error = errorOf(() => createRegistry([plugin]));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(expected);
    expect(error.path).toEqual(['templates', 't']);
  });

  test('plan() with a plain-object plugin whose template is a number throws a RunnerUpError, not a TypeError', () => {
    const pipeline = withCadence({
      steps: [
        { id: 'ask', from: 'decided', after: 'P3D', title: 'Ask', talkingPoints: ['{template:t}'] },
      ],
    });
    const error = errorOf(() =>
      plan(pipeline, { now: early, plugins: [plain({ name: 'acme', templates: { t: 42 } })] }),
    );
    expect(error.message).toBe('[runner-up] plugin `acme` `templates.t`: expected text, got 42');
  });

  test('a template id with a space is refused: `{template:<id>}` could never reach it', () => {
    const error = errorOf(() => definePlugin({ name: 'acme', templates: { 'two words': 'Hi' } }));
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `templates["two words"]`: expected an id without spaces or braces, used as `{template:<id>}`',
    );
  });

  test('an empty cadence from a plain-object plugin names the plugin, not "Cannot read properties"', () => {
    const plugin = plain({ name: 'acme', cadences: { c: {} } });
    const pipeline: PipelineInput = {
      version: 1,
      owner,
      opportunities: [opportunity({ cadence: 'c' })],
    };
    for (const run of [
      () => parsePipeline(pipeline, { plugins: [plugin] }),
      () => plan(pipeline, { now: early, plugins: [plugin] }),
    ]) {
      const error = errorOf(run);
      expect(error.code).toBe('invalid_options');
      expect(error.message).toMatch(/^\[runner-up\] plugin `acme` `cadences\.c\.steps`: /);
      expect(error.message).not.toContain('Cannot read properties');
    }
  });

  test('a sink without a name, or registered under another key than its name, is refused', () => {
    expect(
      errorOf(() =>
        definePlugin({ name: 'acme', sinks: { acme: { sync: sink('x').sync } as never } }),
      ).message,
    ).toBe(
      '[runner-up] plugin `acme` `sinks.acme.name`: expected "acme", the id the sink is registered under, got nothing',
    );
    const error = errorOf(() => definePlugin({ name: 'acme', sinks: { md: sink('markdown') } }));
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `sinks.md.name`: expected "md", the id the sink is registered under, got "markdown"',
    );
    expect(error.path).toEqual(['sinks', 'md', 'name']);
  });

  test('a sink without sync() is refused', () => {
    expect(
      errorOf(() => definePlugin({ name: 'acme', sinks: { acme: { name: 'acme' } as never } }))
        .message,
    ).toBe('[runner-up] plugin `acme` `sinks.acme.sync`: expected a sync() method, got nothing');
  });

  test('a section that is not an object by id is refused', () => {
    expect(errorOf(() => definePlugin(plain({ name: 'acme', templates: ['Hi'] }))).message).toBe(
      '[runner-up] plugin `acme` `templates`: expected an object by id, got an array',
    );
  });

  test('the registry names the place of a plugin that is not an object', () => {
    expect(
      errorOf(() => createRegistry([definePlugin({ name: 'ok' }), plain(null as never)])).message,
    ).toBe("[runner-up] plugins[1]: expected a plugin object like { name: 'acme' }, got null");
    expect(errorOf(() => createRegistry('acme' as never)).message).toBe(
      '[runner-up] `plugins`: expected an array of plugins like [acmePlugin()]',
    );
  });

  test('well-formed plugins register as before', () => {
    const registry = createRegistry([
      definePlugin({
        name: 'acme',
        cadences: {
          'acme-bench': { steps: [{ id: 'hi', from: 'decided', after: 'P1W', title: 'Hi' }] },
        },
        templates: { 'acme.note': 'Say hello.' },
        sinks: { acme: sink('acme') },
      }),
    ]);
    expect([
      ...registry.cadences.keys(),
      ...registry.templates.keys(),
      ...registry.sinks.keys(),
    ]).toEqual(['acme-bench', 'acme.note', 'acme']);
  });
});

describe('a plugin cadence cannot take a built-in preset id', () => {
  const shadow = {
    name: 'acme',
    cadences: {
      'runner-up': { steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' }] },
    },
  };

  test('definePlugin refuses a cadence named like a preset and suggests an id of its own', () => {
    const error = errorOf(() => definePlugin(shadow));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['cadences', 'runner-up']);
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `cadences.runner-up`: `runner-up` is a built-in cadence; give yours its own id, like "acme-runner-up"',
    );
  });

  test('plan() refuses it too, rather than changing the default cadence of every opportunity', () => {
    const pipeline: PipelineInput = { version: 1, owner, opportunities: [opportunity()] };
    expect(errorOf(() => plan(pipeline, { now: early, plugins: [plain(shadow)] })).code).toBe(
      'invalid_options',
    );
  });

  test("the file's own cadences may still override a preset", () => {
    const reminders = plan(
      {
        version: 1,
        owner,
        cadences: {
          'runner-up': { steps: [{ id: 'mine', from: 'decided', after: 'P2D', title: 'Mine' }] },
        },
        opportunities: [opportunity()],
      },
      { now: early },
    );
    expect(reminders.map((r) => r.title)).toEqual(['Mine']);
  });
});

describe("a plugin's texts use placeholders that something fills", () => {
  const cadence = (point: string) => ({
    steps: [
      { id: 'hello', after: 'P1W', title: 'Hello {contact.firstName}', talkingPoints: [point] },
    ],
  });

  test('a misspelt placeholder in a cadence is refused where the plugin is defined', () => {
    const error = errorOf(() =>
      definePlugin({ name: 'acme', cadences: { 'acme-bench': cadence('Ask {contact.lastName}') } }),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `cadences.acme-bench.steps[0].talkingPoints[0]`: `{contact.lastName}` is not a placeholder, so it would stay in the text as written; did you mean `{contact.firstName}`?',
    );
    expect(() => definePlugin({ name: 'acme', templates: { ask: 'Ask {nope} about it' } })).toThrow(
      '`templates.ask`: `{nope}` is not a placeholder',
    );
  });

  test('a template that pulls in another template is refused, as the docs say it cannot', () => {
    expect(() =>
      definePlugin({
        name: 'acme',
        templates: { inner: 'Inner', outer: 'Outer then {template:inner}' },
      }),
    ).toThrow(
      '`templates.outer`: a template cannot pull in another template: `{template:inner}` would stay in the text as written',
    );
  });

  test('dates, named placeholders and templates of a cadence pass', () => {
    expect(() =>
      definePlugin({
        name: 'acme',
        cadences: {
          'acme-bench': cadence(
            '{organization} {title} {contact.name} {dates.decided} {template:x}',
          ),
        },
        templates: { x: 'Since {dates.winnerStarts}, {organization}' },
      }),
    ).not.toThrow();
  });
});

describe("a plugin's cadence repeats as a pipeline's own may", () => {
  const often = (rrule: string) => ({
    name: 'acme',
    cadences: {
      'acme-often': {
        steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' }],
        repeat: { rrule },
      },
    },
  });
  const pipeline: PipelineInput = {
    version: 1,
    owner,
    opportunities: [opportunity({ cadence: 'acme-often' })],
  };

  test.each(['FREQ=HOURLY;COUNT=3', 'FREQ=MINUTELY;INTERVAL=30'])(
    'definePlugin, parsePipeline and plan() refuse %s, naming the plugin, cadence and field',
    (rule) => {
      const freq = /FREQ=(\w+)/.exec(rule)![1];
      for (const run of [
        () => definePlugin(often(rule)),
        () => parsePipeline(pipeline, { plugins: [plain(often(rule))] }),
        () => plan(pipeline, { now: early, plugins: [plain(often(rule))] }),
      ]) {
        const error = errorOf(run);
        expect(error.code).toBe('invalid_options');
        expect(error.path).toEqual(['cadences', 'acme-often', 'repeat', 'rrule']);
        expect(error.message).toBe(
          `[runner-up] plugin \`acme\` \`cadences.acme-often.repeat.rrule\`: invalid RRULE: FREQ=${freq} repeats by the ${freq === 'HOURLY' ? 'hour' : 'minute'}; a follow-up repeats by days at the most (FREQ=DAILY); for several reminders a day, list the hours: FREQ=DAILY;BYHOUR=9,14`,
        );
      }
    },
  );

  test('an invalid rule is refused where the plugin is defined, not first by plan()', () => {
    expect(errorOf(() => definePlugin(often('FREQ=MONTHY'))).message).toBe(
      '[runner-up] plugin `acme` `cadences.acme-often.repeat.rrule`: invalid RRULE: unknown FREQ "MONTHY"; did you mean `MONTHLY`?',
    );
  });

  test('several times a day written as a daily rule is accepted', () => {
    expect(() => definePlugin(often('FREQ=DAILY;BYHOUR=9,14'))).not.toThrow();
  });
});

describe("a plugin cadence's `{template:<id>}` must name a template some registered plugin gives", () => {
  const asking = (point: string) =>
    definePlugin({
      name: 'acme',
      cadences: {
        'acme-ask': {
          steps: [
            { id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' },
            {
              id: 'ask',
              from: 'previous',
              after: 'P1W',
              title: 'Ask',
              talkingPoints: ['Hi', point],
            },
          ],
        },
      },
      templates: { 'acme.intro': 'I am {contact.firstName}' },
    });
  const pipeline: PipelineInput = {
    version: 1,
    owner,
    opportunities: [opportunity({ cadence: 'acme-ask' })],
  };
  const expected =
    '[runner-up] plugin `acme` `cadences.acme-ask.steps[1].talkingPoints[1]`: `{template:acme.intor}`: no plugin given contributes a template `acme.intor`, so it would stay in the text as written; did you mean `acme.intro`?';

  test('a misspelt template id is refused where the cadence is used, naming the plugin, field and the likely id', () => {
    const plugins = [asking('{template:acme.intor}')];
    // Registering is fine: a cadence no one uses stands in no one's way.
    expect(() => createRegistry(plugins)).not.toThrow();
    const error = errorOf(() => plan(pipeline, { now: early, plugins }));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(expected);
    expect(error.path).toEqual(['cadences', 'acme-ask', 'steps', 1, 'talkingPoints', 1]);
    expect(
      errorOf(() => lintPipeline(parsePipeline(pipeline, { plugins }), { plugins })).message,
    ).toBe(expected);
    expect(
      errorOf(() => resolveCadence('acme-ask', { plugins: createRegistry(plugins).cadences }))
        .message,
    ).toBe(expected);
  });

  test('a pipeline that does not use it, or overrides it under its id, plans', () => {
    const plugins = [asking('{template:acme.intor}')];
    const other: PipelineInput = { ...pipeline, opportunities: [opportunity()] };
    expect(plan(other, { now: early, plugins }).length).toBeGreaterThan(0);
    const overridden: PipelineInput = {
      ...pipeline,
      cadences: {
        'acme-ask': { steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' }] },
      },
    };
    expect(plan(overridden, { now: early, plugins }).map((r) => r.stepId)).toContain('hi');
  });

  test("another plugin's template counts, whichever order the plugins come in", () => {
    const user = definePlugin({
      name: 'user',
      cadences: {
        'user-ask': {
          steps: [
            {
              id: 'ask',
              from: 'decided',
              after: 'P1D',
              title: 'Ask',
              talkingPoints: ['{template:acme.intro}'],
            },
          ],
        },
      },
    });
    const acme = asking('{template:acme.intro}');
    const using: PipelineInput = {
      ...pipeline,
      opportunities: [opportunity({ cadence: 'user-ask' })],
    };
    for (const plugins of [
      [user, acme],
      [acme, user],
    ]) {
      const [ask] = plan(using, { now: early, plugins });
      expect(ask!.talkingPoints[0]).toMatch(/^I am \S+$/);
    }
    // Alone, the template it relies on is missing, and the message says which plugin is short;
    // registered beside the other plugin in another registry, the same object is fine.
    expect(errorOf(() => plan(using, { now: early, plugins: [user] })).message).toBe(
      '[runner-up] plugin `user` `cadences.user-ask.steps[0].talkingPoints[0]`: `{template:acme.intro}`: no plugin given contributes a template `acme.intro`, so it would stay in the text as written',
    );
    expect(plan(using, { now: early, plugins: [user, acme] })).toHaveLength(1);
  });

  test('a known template renders into the talking points', () => {
    const reminders = plan(pipeline, { now: early, plugins: [asking('{template:acme.intro}')] });
    const ask = reminders.find((r) => r.stepId === 'ask')!;
    expect(ask.talkingPoints[1]).toMatch(/^I am \S+$/);
  });
});

describe('a plugin is told its mistakes as a file is', () => {
  test('an unknown field of the plugin is refused with the field it is closest to', () => {
    const error = errorOf(() =>
      definePlugin(plain({ name: 'acme', template: { intro: 'Hi {contact.firstName}' } })),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `template`: unknown field; did you mean `templates`?',
    );
    expect(error.path).toEqual(['template']);
    // Through the registry too, as plan() and parsePipeline meet a plain object.
    expect(errorOf(() => createRegistry([plain({ name: 'acme', hooks: {} })])).message).toBe(
      '[runner-up] plugin `acme` `hooks`: unknown field; a plugin has `name`, `cadences`, `templates`, `sinks`',
    );
  });

  test("a misspelt field in a plugin's cadence gets the file's message, with the closest name", () => {
    const error = errorOf(() =>
      definePlugin(
        plain({
          name: 'acme',
          cadences: {
            'acme-hi': {
              steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi', talkingpoints: [] }],
            },
          },
        }),
      ),
    );
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `cadences.acme-hi.steps[0].talkingpoints`: unknown field `talkingpoints`; did you mean `talkingPoints`?',
    );
    expect(error.path).toEqual(['cadences', 'acme-hi', 'steps', 0, 'talkingpoints']);
  });
});

describe('a placeholder written with spaces inside its braces is refused, not left in the text', () => {
  test.each([
    ['{ organization }', '{organization}'],
    ['{template: acme.intro}', '{template:acme.intro}'],
    ['{dates. decided }', '{dates.decided}'],
    ['{template: }', '{template:<id>}'],
  ])('%s in a cadence', (written, meant) => {
    const error = errorOf(() =>
      definePlugin({
        name: 'acme',
        cadences: {
          'acme-hi': {
            steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: `Hi ${written}` }],
          },
        },
        templates: { 'acme.intro': 'I am {contact.firstName}' },
      }),
    );
    expect(error.message).toBe(
      `[runner-up] plugin \`acme\` \`cadences.acme-hi.steps[0].title\`: \`${written}\` has spaces inside its braces, so it is not a placeholder and would stay in the text as written; write \`${meant}\``,
    );
  });

  test('in a template too; other text in braces is left alone', () => {
    expect(
      errorOf(() => definePlugin({ name: 'acme', templates: { t: 'At {title }' } })).message,
    ).toBe(
      '[runner-up] plugin `acme` `templates.t`: `{title }` has spaces inside its braces, so it is not a placeholder and would stay in the text as written; write `{title}`',
    );
    expect(() =>
      definePlugin({ name: 'acme', templates: { t: 'Send { "a": 1 } or {a b}' } }),
    ).not.toThrow();
    expect(() =>
      definePlugin({ name: 'acme', templates: { t: 'Say { what you bring }' } }),
    ).not.toThrow();
  });
});

test('an empty `{template:}` in a cadence is refused where the plugin is defined', () => {
  const error = errorOf(() =>
    definePlugin({
      name: 'acme',
      cadences: {
        'acme-hi': {
          steps: [
            { id: 'hi', from: 'decided', after: 'P1D', title: 'Hi', subject: 'A {template:}' },
          ],
        },
      },
    }),
  );
  expect(error.message).toBe(
    '[runner-up] plugin `acme` `cadences.acme-hi.steps[0].subject`: `{template:}` names no template, so it would stay in the text as written: write its id, like `{template:acme.intro}`',
  );
});

test("a file's cadence that takes such a cadence's steps by `extends` is refused at its `extends`", () => {
  const plugins = [
    definePlugin({
      name: 'acme',
      cadences: {
        'acme-ask': {
          steps: [
            {
              id: 'ask',
              from: 'decided',
              after: 'P1D',
              title: 'Ask',
              talkingPoints: ['{template:acme.intor}'],
            },
          ],
        },
      },
      templates: { 'acme.intro': 'I am {contact.firstName}' },
    }),
  ];
  const input = (cadence: object): PipelineInput => ({
    version: 1,
    owner,
    cadences: { mine: cadence as never },
    opportunities: [opportunity({ cadence: 'mine' })],
  });
  const error = errorOf(() =>
    parsePipeline(input({ extends: 'acme-ask', rules: { minGapDays: 3 } }), { plugins }),
  );
  expect(error.code).toBe('invalid_options');
  expect(error.path).toEqual(['cadences', 'mine', 'extends']);
  expect(error.message).toBe(
    '`cadences.mine.extends`: `extends: acme-ask` takes its steps, and plugin `acme` `cadences.acme-ask.steps[0].talkingPoints[0]`: `{template:acme.intor}`: no plugin given contributes a template `acme.intor`, so it would stay in the text as written; did you mean `acme.intro`?; give this cadence `steps` of its own, or register the plugin that gives the template',
  );
  // plan() on the same input refuses it too; with steps of its own, the cadence is the file's.
  expect(errorOf(() => plan(input({ extends: 'acme-ask' }), { now: early, plugins })).path).toEqual(
    ['cadences', 'mine', 'extends'],
  );
  const own = input({
    extends: 'acme-ask',
    steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' }],
  });
  expect(plan(own, { now: early, plugins }).map((r) => r.stepId)).toEqual(['hi']);
});

test('a cadence reached only by a hand-over is checked from the first plan, before any touch fires it', () => {
  const plugins = [
    definePlugin({
      name: 'acme',
      cadences: {
        'acme-ask': {
          steps: [
            { id: 'ask', from: 'decided', after: 'P1D', title: 'Ask', subject: '{template:gone}' },
          ],
        },
      },
    }),
  ];
  const pipeline: PipelineInput = {
    version: 1,
    owner,
    cadences: {
      mine: {
        steps: [{ id: 'first', from: 'decided', after: 'P1W', title: 'First' }],
        rules: { maxUnanswered: 1, thenCadence: 'acme-ask' },
      },
    },
    opportunities: [opportunity({ cadence: 'mine' })],
  };
  const error = errorOf(() => plan(pipeline, { now: early, plugins }));
  expect(error.message).toMatch(
    /^\[runner-up\] plugin `acme` `cadences\.acme-ask\.steps\[0\]\.subject`/,
  );
});

describe("a plugin's cadence is held to what the file's own cadences are", () => {
  const cadence = (fields: object) =>
    plain({
      name: 'acme',
      cadences: {
        'acme-one': {
          steps: [{ id: 'hi', from: 'decided', after: 'P1D', title: 'Hi' }],
          ...fields,
        },
      },
    });
  const withPlugin = (plugin: RunnerUpPlugin, overrides: object = {}) => ({
    pipeline: {
      version: 1,
      owner,
      opportunities: [opportunity({ cadence: 'acme-one', ...overrides })],
    } as PipelineInput,
    plugins: [plugin],
  });

  test('two steps of one id are refused where the plugin is defined: they would share keys', () => {
    const twice = cadence({
      steps: [
        { id: 's', from: 'decided', after: 'P1D', title: 'X' },
        { id: 's', after: 'P1W', title: 'Y' },
      ],
    });
    const error = errorOf(() => definePlugin(twice));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['cadences', 'acme-one', 'steps', 1, 'id']);
    expect(error.message).toBe(
      '[runner-up] plugin `acme` `cadences.acme-one.steps[1].id`: the step id "s" is already used by `steps[0]` of this cadence; step ids must be unique within a cadence',
    );
    // As a plain object, by every function that takes plugins.
    const { pipeline, plugins } = withPlugin(twice);
    expect(errorOf(() => parsePipeline(pipeline, { plugins })).path).toEqual(error.path);
    expect(errorOf(() => plan(pipeline, { now: early, plugins })).path).toEqual(error.path);
  });

  test.each(['PT1H', 'P0D', 'PT23H59M'])(
    '`repeat.every: %s` is refused: less than a day',
    (every) => {
      const error = errorOf(() => definePlugin(cadence({ repeat: { every, count: 3 } })));
      expect(error.code).toBe('invalid_options');
      expect(error.message).toBe(
        `[runner-up] plugin \`acme\` \`cadences.acme-one.repeat.every\`: a repeat must move on by at least a day, got ${every}: use days, weeks, months or years, like P2W`,
      );
    },
  );

  test('`repeat.every` of a day or more is accepted', () => {
    expect(() => definePlugin(cadence({ repeat: { every: 'P1D', count: 3 } }))).not.toThrow();
    expect(() => definePlugin(cadence({ repeat: { every: 'P1DT1H', count: 3 } }))).not.toThrow();
  });

  test('a hand-over to no cadence is refused when the file is parsed, naming the cadence and its plugin', () => {
    const { pipeline, plugins } = withPlugin(
      cadence({ rules: { maxUnanswered: 1, thenCadence: 'nope' } }),
    );
    for (const run of [
      () => parsePipeline(pipeline, { plugins }),
      () => lintPipeline(pipeline, { plugins }),
      () => plan(pipeline, { now: early, plugins }),
    ]) {
      const error = errorOf(run);
      expect(error.code).toBe('unknown_cadence');
      expect(error.path).toEqual(['opportunities', 0, 'cadence']);
      // parsePipeline's messages start at the place; plan()'s say `[runner-up]` first.
      expect(error.message.replace(/^\[runner-up\] /, '')).toBe(
        '`opportunities[0].cadence`: cadence "acme-one" (from plugin `acme`) hands over to "nope" (its `rules.thenCadence`), which is no cadence here: not built in, not under `cadences:`, and from no plugin given; plugin `acme` may need another plugin beside it, or a cadence `nope` under `cadences:`',
      );
    }
  });

  test('a cadence of the file that extends it inherits the refusal, told at its `extends:`', () => {
    const plugin = cadence({ rules: { maxUnanswered: 1, thenCadence: 'nope' } });
    const written = {
      version: 1,
      owner,
      cadences: { mine: { extends: 'acme-one' } },
      opportunities: [opportunity({ cadence: 'mine' })],
    } as PipelineInput;
    const inline = {
      version: 1,
      owner,
      opportunities: [opportunity({ cadence: { extends: 'acme-one' } })],
    } as PipelineInput;
    for (const [pipeline, at] of [
      [written, 'cadences.mine.extends'],
      [inline, 'opportunities[0].cadence.extends'],
    ] as const) {
      const error = errorOf(() => parsePipeline(pipeline, { plugins: [plugin] }));
      expect(error.code).toBe('unknown_cadence');
      expect(error.message).toBe(
        `\`${at}\`: cadence "acme-one" (from plugin \`acme\`), which this cadence extends, hands over to "nope" (its \`rules.thenCadence\`), which is no cadence here: not built in, not under \`cadences:\`, and from no plugin given; plugin \`acme\` may need another plugin beside it, or a cadence \`nope\` under \`cadences:\``,
      );
      expect(errorOf(() => plan(pipeline, { now: early, plugins: [plugin] })).code).toBe(
        'unknown_cadence',
      );
    }
  });

  test('a misspelt hand-over gets the closest cadence', () => {
    const { pipeline, plugins } = withPlugin(
      cadence({ rules: { maxUnanswered: 1, thenCadence: 'quartely' } }),
    );
    expect(errorOf(() => parsePipeline(pipeline, { plugins })).message).toMatch(
      /hands over to "quartely" \(its `rules\.thenCadence`\), which is no cadence here; did you mean `quarterly`\?$/,
    );
  });

  test("a hand-over to the file's own cadence, or to another plugin's, is accepted", () => {
    const { pipeline, plugins } = withPlugin(
      cadence({ rules: { maxUnanswered: 1, thenCadence: 'slow' } }),
    );
    const slow = { steps: [{ id: 'later', from: 'previous', after: 'P1M', title: 'Later' }] };
    expect(() => plan({ ...pipeline, cadences: { slow } }, { now: early, plugins })).not.toThrow();
    const other = plain({ name: 'other', cadences: { slow } });
    expect(() => plan(pipeline, { now: early, plugins: [...plugins, other] })).not.toThrow();
    expect(errorOf(() => plan(pipeline, { now: early, plugins })).code).toBe('unknown_cadence');
  });

  test('a date missing for a step of a plugin cadence names the plugin', () => {
    const plugin = cadence({
      steps: [{ id: 'kick', from: 'kickof', after: 'P1D', title: 'Kick' }],
    });
    const { pipeline, plugins } = withPlugin(plugin, {
      dates: { decided: '2026-11-20', kickoff: '2026-12-01' },
    });
    expect(errorOf(() => parsePipeline(pipeline, { plugins })).message).toBe(
      '`opportunities[0].dates.kickof`: missing date `kickof`: cadence "acme-one" (from plugin `acme`) counts step "kick" from it; is `kickoff` a typo of it?',
    );
  });

  test('estimates that count from each other wait while none of their dates is known, and plan once one is', () => {
    const plugin = cadence({
      estimates: { a: { from: 'b', after: 'P1D' }, b: { from: 'a', after: 'P1D' } },
      steps: [{ id: 'x', from: 'a', after: 'P1D', title: 'X' }],
    });
    // With neither date, parsing says to add one, as for any date missing...
    const none = withPlugin(plugin, { dates: { decided: '2026-11-20' } });
    expect(errorOf(() => parsePipeline(none.pipeline, { plugins: none.plugins })).message).toMatch(
      /missing date `a`: cadence "acme-one" \(from plugin `acme`\) counts step "x" from it; add `a: YYYY-MM-DD` under `dates` \(or `a:` with no value while it is unknown\)$/,
    );
    // ...and with it added, empty, the step waits for it rather than failing the whole plan.
    const waiting = withPlugin(plugin, { dates: { decided: '2026-11-20', a: null } });
    expect(plan(waiting.pipeline, { now: early, plugins: waiting.plugins })).toEqual([]);
    const known = withPlugin(plugin, {
      dates: { decided: '2026-11-20', a: null, b: '2026-12-01' },
    });
    const [reminder] = plan(known.pipeline, { now: early, plugins: known.plugins });
    expect(reminder!.local.date).toBe('2026-12-03');
    expect(reminder!.why).toBe(
      'Planned 1 day after a (2026-12-02); a is not known yet, so it is estimated as 1 day after b (2026-12-01).',
    );
  });
});
