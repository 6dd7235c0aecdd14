import { describe, expect, it } from 'vitest';
import { lintPipeline, parsePipeline, parsePipelineYaml, plan } from '../../src';
import { definePlugin } from '../../src/plugin/define-plugin';
import { caught } from '../engine/fixtures';

const file = (body: string) => `version: 1
owner: { name: Lynne Park, timezone: America/Chicago }
${body}`;

const acme = `  - id: acme-pm
    organization: Acme Telecom
    title: Program Manager
    dates: { decided: 2026-11-20 }
    contacts:
      - { name: Dana Lee, role: hiring-manager, email: dana@acme.example }
      - { name: Sam Roe, role: recruiter }
`;

/** An opportunity for a support contract, as a list item of `opportunities:`. */
const contract = (id: string, organization: string, dates: string, cadence: string) =>
  `  - id: ${id}
    organization: ${organization}
    title: Support Contract
    dates: ${dates}
    cadence: ${cadence}`;

describe('lintPipeline', () => {
  it('finds nothing in a pipeline without mistakes', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    touchpoints:
      - { on: 2026-11-23, channel: email, reminder: acme-pm/thank-you/1 }
`),
    );
    expect(lintPipeline(pipeline)).toEqual([]);
  });

  it('warns of a touchpoint naming a step its cadence does not have, which completes nothing', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    touchpoints:
      - { on: 2026-11-23, channel: email, reminder: acme-pm/thank-yu/1 }
      - { on: 2026-11-24, channel: email, reminder: other-pm/thank-you/1 }
      - { on: 2026-11-25, channel: email, reminder: thank-you }
`),
    );
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'unknown_reminder',
        path: ['opportunities', 0, 'touchpoints', 0, 'reminder'],
        message:
          '`reminder: acme-pm/thank-yu/1` names step `thank-yu`, which its cadence does not have (did you mean `acme-pm/thank-you/1`?), so this touchpoint completes no reminder',
      },
      {
        code: 'unknown_reminder',
        path: ['opportunities', 0, 'touchpoints', 1, 'reminder'],
        message:
          '`reminder: other-pm/thank-you/1` names opportunity `other-pm`, not this one (`acme-pm`), so this touchpoint completes no reminder',
      },
      {
        code: 'unknown_reminder',
        path: ['opportunities', 0, 'touchpoints', 2, 'reminder'],
        message:
          '`reminder: thank-you` is not a reminder key (`<opportunity>/<step>/<occurrence>`, as `runner-up agenda --json` shows it), so this touchpoint completes no reminder',
      },
    ]);
    // What the warning says: the touch completes nothing.
    const reminders = plan(pipeline, { now: '2026-11-26T15:00:00Z' });
    expect(reminders.find((r) => r.key === 'acme-pm/thank-you/1')?.status).not.toBe('done');
  });

  it('warns of a candidate following a preset for the one who came second, and of silver-medalist on anything else', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    kind: candidate
  - { id: b, organization: Globex, title: SRE, kind: candidate, dates: { decided: 2026-11-17 }, contacts: [{ name: Ana Souza, role: candidate }] }
  - { id: c, organization: Globex, title: SRE, cadence: silver-medalist, dates: { decided: 2026-11-17 } }
  - { id: d, organization: Globex, title: SRE, kind: candidate, cadence: silver-medalist, dates: { decided: 2026-11-17 }, contacts: [{ name: Ana Souza, role: candidate }] }
`),
    );
    expect(lintPipeline(pipeline).map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'candidate_cadence',
        ['opportunities', 0, 'kind'],
        '`kind: candidate` follows cadence `runner-up`, which is written for the one who came second (it thanks them and says you are still interested): give it `cadence: silver-medalist`, or a cadence of your own',
      ],
      [
        'candidate_contact',
        ['opportunities', 0, 'contacts'],
        'no contact has `role: candidate`, so every step goes to the first listed, Dana Lee: give the candidate `role: candidate`',
      ],
      [
        'candidate_cadence',
        ['opportunities', 1, 'kind'],
        '`kind: candidate` follows cadence `runner-up`, which is written for the one who came second (it thanks them and says you are still interested): give it `cadence: silver-medalist`, or a cadence of your own',
      ],
      [
        'candidate_cadence',
        ['opportunities', 2, 'cadence'],
        'cadence `silver-medalist` keeps warm a candidate you passed over: add `kind: candidate`, so that its steps go to the candidate only and `minGapDays` spaces touches per candidate rather than per organization',
      ],
    ]);
    // `quarterly` brings news from your side to someone at the organization: not a candidate's.
    const quarterly = parsePipelineYaml(
      file(`opportunities:
  - { id: e, organization: Globex, title: SRE, kind: candidate, cadence: quarterly, dates: { decided: 2026-11-17 }, contacts: [{ name: Ana Souza }] }
`),
    );
    expect(lintPipeline(quarterly).map((w) => w.message)).toEqual([
      '`kind: candidate` follows cadence `quarterly`, which is written for the one who came second (its hello brings news from your side to someone at the organization): give it `cadence: silver-medalist`, or a cadence of your own',
    ]);
    // A `runner-up` of the file's own is the file's to fit.
    const own = parsePipelineYaml(
      file(`cadences:
  runner-up: { steps: [{ id: hello, after: P1W, title: Hello }] }
opportunities:
${acme}    kind: candidate
`),
    );
    // (Its contacts still have no `role: candidate`: that is told, the cadence is not.)
    expect(lintPipeline(own).map((w) => w.code)).toEqual(['candidate_contact']);
  });

  it('warns of a candidate entry with no contacts, whose steps address no one', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
  - { id: z, kind: candidate, organization: Acme, title: SRE, cadence: silver-medalist, dates: { decided: 2026-11-20 } }
  - { id: y, kind: job, organization: Acme, title: PM, dates: { decided: 2026-11-20 } }
`),
    );
    expect(lintPipeline(pipeline).map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'candidate_contact',
        ['opportunities', 0],
        'a `kind: candidate` entry with no contacts: its steps address no one ("your contact"); list the candidate under `contacts:` with `role: candidate`',
      ],
    ]);
  });

  it('knows the steps of the cadences handed over to, by their prefixed ids', () => {
    const pipeline = parsePipelineYaml(
      file(`cadences:
  gentle:
    steps: [{ id: hello, from: decided, after: P1D, title: Hello }]
    rules: { maxUnanswered: 1, thenCadence: quarterly }
opportunities:
${acme}    cadence: gentle
    touchpoints:
      - { on: 2027-06-01, channel: email, reminder: acme-pm/quarterly.check-in/2 }
      - { on: 2027-06-02, channel: email, reminder: acme-pm/check-in/2 }
`),
    );
    expect(lintPipeline(pipeline).map((w) => w.path)).toEqual([
      ['opportunities', 0, 'touchpoints', 1, 'reminder'],
    ]);
  });

  it("warns of a step's `to` that matches no contact of the opportunities using the cadence", () => {
    const pipeline = parsePipelineYaml(
      file(`cadences:
  gentle:
    steps:
      - { id: hello, from: decided, after: P1D, title: Hello, to: recruitr }
      - { id: again, after: P1M, title: Again, to: Sam Roe }
opportunities:
${acme}    cadence: gentle
`),
    );
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'unknown_contact',
        path: ['cadences', 'gentle', 'steps', 0, 'to'],
        message:
          "`to: recruitr` matches no contact's role or name in the opportunities using this cadence, so the step goes to their first contact; did you mean `recruiter`?",
      },
    ]);
  });

  it('warns of placeholders nothing fills, in titles, talking points, subjects and bodies', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      estimates: { kickoff: { from: decided, after: P2W } }
      steps:
        - id: hello
          from: decided
          after: P1D
          title: Thank {contact.lastName}
          talkingPoints:
            - "Before {dates.kickoff} and {dates.decided}, mention {title} at {organization}."
            - "Ask about {dates.renewal}."
            - "Use {template:intro}."
          subject: "{contact.firstName}, {orgnization}"
          body: "Thank you for the {titel} interviews."
`),
    );
    expect(lintPipeline(pipeline).map((w) => [w.path.slice(-2).join('.'), w.message])).toEqual([
      [
        '0.title',
        '`{contact.lastName}` is not a placeholder, so it stays in the text as written; did you mean `{contact.firstName}`?',
      ],
      [
        'talkingPoints.1',
        '`{dates.renewal}`: no opportunity using this cadence has a date `renewal`, so it stays in the text as written',
      ],
      [
        'talkingPoints.2',
        '`{template:intro}`: no plugin given contributes a template `intro` (templates come from plugins passed to the library in `plugins`; the `runner-up` command loads none), so it stays in the text as written',
      ],
      [
        '0.subject',
        '`{orgnization}` is not a placeholder, so it stays in the text as written; did you mean `{organization}`?',
      ],
      [
        '0.body',
        '`{titel}` is not a placeholder, so it stays in the text as written; did you mean `{title}`?',
      ],
    ]);
    const reminders = plan(pipeline, { now: '2026-11-01T15:00:00Z' });
    expect(reminders[0]!.title).toBe('Thank {contact.lastName}');
  });

  it('warns of every placeholder nothing fills in one text, each once (regression: only the first was reported)', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      steps:
        - id: hello
          from: decided
          after: P1D
          title: "A {contact.lastName} {dates.foo} at {organization}, {dates.foo}"
`),
    );
    expect(lintPipeline(pipeline).map((w) => w.message)).toEqual([
      '`{contact.lastName}` is not a placeholder, so it stays in the text as written; did you mean `{contact.firstName}`?',
      '`{dates.foo}`: no opportunity using this cadence has a date `foo`, so it stays in the text as written',
    ]);
  });

  it('warns of a touchpoint naming a repeat past the `count` its cadence makes (regression: no warning)', () => {
    const cadence = `    cadence:
      steps:
        - { id: a, from: decided, after: P1D, title: Hello }
        - { id: b, from: previous, after: P1W, title: Again }
      repeat: { every: P1M, count: 4 }
`;
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}${cadence}    touchpoints:
      - { on: 2026-12-01, channel: email, reminder: acme-pm/b/5 }
      - { on: 2026-12-02, channel: email, reminder: acme-pm/b/6 }
`),
    );
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'unknown_reminder',
        path: ['opportunities', 0, 'touchpoints', 1, 'reminder'],
        message:
          '`reminder: acme-pm/b/6` names occurrence 6 of step `b`, whose repeat ends after `count: 4`: its reminders are `acme-pm/b/1` to `acme-pm/b/5`, so this touchpoint completes no reminder',
      },
    ]);
    // What the warning says: the step's reminders run from 1 to count + 1.
    const keys = plan(pipeline, { now: '2026-11-21T15:00:00Z' })
      .filter((r) => r.stepId === 'b')
      .map((r) => r.key);
    expect(keys).toEqual([
      'acme-pm/b/1',
      'acme-pm/b/2',
      'acme-pm/b/3',
      'acme-pm/b/4',
      'acme-pm/b/5',
    ]);
  });

  it('warns of a thenCadence that leads back to a cadence already followed, once per loop', () => {
    const pingPong = `cadences:
  ping:
    steps: [{ id: a, from: decided, after: P1D, title: Ping }]
    repeat: { every: P1W }
    rules: { maxUnanswered: 2, thenCadence: pong }
  pong:
    steps: [{ id: b, from: previous, after: P1D, title: Pong }]
    repeat: { every: P1W }
    rules: { maxUnanswered: 2, thenCadence: ping }
`;
    const pipeline = parsePipelineYaml(
      file(`${pingPong}  chain:
    steps: [{ id: c, from: decided, after: P1D, title: Chain }]
    rules: { maxUnanswered: 1, thenCadence: quarterly }
opportunities:
${acme}    cadence: ping
  - id: other
    organization: Other
    title: Role
    dates: { decided: 2026-11-20 }
    cadence: ping
  - id: third
    organization: Third
    title: Role
    dates: { decided: 2026-11-20 }
    cadence: chain
`),
    );
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'handover_cycle',
        path: ['cadences', 'pong', 'rules', 'thenCadence'],
        message:
          '`thenCadence: ping` leads back to a cadence already followed (`ping` → `pong` → `ping`): a hand-over never goes back, so `pong` stops after its `maxUnanswered` instead of handing over',
      },
    ]);
    // What the warning says: after two unanswered touches in `pong`, nothing more is planned.
    const touched = parsePipelineYaml(
      file(`${pingPong}opportunities:
${acme}    cadence: ping
    touchpoints:
      - { on: 2026-11-23, channel: email }
      - { on: 2026-11-30, channel: email }
      - { on: 2026-12-01, channel: email }
      - { on: 2026-12-08, channel: email }
`),
    );
    const pending = plan(touched, { now: '2026-12-09T15:00:00Z' }).filter(
      (r) => r.status !== 'done',
    );
    expect(pending).toEqual([]);
  });

  it('warns of a time zone written in other letter case than its usual spelling', () => {
    const pipeline = parsePipelineYaml(`version: 1
owner: { name: Lynne Park, timezone: america/chicago }
opportunities:
${acme}`);
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'time_zone_spelling',
        path: ['owner', 'timezone'],
        message:
          '`timezone: america/chicago` works here, but it is written as it stands into calendars, whose clients may match zone names exactly: write `America/Chicago`',
      },
    ]);
  });

  it("counts plugins' templates and cadences as known", () => {
    const plugin = definePlugin({
      name: 'extra',
      templates: { intro: 'I am {contact.firstName}' },
      cadences: {
        nudge: { steps: [{ id: 'nudge', from: 'decided', after: 'P1W', title: 'Nudge' }] },
      },
    });
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      steps:
        - { id: hello, from: decided, after: P1D, title: "Use {template:intro}" }
  - id: beta-pm
    organization: Beta
    title: PM
    dates: { decided: 2026-11-20 }
    cadence: nudge
    touchpoints:
      - { on: 2026-11-27, channel: email, reminder: beta-pm/nudge/1 }
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(pipeline, { plugins: [plugin] })).toEqual([]);
    // Without the plugin its cadence is unknown, and lint says so, as plan() does, rather than
    // warning of a touchpoint that names a step of a cadence it cannot see.
    const error = caught(() => lintPipeline(pipeline));
    expect(error.code).toBe('unknown_cadence');
    expect(error.message).toMatch(
      /Unknown cadence `nudge`: .* pass `lintPipeline\(\)` the same `plugins` as parsing\.$/,
    );
    // Told where the file names it: the second opportunity's `cadence`.
    expect(error.path).toEqual(['opportunities', 1, 'cadence']);
    // A file's inline cadence naming a template no plugin given contributes is a warning.
    const inline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      steps:
        - { id: hello, from: decided, after: P1D, title: "Use {template:intro}" }
`),
    );
    expect(lintPipeline(inline).map((w) => w.code)).toEqual(['unknown_placeholder']);
  });

  it("warns of a plugin cadence's `{dates.<key>}` that no opportunity following it has, where the cadence is named", () => {
    const plugin = definePlugin({
      name: 'extra',
      templates: { renewal: 'Ask how the renewal on {dates.renewsOn} went.' },
      cadences: {
        'extra-contract': {
          steps: [
            { id: 'start', from: 'decided', after: 'P1W', title: 'Since {dates.signedOn}' },
            {
              id: 'renew',
              from: 'previous',
              after: 'P1M',
              title: 'Renewal',
              talkingPoints: ['{template:renewal}', 'Signed {dates.signedOn}'],
            },
          ],
        },
      },
    });
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20, signed: 2026-11-25 }', 'extra-contract')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(pipeline, { plugins: [plugin] })).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['opportunities', 0, 'cadence'],
        message:
          'cadence `extra-contract` writes `{dates.signedOn}` in `steps[0].title` and `steps[1].talkingPoints[1]`, but no opportunity following it has a date `signedOn`, so it stays in the text as written: add `signedOn` under `dates:`; did you mean `signed`?',
      },
      {
        code: 'unknown_placeholder',
        path: ['opportunities', 0, 'cadence'],
        message:
          'cadence `extra-contract` writes `{dates.renewsOn}` in `steps[1].talkingPoints[0]` (through `{template:renewal}`), but no opportunity following it has a date `renewsOn`, so it stays in the text as written: add `renewsOn` under `dates:`',
      },
    ]);
    // Handed over to from a file's cadence, it is told at that cadence's `thenCadence`, once for
    // all the opportunities that follow it.
    const handedOver = parsePipelineYaml(
      file(`cadences:
  mine:
    steps: [{ id: first, from: decided, after: P1W, title: First }]
    rules: { maxUnanswered: 1, thenCadence: extra-contract }
opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20, signedOn: 2026-11-25 }', 'mine')}
${contract('delta', 'Delta', '{ decided: 2026-11-20, renewsOn: 2027-11-25 }', 'mine')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(handedOver, { plugins: [plugin] })).toEqual([]);
    const missing = parsePipelineYaml(
      file(`cadences:
  mine:
    steps: [{ id: first, from: decided, after: P1W, title: First }]
    rules: { maxUnanswered: 1, thenCadence: extra-contract }
opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20, signedOn: 2026-11-25 }', 'mine')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(missing, { plugins: [plugin] })).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['cadences', 'mine', 'rules', 'thenCadence'],
        message:
          'after the hand-over from `mine`, cadence `extra-contract` writes `{dates.renewsOn}` in `steps[1].talkingPoints[0]` (through `{template:renewal}`), but no opportunity following it has a date `renewsOn`, so it stays in the text as written: add `renewsOn` under `dates:`',
      },
    ]);
    // The braces are what the warning is about: plan() leaves them in the reminders.
    const reminders = plan(pipeline, { now: '2026-11-21T12:00:00Z', plugins: [plugin] });
    expect(reminders.find((r) => r.stepId === 'start')!.title).toBe('Since {dates.signedOn}');
    // With the dates written, nothing is left to warn of.
    const dated = parsePipelineYaml(
      file(`opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20, signedOn: 2026-11-25, renewsOn: 2027-11-25 }', 'extra-contract')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(dated, { plugins: [plugin] })).toEqual([]);
  });

  it("warns of a plugin cadence's `{dates.<key>}` a file's cadence inherits by `extends`, at the `extends`", () => {
    const plugin = definePlugin({
      name: 'extra',
      cadences: {
        'extra-contract': {
          steps: [
            { id: 'start', from: 'decided', after: 'P1W', title: 'Since {dates.signedOn}' },
            {
              id: 'again',
              from: 'previous',
              after: 'P1M',
              title: 'Signed {dates.signedOn}',
              talkingPoints: ['{template:extra.note}'],
            },
          ],
        },
      },
      templates: { 'extra.note': 'A note' },
    });
    const pipeline = parsePipelineYaml(
      file(`cadences:
  mine: { extends: extra-contract, rules: { minGapDays: 3 } }
opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20 }', 'mine')}
${contract('delta', 'Delta', '{ decided: 2026-11-20 }', '{ extends: extra-contract, rules: { minGapDays: 5 } }')}
`),
      { plugins: [plugin] },
    );
    const message =
      '`extends: extra-contract` brings in `{dates.signedOn}`: no opportunity using this cadence has a date `signedOn`, so it stays in the text as written';
    expect(lintPipeline(pipeline, { plugins: [plugin] })).toEqual([
      { code: 'unknown_placeholder', path: ['cadences', 'mine', 'extends'], message },
      { code: 'unknown_placeholder', path: ['opportunities', 1, 'cadence', 'extends'], message },
    ]);
    // Its template, given by a plugin left out of this registry, would reach reminders as written
    // too (plan() takes the file's cadence as it stands).
    const without = { ...plugin, templates: {} };
    expect(
      lintPipeline(pipeline, { plugins: [without] })
        .filter((w) => w.message.includes('template'))
        .map((w) => [w.path, w.message]),
    ).toEqual([
      [
        ['cadences', 'mine', 'extends'],
        '`extends: extra-contract` brings in `{template:extra.note}`: no plugin given contributes a template `extra.note` (templates come from plugins passed to the library in `plugins`; the `runner-up` command loads none), so it stays in the text as written',
      ],
      [
        ['opportunities', 1, 'cadence', 'extends'],
        '`extends: extra-contract` brings in `{template:extra.note}`: no plugin given contributes a template `extra.note` (templates come from plugins passed to the library in `plugins`; the `runner-up` command loads none), so it stays in the text as written',
      ],
    ]);
  });

  it("places a plugin cadence's date warning at the `extends` that names it, along a chain or an inherited hand-over", () => {
    const plugin = definePlugin({
      name: 'extra',
      cadences: {
        'extra-contract': {
          steps: [{ id: 'start', from: 'decided', after: 'P1W', title: 'Since {dates.signedOn}' }],
        },
        'extra-patient': {
          steps: [{ id: 'wait', from: 'decided', after: 'P1W', title: 'Wait' }],
          rules: { maxUnanswered: 1, thenCadence: 'extra-contract' },
        },
      },
    });
    const chain = parsePipelineYaml(
      file(`cadences:
  base: { extends: extra-contract }
  mine: { extends: base, rules: { minGapDays: 3 } }
opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20 }', 'mine')}
${contract('delta', 'Delta', '{ decided: 2026-11-20 }', 'base')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(chain, { plugins: [plugin] })).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['cadences', 'base', 'extends'],
        message:
          '`extends: extra-contract` brings in `{dates.signedOn}`: no opportunity using this cadence has a date `signedOn`, so it stays in the text as written',
      },
    ]);
    const inherited = parsePipelineYaml(
      file(`cadences:
  mine: { extends: extra-patient, rules: { minGapDays: 3 } }
opportunities:
${contract('gamma', 'Gamma', '{ decided: 2026-11-20 }', 'mine')}
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(inherited, { plugins: [plugin] })).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['cadences', 'mine', 'extends'],
        message:
          '`extends: extra-patient` brings in a hand-over: after the hand-over from `mine`, cadence `extra-contract` writes `{dates.signedOn}` in `steps[0].title`, but no opportunity following it has a date `signedOn`, so it stays in the text as written: add `signedOn` under `dates:`',
      },
    ]);
  });

  it("warns of a `{dates.<key>}` inside a template a file's cadence pulls in", () => {
    const plugin = definePlugin({
      name: 'extra',
      templates: { renewal: 'Ask how the renewal on {dates.renewsOn} went.' },
    });
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      steps:
        - { id: hello, from: decided, after: P1D, title: Hello, talkingPoints: ["{template:renewal}"] }
`),
      { plugins: [plugin] },
    );
    expect(lintPipeline(pipeline, { plugins: [plugin] })).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['opportunities', 0, 'cadence', 'steps', 0, 'talkingPoints', 0],
        message:
          '`{dates.renewsOn}` in `{template:renewal}`: no opportunity using this cadence has a date `renewsOn`, so it stays in the text as written',
      },
    ]);
  });

  it("warns of a placeholder written with spaces inside its braces in a file's cadence", () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      steps:
        - { id: hello, from: decided, after: P1D, title: "Hello { contact.firstName }" }
`),
    );
    expect(lintPipeline(pipeline)).toEqual([
      {
        code: 'unknown_placeholder',
        path: ['opportunities', 0, 'cadence', 'steps', 0, 'title'],
        message:
          '`{ contact.firstName }` has spaces inside its braces, so it is not a placeholder and stays in the text as written; write `{contact.firstName}`',
      },
    ]);
  });

  it('leaves the presets alone: their `to` may match no contact by design', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
  - id: solo
    organization: Solo
    title: PM
    dates: { decided: 2026-11-20 }
    contacts: [{ name: Pat Doe }]
    cadence: proposal-runner-up
`),
    );
    expect(lintPipeline(pipeline)).toEqual([]);
  });

  it('warns of an offset whose clock part makes no whole day', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    cadence:
      estimates: { kickoff: { from: decided, after: PT36H } }
      steps:
        - { id: a, from: decided, after: PT1H, title: A }
        - { id: b, from: kickoff, after: PT48H, title: B }
        - { id: c, after: P1MT12H, title: C }
`),
    );
    expect(
      lintPipeline(pipeline).map((w) => [w.code, w.path.slice(3).join('.'), w.message]),
    ).toEqual([
      [
        'partial_day',
        'estimates.kickoff.after',
        "`after: PT36H`: reminders fall at the owner's `at` time, so only whole days count and the part of a day left over is dropped",
      ],
      [
        'partial_day',
        'steps.0.after',
        "`after: PT1H`: reminders fall at the owner's `at` time, so only whole days count and this offset moves nothing",
      ],
      [
        'partial_day',
        'steps.2.after',
        "`after: P1MT12H`: reminders fall at the owner's `at` time, so only whole days count and the part of a day left over is dropped",
      ],
    ]);
  });

  it("warns of a touchpoint dated after today in the owner's zone, only when given `now`", () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    touchpoints:
      - { on: 2026-11-30, channel: email }
      - { on: 2026-12-01, channel: email }
      - { on: 3026-11-23, channel: call }
`),
    );
    expect(lintPipeline(pipeline)).toEqual([]);
    // 03:00 UTC on 12-01 is still 11-30 in Chicago: the touch of 12-01 is tomorrow there.
    const warnings = lintPipeline(pipeline, { now: '2026-12-01T03:00:00Z' });
    expect(warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['future_touchpoint', 'opportunities.0.touchpoints.1.on'],
      ['future_touchpoint', 'opportunities.0.touchpoints.2.on'],
    ]);
    expect(warnings[1]!.message).toBe(
      '`on: 3026-11-23` is after today (2026-11-30 in America/Chicago): a touchpoint records a contact that happened, yet this one already completes a reminder and moves the steps counting from it (a typo in the date? To put follow-ups off, use `snoozedUntil`)',
    );
    expect(lintPipeline(pipeline, { now: new Date('2026-12-01T12:00:00Z') })).toHaveLength(1);
  });

  it('warns of a `thenCadence` without `maxUnanswered`, which never hands over', () => {
    const pipeline = parsePipelineYaml(
      file(`cadences:
  slow:
    steps: [{ id: hello, from: decided, after: P1D, title: Hello }]
    rules: { thenCadence: quarterly }
  limited:
    extends: slow
    rules: { maxUnanswered: 2 }
opportunities:
${acme}    cadence: slow
  - id: beta-pm
    organization: Beta
    title: PM
    dates: { decided: 2026-11-20 }
    cadence: limited
  - id: gamma-pm
    organization: Gamma
    title: PM
    dates: { decided: 2026-11-20 }
    cadence:
      steps: [{ id: hi, from: decided, after: P1D, title: Hi }]
      rules: { thenCadence: quarterly }
`),
    );
    // `limited` inherits the hand-over and sets the limit: it hands over.
    expect(lintPipeline(pipeline).map((w) => [w.code, w.path.join('.')])).toEqual([
      ['handover_without_limit', 'cadences.slow.rules.thenCadence'],
      ['handover_without_limit', 'opportunities.2.cadence.rules.thenCadence'],
    ]);
    expect(lintPipeline(pipeline)[0]!.message).toBe(
      '`thenCadence: quarterly` takes over after `maxUnanswered` touches with no reply, and this cadence sets no `maxUnanswered`, so it never hands over: add one, like `maxUnanswered: 3`',
    );
  });

  it('says what a touchpoint dated after today already does only when it does it', () => {
    const pipeline = parsePipelineYaml(
      file(`opportunities:
${acme}    touchpoints:
      - { on: 2026-12-10, channel: email, direction: in }
      - { on: 2026-12-11, channel: email, reminder: acme-pm/thank-you/9 }
  - id: beta-pm
    organization: Beta
    title: PM
    dates: { decided: 2026-11-20 }
    cadence: false
    touchpoints:
      - { on: 2026-12-12, channel: email }
      - { on: 2026-12-13, channel: email, direction: in }
`),
    );
    const told = (message: string) =>
      message.slice(message.indexOf('happened'), message.indexOf(' (a typo'));
    expect(
      lintPipeline(pipeline, { now: '2026-11-30T15:00:00Z' }).map((w) => [
        w.code,
        w.path.join('.'),
        w.code === 'future_touchpoint' ? told(w.message) : '',
      ]),
    ).toEqual([
      // A reply stops the cadence; it completes nothing.
      [
        'future_touchpoint',
        'opportunities.0.touchpoints.0.on',
        'happened, yet this one already counts as their reply',
      ],
      // It names no reminder, and no opportunity without a cadence has one to complete.
      ['future_touchpoint', 'opportunities.0.touchpoints.1.on', 'happened'],
      ['unknown_reminder', 'opportunities.0.touchpoints.1.reminder', ''],
      ['future_touchpoint', 'opportunities.1.touchpoints.0.on', 'happened'],
      // Without a cadence, a reply stops nothing either.
      ['future_touchpoint', 'opportunities.1.touchpoints.1.on', 'happened'],
    ]);
  });
});

describe('lintPipeline on a pipeline built in code (regression: TypeErrors)', () => {
  it('checks it as plan() does, every failure a RunnerUpError', () => {
    const owner = { name: 'Lynne', timezone: 'UTC' };
    const caughtCode = (input: unknown) => caught(() => lintPipeline(input as never)).code;
    expect(caughtCode({ version: 1, owner, opportunities: [{ id: 'a' }] })).toBe(
      'invalid_pipeline',
    );
    expect(caughtCode(null)).toBe('invalid_pipeline');
    const reading = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(caughtCode(reading)).toBe('invalid_pipeline');
    // A valid one built in code gets its warnings, as its parsed twin does.
    const built = {
      version: 1 as const,
      owner,
      opportunities: [
        {
          id: 'acme-pm',
          organization: 'Acme',
          title: 'PM',
          dates: { decided: '2026-11-20' },
          contacts: [{ name: 'Dana', role: 'hiring-manager' as const }],
          touchpoints: [{ on: '2026-11-21', channel: 'email' as const, with: 'Dan' }],
        },
      ],
    };
    const warnings = lintPipeline(built);
    expect(warnings.map((w) => w.code)).toContain('unknown_touch_contact');
    expect(warnings).toEqual(lintPipeline(parsePipeline(built)));
  });
});
