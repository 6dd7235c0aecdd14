import { describe, expect, test } from 'vitest';
import {
  builtinCadences,
  type Cadence,
  definePlugin,
  isRunnerUpError,
  lintPipeline,
  parsePipeline,
  parsePipelineYaml,
  plan,
  type RunnerUpError,
  resolveCadence,
  trustParsedPipeline,
} from '../../src';

const NOW = '2026-12-01T12:00:00Z';
const head = `version: 1
owner: { name: Sam Okafor, timezone: Europe/London }
`;
const opportunity = (cadence: string) => `  - id: acme-pm
    organization: Acme
    title: Product Manager
    dates: { decided: 2026-11-02 }
    contacts: [{ name: Dana Lee, email: dana@acme.example }]
    cadence: ${cadence}
`;

function errorOf(run: () => unknown): RunnerUpError {
  try {
    run();
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error('expected a RunnerUpError');
}

/** The first lines of a `kind: candidate` entry on `silver-medalist`, decided 2026-11-16. */
const candidateEntry = (id: string, organization: string, title: string) =>
  `  - id: ${id}\n    kind: candidate\n    organization: ${organization}\n    title: ${title}\n    cadence: silver-medalist\n    dates: { decided: 2026-11-16 }\n`;

/** The error parsing `text` throws. */
const yamlError = (text: string, options?: { file?: string }) =>
  errorOf(() => parsePipelineYaml(text, options));

const runnerUp = resolveCadence('runner-up');

describe('extends: a cadence written as another with some fields changed', () => {
  test('takes the base cadence whole and changes only the rules given, key by key', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  patient:
    extends: runner-up
    rules: { maxUnanswered: 2, minGapDays: 5 }
opportunities:
${opportunity('patient')}`,
    );
    const patient = pipeline.cadences.patient!;
    expect(patient.steps).toEqual(runnerUp.steps);
    expect(patient.repeat).toEqual(runnerUp.repeat);
    expect(patient.estimates).toEqual(runnerUp.estimates);
    expect(patient.rules).toEqual({ ...runnerUp.rules, maxUnanswered: 2, minGapDays: 5 });
    expect(patient.extends).toBe('runner-up');
  });

  test('the changed rule changes the plan: maxUnanswered stops after that many unanswered touches', () => {
    const touches = `    touchpoints:
      - { on: 2026-11-03, channel: email }
      - { on: 2026-11-24, channel: email }
`;
    const source = (cadence: string) =>
      `${head}cadences:
  patient: { extends: runner-up, rules: { maxUnanswered: 2 } }
opportunities:
${opportunity(cadence)}${touches}`;
    const upcoming = (cadence: string) =>
      plan(parsePipelineYaml(source(cadence)), { now: NOW }).filter((r) => r.status !== 'done');
    expect(upcoming('runner-up').length).toBeGreaterThan(0);
    expect(upcoming('patient')).toEqual([]);
  });

  test('steps, repeat and description given replace the base’s', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  short:
    extends: runner-up
    description: Two touches, then quarterly
    steps:
      - { id: thanks, from: decided, after: P1D, title: 'Thank {contact.firstName}' }
    repeat: { every: P3M, count: 2 }
opportunities:
${opportunity('short')}`,
    );
    const short = pipeline.cadences.short!;
    expect(short.steps.map((s) => s.id)).toEqual(['thanks']);
    expect(short.repeat).toEqual({ every: 'P3M', count: 2 });
    expect(short.description).toBe('Two touches, then quarterly');
    expect(short.rules).toEqual(runnerUp.rules);
  });

  test('estimates are merged by date key', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  later-start:
    extends: runner-up
    estimates: { winnerStarts: { from: decided, after: P6W } }
opportunities:
${opportunity('later-start')}`,
    );
    expect(pipeline.cadences['later-start']!.estimates).toEqual({
      ...runnerUp.estimates,
      winnerStarts: { from: 'decided', after: 'P6W' },
    });
  });

  test('a cadence under the id of a preset extends that preset, for every opportunity relying on it', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  runner-up: { extends: runner-up, rules: { stopOn: [won, closed] } }
opportunities:
  - id: acme-pm
    organization: Acme
    title: Product Manager
    dates: { decided: 2026-11-02 }
`,
    );
    expect(pipeline.opportunities[0]!.cadence).toBe('runner-up');
    expect(pipeline.cadences['runner-up']!.steps).toEqual(runnerUp.steps);
    expect(pipeline.cadences['runner-up']!.rules.stopOn).toEqual(['won', 'closed']);
  });

  test('cadences in the file extend one another, in any order', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  stricter: { extends: patient, rules: { stopOn: [reply, won] } }
  patient: { extends: quarterly, rules: { maxUnanswered: 3 } }
opportunities:
${opportunity('stricter')}`,
    );
    const quarterly = resolveCadence('quarterly');
    expect(pipeline.cadences.stricter!.steps).toEqual(quarterly.steps);
    expect(pipeline.cadences.stricter!.rules).toEqual({
      ...quarterly.rules,
      maxUnanswered: 3,
      stopOn: ['reply', 'won'],
    });
  });

  test("an opportunity's inline cadence can extend one", () => {
    const pipeline = parsePipelineYaml(
      `${head}opportunities:
${opportunity('{ extends: silver-medalist, rules: { minGapDays: 14 } }')}    kind: candidate
`,
    );
    const cadence = pipeline.opportunities[0]!.cadence as Cadence;
    expect(cadence.steps).toEqual(resolveCadence('silver-medalist').steps);
    expect(cadence.rules.minGapDays).toBe(14);
  });

  test('plan() resolves extends on a pipeline given as a plain object', () => {
    const input = {
      version: 1 as const,
      owner: { name: 'Sam', timezone: 'UTC' },
      opportunities: [
        {
          id: 'acme-pm',
          organization: 'Acme',
          title: 'PM',
          dates: { decided: '2026-11-02' },
          cadence: { extends: 'quarterly', rules: { businessDays: false } },
        },
      ],
    };
    const reminders = plan(input, { now: NOW });
    const viaParse = plan(parsePipeline(input), { now: NOW });
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders).toEqual(viaParse);
  });

  test('the parsed pipeline keeps its extends through a JSON copy', () => {
    const parsed = parsePipelineYaml(
      `${head}cadences:
  patient: { extends: runner-up, rules: { maxUnanswered: 2 } }
opportunities:
${opportunity('patient')}`,
    );
    const copy = trustParsedPipeline(JSON.parse(JSON.stringify(parsed)));
    expect(plan(copy, { now: NOW })).toEqual(plan(parsed, { now: NOW }));
  });

  test('resolveCadence resolves extends among the custom cadences it is given', () => {
    const cadence = resolveCadence('mine', {
      custom: { mine: { extends: 'quarterly', rules: { minGapDays: 3 } } },
    });
    expect(cadence.steps).toEqual(resolveCadence('quarterly').steps);
    expect(cadence.rules.minGapDays).toBe(3);
  });
});

describe('extends and plugins', () => {
  const acme = definePlugin({
    name: 'acme',
    cadences: { 'acme-quarterly': { extends: 'quarterly', rules: { minGapDays: 7 } } },
  });

  test("a plugin's cadence can extend a preset, and a file's cadence the plugin's", () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  mine: { extends: acme-quarterly, rules: { maxUnanswered: 4 } }
opportunities:
${opportunity('mine')}`,
      { plugins: [acme] },
    );
    expect(pipeline.cadences.mine!.steps).toEqual(resolveCadence('quarterly').steps);
    expect(pipeline.cadences.mine!.rules).toMatchObject({ minGapDays: 7, maxUnanswered: 4 });
    expect(plan(pipeline, { now: NOW, plugins: [acme] }).length).toBeGreaterThan(0);
  });

  test("a plugin's cadence that extends anything but a preset is refused where it is defined", () => {
    const error = errorOf(() =>
      definePlugin({ name: 'acme', cadences: { 'acme-x': { extends: 'acme-y' } } }),
    );
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain('`cadences.acme-x.extends`');
    expect(error.message).toContain('can extend a built-in preset only');
  });
});

describe('extends: errors name the place', () => {
  test('an unknown base, with a did-you-mean, at the value of extends', () => {
    const error = yamlError(
      `${head}cadences:
  patient:
    extends: runner-upp
    rules: { maxUnanswered: 2 }
opportunities:
${opportunity('patient')}`,
      { file: 'runner-up.yaml' },
    );
    expect(error.code).toBe('unknown_cadence');
    // The cadence has no steps because its base is unknown: that is not a second problem.
    expect(error.message).toBe(
      'runner-up.yaml:5:14 `cadences.patient.extends`: unknown cadence "runner-upp"; did you mean `runner-up`?',
    );
    expect(error.issues).toHaveLength(1);
  });

  test('cadences that extend one another in a circle', () => {
    const error = yamlError(`${head}cadences:\n  a: { extends: b }\n  b: { extends: a }\n`);
    expect(error.code).toBe('invalid_pipeline');
    expect(error.issues).toHaveLength(1);
    expect(error.message).toContain('`cadences.b.extends`');
    expect(error.message).toContain('("a" → "b" → "a")');
    expect(error.line).toBe(5);
  });

  test('a cadence extending its own id when no preset or plugin has it', () => {
    const error = yamlError(`${head}cadences:\n  mine: { extends: mine }\n`);
    expect(error.code).toBe('unknown_cadence');
    expect(error.message).toContain('cadence "mine" extends itself');
  });

  test('other problems of an extending cadence are still reported, at their place', () => {
    const error = yamlError(
      `${head}cadences:\n  patient:\n    extends: runner-up\n    rules: { minGapDays: -1, stopOn: [replied] }\n`,
    );
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'cadences.patient.rules.minGapDays',
      'cadences.patient.rules.stopOn.0',
    ]);
    expect(error.line).toBe(6);
  });

  test('extends that is not text says so, along with the missing steps', () => {
    const error = yamlError(`${head}cadences:\n  c: { extends: 3 }\n`);
    expect(error.issues[0]!.path).toEqual(['cadences', 'c', 'extends']);
    expect(error.issues[0]!.message).toContain('expected text');
  });

  test('plan() on a plain object reports an unknown base as unknown_cadence', () => {
    const error = errorOf(() =>
      plan(
        {
          version: 1,
          owner: { name: 'Sam', timezone: 'UTC' },
          cadences: { mine: { extends: 'quartely' } },
        },
        { now: NOW },
      ),
    );
    expect(error.code).toBe('unknown_cadence');
    expect(error.path).toEqual(['cadences', 'mine', 'extends']);
    expect(error.message).toContain('did you mean `quarterly`?');
  });
});

describe('lint follows extends to the steps it keeps', () => {
  const candidate = (cadences: string, cadence: string) =>
    parsePipelineYaml(
      `${head}cadences:
${cadences}opportunities:
  - id: globex-sre-ana
    kind: candidate
    organization: Globex
    title: Senior SRE
    dates: { decided: 2026-11-17 }
    contacts: [{ name: Ana Souza, role: candidate, email: ana@example.com }]
    cadence: ${cadence}
`,
    );

  test("a candidate on a cadence with runner-up's steps is warned about", () => {
    const warnings = lintPipeline(
      candidate('  patient: { extends: runner-up, rules: { maxUnanswered: 2 } }\n', 'patient'),
    );
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'candidate_cadence',
        expect.stringContaining('cadence `patient` with the steps of `runner-up`'),
      ],
    ]);
  });

  test('a cadence that writes its own steps is the file’s to fit', () => {
    const warnings = lintPipeline(
      candidate(
        `  own:
    extends: runner-up
    steps: [{ id: hello, from: decided, after: P1W, title: 'Say hello to {contact.firstName}' }]
`,
        'own',
      ),
    );
    expect(warnings).toEqual([]);
  });

  test('the built-in presets are unchanged by this: they extend nothing', () => {
    for (const cadence of Object.values(builtinCadences))
      expect(cadence).not.toHaveProperty('extends');
  });
});

describe('extends: what a cadence inherits is reported where it is written, once', () => {
  test('mistakes in a base are told at the base, not again for each cadence extending it', () => {
    const error = yamlError(
      `${head}cadences:
  base:
    steps:
      - { id: hi, from: decided, after: P1D, title: Hi }
      - { id: hi, after: P1M, title: Again }
    repeat: { rrule: "FREQ=MONTHY" }
    rules: { maxUnanswered: 2, thenCadence: quartely }
  child: { extends: base, description: child }
opportunities:
${opportunity('{ extends: base }')}  - id: globex
    organization: Globex
    title: PM
    dates: { decided: 2026-11-02 }
    cadence: child
`,
    );
    expect(error.issues.map((issue) => [issue.line, issue.path.join('.')])).toEqual([
      [7, 'cadences.base.steps.1.id'],
      [8, 'cadences.base.repeat.rrule'],
      [9, 'cadences.base.rules.thenCadence'],
    ]);
  });

  test('schema errors in a base are told once, at the base', () => {
    const error = yamlError(
      `${head}cadences:
  base:
    steps: [{ id: hi, from: decided, after: P1D, title: Hi }]
    rules: { minGapDays: -1 }
  child: { extends: base, rules: { maxUnanswered: 2 } }
`,
    );
    expect(error.issues.map((issue) => [issue.line, issue.path.join('.')])).toEqual([
      [6, 'cadences.base.rules.minGapDays'],
    ]);
  });

  test("a date the preset's steps need is asked of the opportunity, naming the preset", () => {
    const error = yamlError(
      `${head}opportunities:
  - id: bid
    kind: proposal
    organization: Acme
    title: Platform bid
    dates: { awarded: 2026-11-20 }
    cadence: { extends: proposal-runner-up, rules: { minGapDays: 7 } }
`,
    );
    expect(error.issues).toHaveLength(1);
    expect(error.code).toBe('unknown_anchor');
    expect(error.path).toEqual(['opportunities', 0, 'dates', 'decided']);
    expect(error.message).toContain(
      'missing date `decided`: this inline cadence (with the steps of "proposal-runner-up") counts step',
    );
  });

  test('a typo in a step is told at that step, when only cadences extending it are used', () => {
    const error = yamlError(
      `${head}cadences:
  kick:
    steps:
      - { id: hello, from: kickof, after: P1D, title: Hello }
  kick2: { extends: kick, rules: { minGapDays: 3 } }
opportunities:
  - id: a
    organization: Acme
    title: PM
    dates: { kickoff: 2026-11-02 }
    cadence: kick2
  - id: b
    organization: Beta
    title: PM
    dates: { kickoff: 2026-11-02 }
    cadence: { extends: kick }
`,
    );
    expect(error.issues.map((issue) => [issue.line, issue.path.join('.')])).toEqual([
      [6, 'cadences.kick.steps.0.from'],
    ]);
    expect(error.message).toContain('did you mean `kickoff`?');
  });

  test('lint warns about a base once, at the base', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  base:
    steps: [{ id: hi, from: decided, after: P1D, title: 'Hi {contact.lastName}', to: recruter }]
  child: { extends: base, rules: { minGapDays: 3 } }
opportunities:
  - id: a
    organization: Acme
    title: PM
    dates: { decided: 2026-11-02 }
    contacts: [{ name: Dana Lee, role: recruiter }]
    cadence: child
`,
    );
    expect(lintPipeline(pipeline).map((w) => [w.code, w.path.join('.')])).toEqual([
      ['unknown_contact', 'cadences.base.steps.0.to'],
      ['unknown_placeholder', 'cadences.base.steps.0.title'],
    ]);
  });

  test('a candidate on a cadence that wrote its own steps deeper down the chain is not warned', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  lite: { extends: runner-up, rules: { minGapDays: 20 } }
  keep-warm:
    extends: lite
    steps: [{ id: hello, from: decided, after: P1D, action: call, title: 'Call {contact.firstName}' }]
opportunities:
  - id: ana
    kind: candidate
    organization: Globex
    title: SRE
    dates: { decided: 2026-11-17 }
    contacts: [{ name: Ana Souza, role: candidate }]
    cadence: keep-warm
`,
    );
    expect(lintPipeline(pipeline)).toEqual([]);
  });
});

describe('extends: removing what a cadence inherits', () => {
  test('null removes an inherited rule: silver-medalist without its limit of unanswered touches', () => {
    const pipeline = parsePipelineYaml(
      `${head}cadences:
  warm:
    extends: silver-medalist
    rules: { maxUnanswered: null, minGapDays: 45 }
`,
    );
    expect(resolveCadence('silver-medalist').rules.maxUnanswered).toBe(3);
    expect(pipeline.cadences.warm!.rules.maxUnanswered).toBeUndefined();
    expect(pipeline.cadences.warm!.rules.minGapDays).toBe(45);
  });

  test('null removes an inherited field: runner-up without its repeats', () => {
    const source = (repeat: string) =>
      `${head}cadences:
  once: { extends: runner-up, ${repeat} }
opportunities:
${opportunity('once')}`;
    const last = (text: string) =>
      plan(parsePipelineYaml(text), { now: NOW, horizon: 'P2Y' }).map((r) => r.stepId);
    expect(parsePipelineYaml(source('repeat: null')).cadences.once!.repeat).toBeUndefined();
    const withRepeats = last(source('description: same'));
    const without = last(source('repeat: null'));
    expect(without.length).toBeLessThan(withRepeats.length);
    expect(without).toEqual(runnerUp.steps.map((s) => s.id));
  });

  test('null in a cadence that extends nothing is still an error', () => {
    const error = yamlError(
      `${head}cadences:\n  c:\n    steps: [{ id: a, from: decided, after: P1D, title: A }]\n    repeat: null\n`,
    );
    expect(error.path).toEqual(['cadences', 'c', 'repeat']);
  });
});

describe('extends: messages', () => {
  test('a circle says to remove an extends, and when a preset id is shadowed, says so', () => {
    const error = yamlError(
      `${head}cadences:\n  runner-up: { extends: gentle }\n  gentle: { extends: runner-up }\n`,
    );
    expect(error.message).toContain('remove one of these `extends:`');
    expect(error.message).toContain('"runner-up" replaces the cadence of that id for this file');
  });

  test('a cadence with neither steps nor extends is told about both', () => {
    const error = yamlError(`${head}cadences:\n  c: { description: nothing yet }\n`);
    expect(error.message).toContain(
      'missing required field `steps`: give the cadence its steps, or `extends:` a preset or another cadence',
    );
  });

  test('extends: undefined in a plain object is no extends, and no crash', () => {
    const error = errorOf(() =>
      parsePipeline({
        version: 1,
        owner: { name: 'L', timezone: 'UTC' },
        cadences: { x: { extends: undefined } },
      }),
    );
    expect(error.code).toBe('invalid_pipeline');
    expect(error.path).toEqual(['cadences', 'x', 'steps']);
  });

  test('resolveCadence reports only the cadences it is built from', () => {
    const cadence = resolveCadence('x', {
      custom: { x: { extends: 'runner-up' }, y: { extends: 'nope' } },
    });
    expect(cadence.steps).toEqual(runnerUp.steps);
  });

  test('a plugin map built by hand that extends no preset is an unknown cadence', () => {
    const error = errorOf(() =>
      resolveCadence('acme-q', {
        plugins: new Map([['acme-q', { extends: 'quarterlyy' } as never]]),
      }),
    );
    expect(error.code).toBe('unknown_cadence');
    expect(error.message).toContain('can extend a built-in preset only');
  });
});

describe('extends: a field given replaces the base’s whole, and the messages say so', () => {
  const messageOf = (cadence: string) =>
    yamlError(`${head}cadences:\n  a: ${cadence}\n`, { file: 'f.yaml' }).message;

  test('repeat', () => {
    expect(messageOf('{ extends: runner-up, repeat: { until: P6M } }')).toBe(
      "f.yaml:4:36 `cadences.a.repeat`: give exactly one of `every` or `rrule` (`repeat` replaces the base's whole, so give all of it)",
    );
  });

  test('an estimate', () => {
    expect(
      messageOf('{ extends: runner-up, estimates: { winnerStarts: { after: P6W } } }'),
    ).toContain(
      "(the estimate `winnerStarts` replaces the base's whole, so give both `from` and `after`)",
    );
  });

  test('extends given a number is told to name a cadence, not to quote it', () => {
    const message = messageOf('{ extends: 5 }');
    expect(message).toBe(
      'f.yaml:4:17 `cadences.a.extends`: expected text, got 5: name a cadence, like `runner-up`',
    );
  });
});

describe('review of the recruiter side: warnings and messages', () => {
  const recruiter = (opportunities: string) =>
    parsePipelineYaml(`${head}opportunities:\n${opportunities}`, { file: 'f.yaml' });

  test('a candidate entry whose contacts have no role: candidate is warned about', () => {
    const pipeline =
      recruiter(`${candidateEntry('a', 'Contoso', 'SRE')}    contacts: [{ name: Lee Hart, role: hiring-manager }, { name: Jo Bloggs, email: jo@x.example }]
`);
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'candidate_contact',
        path: ['opportunities', 0, 'contacts'],
        message:
          'no contact has `role: candidate`, so every step goes to the first listed, Lee Hart: give the candidate `role: candidate`',
      },
    ]);
  });

  test("a touchpoint's with: that names no contact is warned about, with a did-you-mean", () => {
    const pipeline =
      recruiter(`${candidateEntry('a', 'Contoso', 'SRE')}    contacts: [{ name: Priya Raman, role: candidate }]
    touchpoints: [{ on: 2026-11-17, channel: call, with: Pryia Raman }]
`);
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'unknown_touch_contact',
        path: ['opportunities', 0, 'touchpoints', 0, 'with'],
        message:
          '`with: Pryia Raman` names no contact of this opportunity: it counts as a touch with the candidate; did you mean `Priya Raman`?',
      },
    ]);
  });

  test('a contact who is doNotContact in another entry is warned about where nothing is planned', () => {
    const pipeline =
      recruiter(`${candidateEntry('contoso-aisha', 'Contoso', 'SRE')}    contacts: [{ name: Aisha Khan, role: candidate, email: aisha@mail.example, doNotContact: true }]
${candidateEntry('globex-aisha', 'Globex', 'Data')}    contacts: [{ name: Aisha Khan, role: candidate, email: Aisha@Mail.example }]
`);
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'do_not_contact_elsewhere',
        path: ['opportunities', 1, 'contacts', 0],
        message:
          'Aisha Khan is `doNotContact` in `contoso-aisha`, and the same person here, so nothing is planned for them here either',
      },
    ]);
  });

  test('a word for a status that is not one gets the status it means', () => {
    const error = errorOf(() =>
      recruiter(
        '  - { id: a, organization: A, title: T, status: placed, dates: { decided: 2026-11-01 } }\n',
      ),
    );
    expect(error.message).toContain('got "placed"; for placed, write `won`');
  });

  test('null outside an extending cadence says where null works', () => {
    const error = yamlError(
      `${head}cadences:\n  a: { steps: [{ id: x, from: decided, after: P1D, title: t }], rules: { thenCadence: null } }\n`,
    );
    expect(error.message).toContain(
      '(`null` removes what a cadence inherits only when it `extends:` another)',
    );
  });

  test('a cadence extending the preset of its own id is not said to have its own steps', () => {
    const error = yamlError(
      `${head}cadences:\n  silver-medalist: { extends: silver-medalist, rules: { minGapDays: 3 } }\nopportunities:\n  - { id: a, kind: candidate, organization: A, title: T, cadence: silver-medalist, dates: { awarded: 2026-11-01 } }\n`,
    );
    expect(error.message).toContain(
      'missing date `decided`: cadence "silver-medalist" counts step',
    );
  });
});

describe('review of identity: lint agrees with plan()', () => {
  const lint = (opportunities: string) =>
    lintPipeline(parsePipelineYaml(`${head}opportunities:\n${opportunities}`));

  test('a lone contact with another role than candidate is warned about; a role is read trimmed', () => {
    const warnings =
      lint(`${candidateEntry('a', 'Contoso', 'SRE')}    contacts: [{ name: Lee Hart, role: hiring-manager }]
${candidateEntry('b', 'Contoso', 'SRE')}    contacts: [{ name: Lee Hart, role: hiring-manager }, { name: Jo Bloggs, role: ' Candidate' }]
`);
    expect(warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['candidate_contact', 'opportunities.0.contacts'],
    ]);
    const reminders = plan(
      parsePipelineYaml(`${head}opportunities:
${candidateEntry('b', 'Contoso', 'SRE')}    contacts: [{ name: Lee Hart, role: hiring-manager }, { name: Jo Bloggs, role: ' Candidate' }]
`),
      { now: NOW },
    );
    expect(new Set(reminders.map((r) => r.contact?.name))).toEqual(new Set(['Jo Bloggs']));
  });

  test('a contact barred as the same person in its own opportunity is warned about', () => {
    const warnings = lint(`  - id: b
    organization: Acme
    title: PM
    dates: { decided: 2026-11-16 }
    contacts:
      - { name: Dana Lee, email: dana@acme.example }
      - { name: D. Lee, email: Dana@acme.example, doNotContact: true }
`);
    expect(warnings.map((w) => w.message)).toEqual([
      'Dana Lee is the same person as D. Lee, marked `doNotContact` in this opportunity, so nothing is planned for them either',
    ]);
  });

  test("a step's to: is not checked against a candidate's contacts, whom it does not pick", () => {
    const warnings = lintPipeline(
      parsePipelineYaml(`${head}cadences:
  warm:
    steps: [{ id: hi, from: decided, after: P1D, title: Hi, to: recruiter }]
opportunities:
  - id: a
    kind: candidate
    organization: Contoso
    title: SRE
    cadence: warm
    dates: { decided: 2026-11-16 }
    contacts: [{ name: Priya Raman, role: candidate }]
`),
    );
    expect(warnings).toEqual([]);
  });
});

describe('lint follows a candidate through hand-overs', () => {
  test("a hand-over to a cadence with quarterly's steps is warned about, at the thenCadence", () => {
    const pipeline = parsePipelineYaml(`${head}cadences:
  warm: { extends: silver-medalist, rules: { thenCadence: q } }
  q: { extends: quarterly }
opportunities:
${candidateEntry('a', 'Contoso', 'SRE').replace('silver-medalist', 'warm')}    contacts: [{ name: Pat Doe, role: candidate }]
`);
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'candidate_cadence',
        path: ['cadences', 'warm', 'rules', 'thenCadence'],
        message:
          'after a hand-over, `kind: candidate` follows cadence `q` with the steps of `quarterly`, written for the one who came second (its hello brings news from your side to someone at the organization): hand over to a cadence written for candidates, or to none',
      },
    ]);
  });
});
