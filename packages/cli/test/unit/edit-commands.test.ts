import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

/** Runs the command in this process on `file`, with `--now` fixed, and collects what it prints. */
function runOn(file: string, args: string[]) {
  return runInProcess(['--file', file, '--now', NOW, ...args]);
}

const fixture = commentedFile;

function write(text: string): string {
  const file = join(scratchDir(), 'runner-up.yaml');
  writeFileSync(file, text);
  return file;
}

const SHARED = [
  'version: 1',
  'owner: {name: L, timezone: UTC}',
  'opportunities:',
  '  - id: one',
  '    organization: One',
  '    title: T',
  '    dates: {decided: 2026-11-20}',
  '    touchpoints: &tp',
  '      - {on: 2026-11-21, channel: email}',
  '    snoozedUntil: &s 2027-01-01',
  '  - id: two',
  '    organization: Two',
  '    title: T',
  '    dates: {decided: 2026-11-20}',
  '    touchpoints: *tp',
  '    snoozedUntil: *s',
  '',
].join('\n');

describe('log and snooze on values shared through a YAML alias', () => {
  it('refuse (exit 2), naming file:line:col of the alias and the anchor, and write nothing', async () => {
    const file = write(SHARED);
    for (const args of [
      ['log', 'one', '--channel', 'call'],
      ['log', 'two', '--channel', 'call'],
      ['snooze', 'one', '--until', '2027-02-01'],
    ]) {
      const result = await runOn(file, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        args[0] === 'log'
          ? /^\[runner-up\] \S+runner-up\.yaml:15:18 `opportunities\[1\]\.touchpoints`: the alias `\*tp` shares the value anchored as `&tp` at \S+runner-up\.yaml:8:18 `opportunities\[0\]\.touchpoints`/
          : /^\[runner-up\] \S+runner-up\.yaml:16:19 `opportunities\[1\]\.snoozedUntil`: the alias `\*s`/,
      );
      expect(readFileSync(file, 'utf8')).toBe(SHARED);
    }
  });

  it('snooze replaces an alias to a plain date with a date of its own, changing nothing else', async () => {
    const file = write(SHARED);
    const result = await runOn(file, ['snooze', 'two', '--until', '2027-02-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      SHARED.replace('    snoozedUntil: *s', '    snoozedUntil: 2027-02-01'),
    );
  });
});

describe('log and snooze on a pipeline written as JSON', () => {
  it('keep it JSON (regression: the new touchpoint and key were written as unquoted YAML)', async () => {
    const opportunity = (id: string) => ({
      id,
      organization: id,
      title: 'T',
      dates: { decided: '2026-11-20' },
    });
    const pipeline = {
      version: 1,
      owner: { name: 'L', timezone: 'UTC' },
      opportunities: [
        { ...opportunity('one'), touchpoints: [{ on: '2026-11-21', channel: 'email' }] },
        opportunity('two'),
      ],
    };
    const file = write(`${JSON.stringify(pipeline, null, 2)}\n`);
    for (const args of [
      ['log', 'one', '--channel', 'call', '--note', 'said "soon"'],
      ['log', 'two', '--channel', 'email'],
      ['snooze', 'two', '--until', '2027-02-01'],
    ]) {
      const result = await runOn(file, args);
      expect(result.code, result.stderr).toBe(0);
    }
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.opportunities[0].touchpoints).toEqual([
      { on: '2026-11-21', channel: 'email' },
      { on: '2026-12-01', channel: 'call', direction: 'out', note: 'said "soon"' },
    ]);
    expect(written.opportunities[1]).toMatchObject({
      touchpoints: [{ on: '2026-12-01', channel: 'email', direction: 'out' }],
      snoozedUntil: '2027-02-01',
    });
  });
});

describe('runner-up log arguments', () => {
  it('names the missing <opportunity> first, then a missing --channel (regression: it asked for --channel)', async () => {
    const file = fixture();
    const none = await runOn(file, ['log']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^\[runner-up\] missing required argument 'opportunity'/);
    const noChannel = await runOn(file, ['log', 'acme-telecom-pm']);
    expect(noChannel.code).toBe(2);
    expect(noChannel.stderr).toMatch(/^\[runner-up\] `--channel` is required: one of email, call/);
    const snooze = await runOn(file, ['snooze']);
    expect(snooze.stderr).toMatch(/^\[runner-up\] missing required argument 'opportunity'/);
    const noUntil = await runOn(file, ['snooze', 'acme-telecom-pm']);
    expect(noUntil.code).toBe(2);
    expect(noUntil.stderr).toMatch(/^\[runner-up\] `--until` is required/);
  });

  it('refuses an empty or blank --with (exit 2) and writes nothing (regression: it wrote `with: ""`)', async () => {
    const file = fixture();
    const before = readFileSync(file, 'utf8');
    for (const name of ['', '   ']) {
      const result = await runOn(file, [
        'log',
        'acme-telecom-pm',
        '--channel',
        'call',
        '--with',
        name,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`\`--with\` expects the name of the person`);
      expect(readFileSync(file, 'utf8')).toBe(before);
    }
  });

  it('refuses an empty or blank --note (exit 2) and writes nothing (regression: it wrote `note: ""`)', async () => {
    const file = fixture();
    const before = readFileSync(file, 'utf8');
    for (const note of ['', '   ']) {
      const result = await runOn(file, [
        'log',
        'acme-telecom-pm',
        '--channel',
        'call',
        '--note',
        note,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] \`--note\` expects what was said, got ${JSON.stringify(note)}; leave it out when there is nothing to note.\n`,
      );
      expect(readFileSync(file, 'utf8')).toBe(before);
    }
  });

  it('suggests the channel meant, case ignored (`--channel Email`)', async () => {
    const file = fixture();
    const before = readFileSync(file, 'utf8');
    for (const [typed, meant] of [
      ['Email', 'email'],
      ['LinkedIn', 'linkedin'],
      ['emial', 'email'],
    ]) {
      const result = await runOn(file, ['log', 'acme-telecom-pm', '--channel', typed!]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `[runner-up] \`--channel\` must be one of email, call, linkedin, meeting, note, other; got "${typed}". Did you mean \`${meant}\`?\n`,
      );
    }
    const far = await runOn(file, ['log', 'acme-telecom-pm', '--channel', 'carrier-pigeon']);
    expect(far.stderr).toMatch(/got "carrier-pigeon"\.\n$/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('runner-up snooze --until before today', () => {
  it('writes the date and warns on stderr, exit 0', async () => {
    const file = fixture();
    const result = await runOn(file, ['snooze', 'acme-telecom-pm', '--until', '2020-01-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Snoozed acme-telecom-pm until 2020-01-01.');
    expect(result.stderr).toBe(
      '[runner-up] Warning: `--until` 2020-01-01 is before today, 2026-12-01 in America/Chicago, so this snooze holds nothing back; did you mean a later date?\n',
    );
    expect(readFileSync(file, 'utf8')).toContain('snoozedUntil: 2020-01-01');
    const later = await runOn(file, ['snooze', 'acme-telecom-pm', '--until', '2026-12-01']);
    expect(later.stderr).toBe('');
  });
});

describe('runner-up log --with', () => {
  const candidateFile = () =>
    write(`version: 1
owner: { name: Morgan Hale, timezone: Europe/London }
opportunities:
  - id: contoso-priya
    kind: candidate
    organization: Contoso
    title: SRE
    cadence: silver-medalist
    dates: { decided: 2026-11-16 }
    contacts:
      - { name: Priya Raman, role: candidate }
      - { name: Lee Hart, role: hiring-manager, doNotContact: true }
`);

  it('records a name that is no contact, and warns with a did-you-mean (exit 0)', async () => {
    const file = candidateFile();
    const result = await runOn(file, [
      'log',
      'contoso-priya',
      '--channel',
      'call',
      '--with',
      'Pryia Raman',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Logged call with Pryia Raman');
    expect(result.stderr).toBe(
      '[runner-up] Warning: `--with Pryia Raman` names no contact of contoso-priya; did you mean `Priya Raman`? It counts as a touch with the candidate.\n',
    );
    expect(readFileSync(file, 'utf8')).toContain('with: Pryia Raman');
  });

  it('says what to write when a name typed is closest to someone at the client, not the candidate', async () => {
    const file = candidateFile();
    const result = await runOn(file, [
      'log',
      'contoso-priya',
      '--channel',
      'call',
      '--with',
      'Lee',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      '[runner-up] Warning: `--with Lee` names no contact of contoso-priya; did you mean `Lee Hart`? As written it counts as a touch with the candidate, Priya Raman; if it was with Lee Hart, write `with: Lee Hart` in the file, and it completes no step.\n',
    );
  });

  it('warns that a misspelt name, taken for a barred candidate, reached someone doNotContact', async () => {
    const file = write(`version: 1
owner: { name: Morgan Hale, timezone: Europe/London }
opportunities:
  - id: initech-hana
    kind: candidate
    organization: Initech
    title: SRE
    cadence: silver-medalist
    dates: { decided: 2026-11-16 }
    contacts: [{ name: Hana Sato, role: candidate, doNotContact: true }]
`);
    const result = await runOn(file, [
      'log',
      'initech-hana',
      '--channel',
      'email',
      '--with',
      'Hana Sto',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        '[runner-up] Warning: `--with Hana Sto` names no contact of initech-hana; did you mean `Hana Sato`? It counts as a touch with the candidate.',
        '[runner-up] Warning: Hana Sato is `doNotContact` in initech-hana: the touch is recorded, and nothing is planned for them.',
        '',
      ].join('\n'),
    );
  });

  it('warns of a touch with someone marked doNotContact, and not of a contact by name', async () => {
    const file = candidateFile();
    const barred = await runOn(file, [
      'log',
      'contoso-priya',
      '--channel',
      'call',
      '--with',
      'Lee Hart',
    ]);
    expect(barred.stderr).toContain('Lee Hart is `doNotContact` in contoso-priya');
    const fine = await runOn(file, [
      'log',
      'contoso-priya',
      '--channel',
      'call',
      '--with',
      'priya raman',
    ]);
    expect(fine.stderr).toBe('');
  });

  it('warns of a touch with the same person marked doNotContact in another entry, or with no --with', async () => {
    const file = write(`version: 1
owner: { name: Morgan Hale, timezone: Europe/London }
opportunities:
  - id: initech-chris
    kind: candidate
    organization: Initech
    title: Backend Engineer
    cadence: silver-medalist
    dates: { decided: 2026-11-12 }
    contacts: [{ name: Chris Park, role: candidate, email: chris.park@mail.example, doNotContact: true }]
  - id: acme-chris
    kind: candidate
    organization: Acme
    title: Product Designer
    cadence: silver-medalist
    dates: { decided: 2026-11-18 }
    contacts: [{ name: Chris Park, role: candidate, email: chris.park@mail.example }]
  - id: acme-pm
    organization: Acme
    title: PM
    dates: { decided: 2026-11-18 }
    contacts: [{ name: Dana Lee, email: dana@acme.example }]
`);
    // Without --with, on the entry that marks them: the touch went to the candidate.
    const marked = await runOn(file, ['log', 'initech-chris', '--channel', 'email']);
    expect(marked.code).toBe(0);
    expect(marked.stderr).toBe(
      '[runner-up] Warning: Chris Park is `doNotContact` in initech-chris: the touch is recorded, and nothing is planned for them.\n',
    );
    // The same person in another entry, named or not.
    for (const withName of [['--with', 'Chris Park'], []]) {
      const other = await runOn(file, ['log', 'acme-chris', '--channel', 'email', ...withName]);
      expect(other.code).toBe(0);
      expect(other.stderr).toBe(
        '[runner-up] Warning: Chris Park is `doNotContact` in `initech-chris`, and the same person here, so nothing is planned for them here either; the touch is recorded.\n',
      );
    }
    const json = await runOn(file, ['log', 'acme-chris', '--channel', 'email', '--json']);
    expect(JSON.parse(json.stdout).warnings).toEqual([
      expect.objectContaining({ code: 'do_not_contact' }),
    ]);
    // Someone no one marked: no warning.
    const fine = await runOn(file, ['log', 'acme-pm', '--channel', 'email']);
    expect(fine.stderr).toBe('');
  });
});

/** A candidate kept warm with `silver-medalist`, two touches without a reply recorded. */
const nina = () =>
  write(`version: 1
owner: { name: Morgan Reyes, timezone: America/New_York }
opportunities:
  - id: initech-qa-nina
    kind: candidate
    organization: Initech
    title: QA Lead
    cadence: silver-medalist
    dates: { decided: 2026-11-25 }
    contacts: [{ name: Nina Patel, role: candidate, email: nina.patel@mail.example }]
    touchpoints:
      - { on: 2026-11-30, channel: call, note: "Told her" }
      - { on: 2027-01-11, channel: email }
`);

describe('runner-up log: the last unanswered touch a cadence allows', () => {
  const args = ['log', 'initech-qa-nina', '--channel', 'email', '--now', '2027-04-13T15:00:00Z'];

  it('says the cadence stops there, rather than let its steps vanish (regression)', async () => {
    const result = await runInProcess(['-f', nina(), ...args]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '✓ Logged email on 2027-04-13 for initech-qa-nina. It completes initech-qa-nina/availability-check/1, planned for 2027-04-12. No reply to this and the 2 touches before it (`maxUnanswered: 3`), so cadence `silver-medalist` stops here: nothing more is planned for initech-qa-nina.\n',
    );
    const json = await runInProcess(['-f', nina(), ...args, '--json']);
    expect(JSON.parse(json.stdout).ends).toBe(
      'no reply to this and the 2 touches before it (`maxUnanswered: 3`), so cadence `silver-medalist` stops here',
    );
  });

  it('says the cadence hands over, also when its why ends with a change of clocks', async () => {
    // 02:30 does not exist on 14 Mar 2027 in New York: the why ends with that, after the end.
    const file = write(`version: 1
owner: { name: Lynne, timezone: America/New_York, at: "02:30", workdays: [mon, tue, wed, thu, fri, sat, sun] }
opportunities:
  - id: acme
    organization: Acme
    title: PM
    dates: { decided: 2027-03-13 }
    contacts: [{ name: Dana Lee, email: dana@acme.example }]
    cadence:
      steps: [{ id: ping, from: decided, after: P1D, title: Ping }]
      rules: { maxUnanswered: 1, thenCadence: quarterly }
`);
    const json = await runInProcess([
      '-f',
      file,
      'log',
      'acme',
      '--channel',
      'email',
      '--now',
      '2027-03-14T12:00:00Z',
      '--json',
    ]);
    expect(JSON.parse(json.stdout).ends).toBe(
      'no reply to this touch (`maxUnanswered: 1`), so this cadence hands over to `quarterly`',
    );
  });

  it('says when the cadence handed over to has nothing left to plan (found in review)', async () => {
    // `next` counts only from the decision: both its steps fall before the hand-over.
    const file = write(`version: 1
owner: { name: Lynne, timezone: UTC }
cadences:
  first:
    steps: [{ id: a, from: decided, after: P1W, title: A }]
    rules: { maxUnanswered: 1, thenCadence: next }
  next:
    steps: [{ id: x, from: decided, after: P1W, title: X }, { id: y, from: decided, after: P2W, title: Y }]
opportunities:
  - id: o
    organization: Acme
    title: PM
    dates: { decided: 2026-11-17 }
    cadence: first
`);
    const result = await runInProcess([
      '-f',
      file,
      'log',
      'o',
      '--channel',
      'email',
      '--now',
      '2026-12-08',
    ]);
    expect(result.stdout).toBe(
      '✓ Logged email on 2026-12-08 for o. It completes o/a/1, planned for 2026-11-24. No reply to this touch (`maxUnanswered: 1`), so cadence `first` hands over to `next`, which has nothing left to plan: nothing more is planned for o.\n',
    );
  });

  it('says nothing of an end when the cadence goes on', async () => {
    // The second touch without a reply: `silver-medalist` allows three.
    const file = nina();
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('      - { on: 2027-01-11, channel: email }\n', ''),
    );
    const json = await runInProcess(['-f', file, ...args, '--json']);
    expect(JSON.parse(json.stdout).completed).toHaveLength(1);
    expect(JSON.parse(json.stdout).ends).toBeNull();
  });
});

describe('runner-up log --answered', () => {
  // Two touches Nina did not answer; the third, a call with --answered, she did.
  const args = ['log', 'initech-qa-nina', '--channel', 'call', '--now', '2027-04-13T15:00:00Z'];

  it('writes `answered: true`, and the cadence goes on rather than stop at its third touch', async () => {
    const file = nina();
    const result = await runInProcess(['-f', file, ...args, '--answered']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      '✓ Logged call on 2027-04-13 for initech-qa-nina. It completes initech-qa-nina/availability-check/1, planned for 2027-04-12.\n',
    );
    expect(readFileSync(file, 'utf8')).toContain(
      '      - { on: 2027-04-13, channel: call, direction: out, answered: true }\n',
    );
    // The file reads back, and the next check-in is planned.
    const agenda = await runInProcess([
      '-f',
      file,
      'agenda',
      '--now',
      '2027-04-13T15:00:00Z',
      '--days',
      '200',
      '--json',
    ]);
    expect(agenda.code, agenda.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(agenda.stdout))).toContain(
      'initech-qa-nina/availability-check/2',
    );
  });

  it('as a reply, stops a cadence that stops on one, and says how many reminders are dropped', async () => {
    const file = write(`version: 1
owner: { name: Lynne, timezone: UTC }
opportunities:
  - id: acme
    organization: Acme
    title: PM
    dates: { decided: 2026-11-20 }
    contacts: [{ name: Dana Lee, email: dana@acme.example }]
    cadence: runner-up
`);
    const json = await runOn(file, ['log', 'acme', '--channel', 'call', '--answered', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const effect = JSON.parse(json.stdout);
    expect(effect.touchpoint).toEqual({
      on: '2026-12-01',
      channel: 'call',
      direction: 'out',
      answered: true,
    });
    expect(effect.completed).toEqual(['acme/thank-you/1']);
    expect(effect.stopped).toBeGreaterThan(0);
  });

  it('is written as a JSON boolean in a pipeline written as JSON', async () => {
    const pipeline = {
      version: 1,
      owner: { name: 'L', timezone: 'UTC' },
      opportunities: [
        {
          id: 'one',
          organization: 'One',
          title: 'T',
          dates: { decided: '2026-11-20' },
          touchpoints: [{ on: '2026-11-21', channel: 'email' }],
        },
      ],
    };
    const file = write(`${JSON.stringify(pipeline, null, 2)}\n`);
    const result = await runOn(file, ['log', 'one', '--channel', 'call', '--answered']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).opportunities[0].touchpoints[1]).toEqual({
      on: '2026-12-01',
      channel: 'call',
      direction: 'out',
      answered: true,
    });
  });

  it('is refused with --direction in, which is a reply already (exit 2, file unchanged)', async () => {
    const file = nina();
    const before = readFileSync(file, 'utf8');
    const result = await runInProcess(['-f', file, ...args, '--answered', '--direction', 'in']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '[runner-up] `--answered` is for a touch of yours (`--direction out`) that they answered on the spot, such as a call they picked up; a touch from them (`--direction in`) is their reply already, so leave `--answered` out.\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('runner-up log on an opportunity whose status stops its cadence', () => {
  const pipeline = (status: string, cadence = 'runner-up') =>
    write(`version: 1
owner: { name: Lynne, timezone: UTC }
opportunities:
  - id: acme
    organization: Acme
    title: PM
    status: ${status}
    dates: { decided: 2026-11-20 }
    contacts: [{ name: Dana Lee, email: dana@acme.example }]
    cadence: ${cadence}
`);

  it('says nothing more is planned for it (regression: it read as if the follow-ups went on)', async () => {
    const result = await runOn(pipeline('won'), ['log', 'acme', '--channel', 'email']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      '✓ Logged email on 2026-12-01 for acme. It completes acme/thank-you/1, planned for 2026-11-23. acme is `won`, so nothing more is planned for it.\n',
    );
  });

  it('says nothing of a status its cadence does not stop on', async () => {
    // `lost` is not in the default stopOn: the runner-up case itself.
    const result = await runOn(pipeline('lost'), ['log', 'acme', '--channel', 'email']);
    expect(result.stdout).toBe(
      '✓ Logged email on 2026-12-01 for acme. It completes acme/thank-you/1, planned for 2026-11-23.\n',
    );
  });
});

describe('runner-up agenda --days', () => {
  it('says "next 1 day" for one day (regression: "next 1 days")', async () => {
    const file = fixture();
    const one = await runOn(file, ['agenda', '--days', '1']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('next 1 day)');
    expect(one.stdout).not.toContain('1 days');
    const two = await runOn(file, ['agenda', '--days', '2']);
    expect(two.stdout).toContain('next 2 days)');
  });
});
