import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { runCli, scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

beforeAll(ensureBuilt, 600_000);

/** Both starters: the default one, written with no `--for`, and the recruiter's. */
const STARTERS = ['default', 'recruiter'] as const;
const forArgs = (audience: string): string[] => (audience === 'default' ? [] : ['--for', audience]);

describe('runner-up init', () => {
  it('fails in a folder that does not exist as export -o does: one clean message, exit 1', async () => {
    const { cwd } = commentedProject();
    const init = await runCli(['init', '-f', 'nodir/x.yaml'], { cwd });
    expect(init.stderr).toBe(
      '[runner-up] Could not write nodir/x.yaml: its folder, nodir, does not exist. Create it first (`mkdir -p nodir`), or give a path in a folder that exists.\n',
    );
    expect(init.code).toBe(1);
    const exported = await runCli(['export', 'ics', '-o', 'nodir/x.ics', '--now', NOW], { cwd });
    expect(exported.stderr).toBe(
      '[runner-up] Could not write nodir/x.ics: its folder, nodir, does not exist. Create it first (`mkdir -p nodir`), or give a path in a folder that exists.\n',
    );
    expect(exported.code).toBe(1);
    // No temporary file left behind. The export's revision state is saved before the calendar
    // (a state ahead of what was written is harmless), so it is there.
    expect(readdirSync(cwd).sort()).toEqual(['runner-up.export.state.json', 'runner-up.yaml']);
  });

  // The zone init writes is the computer's (TZ here); the longest IANA names are 30 characters.
  for (const [zone, audience] of STARTERS.flatMap((audience) =>
    ['UTC', 'America/Chicago', 'America/Argentina/Rio_Gallegos'].map((zone) => [zone, audience]),
  )) {
    it(`lines up the comments at the end of lines for the zone ${zone} (${audience})`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', ...forArgs(audience!), '--now', NOW], {
        cwd,
        env: { TZ: zone },
      });
      expect(init.code).toBe(0);
      const text = readFileSync(join(cwd, 'runner-up.yaml'), 'utf8');
      expect(parse(text).owner.timezone).toBe(zone);
      expect(text).toContain('# IANA zone: every reminder falls at `at` in this zone');
      // Every comment after a value starts at the same column.
      const columns = text
        .split('\n')
        .filter((line) => /^\s*[^\s#].*\s# /.test(line))
        .map((line) => line.indexOf(' # ') + 1);
      expect(columns.length).toBeGreaterThan(5);
      expect(new Set(columns)).toEqual(new Set([columns[0]]));
      expect((await runCli(['validate'], { cwd })).code).toBe(0);
    });
  }

  // Node reads an empty TZ as Etc/Unknown, which Intl then refuses (init crashed on it), and a
  // misspelt one as no zone at all (init wrote UTC without a word).
  for (const [zone, audience] of STARTERS.flatMap((audience) =>
    ['', 'Foo/Bar'].map((zone) => [zone, audience]),
  )) {
    it(`writes UTC and says to set owner.timezone when TZ=${JSON.stringify(zone)} is no zone (${audience})`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', ...forArgs(audience!), '-f', 'i.yaml', '--now', NOW], {
        cwd,
        env: { TZ: zone },
      });
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/^Wrote i\.yaml[.,] /);
      expect(init.stderr).toBe(
        `[runner-up] Note: the computer's time zone (TZ=${JSON.stringify(zone)}) is not one runner-up knows, so i.yaml says \`timezone: UTC\`. Set \`owner.timezone\` there to your IANA zone (like America/Chicago): every reminder falls at \`at\` in it.\n`,
      );
      expect(parse(readFileSync(join(cwd, 'i.yaml'), 'utf8')).owner.timezone).toBe('UTC');
    });
  }

  // ICU reports the old names these zones had (Asia/Calcutta, Europe/Kiev); init writes today's.
  for (const [zone, written, audience] of STARTERS.flatMap((audience) =>
    [
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
    ].map(([zone, written]) => [zone, written, audience]),
  )) {
    it(`writes the current name ${written} for TZ=${zone}, quietly (${audience})`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', ...forArgs(audience!), '--now', NOW], {
        cwd,
        env: { TZ: zone },
      });
      expect(init.code).toBe(0);
      expect(init.stderr).toBe('');
      const text = readFileSync(join(cwd, 'runner-up.yaml'), 'utf8');
      expect(parse(text).owner.timezone).toBe(written);
      expect((await runCli(['validate'], { cwd })).code).toBe(0);
    });
  }
});

describe('runner-up init --for recruiter', () => {
  it('writes candidates that validate with no warning and plan every reminder for the candidate', async () => {
    const cwd = scratchDir();
    const init = await runCli(['init', '--for', 'recruiter', '--now', NOW], { cwd });
    expect(init.code).toBe(0);
    expect(init.stderr).toBe('');
    expect(init.stdout).toBe(
      'Wrote ./runner-up.yaml, a starter for recruiters. Edit the owner and the candidates, then run `runner-up agenda`.\n',
    );
    const validate = await runCli(['validate', '--json', '--now', NOW], { cwd });
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toEqual({
      valid: true,
      file: './runner-up.yaml',
      opportunities: 2,
      warnings: [],
    });
    const text = await runCli(['validate', '--now', NOW], { cwd });
    expect(text.stdout).toBe('✓ ./runner-up.yaml is valid: 2 opportunities.\n');

    const pipeline = parse(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8'));
    const candidates = new Map<string, string>(
      pipeline.opportunities.map(
        (o: { id: string; contacts: { name: string; role: string }[] }) => [
          o.id,
          o.contacts.find((c) => c.role === 'candidate')!.name,
        ],
      ),
    );
    const agenda = await runCli(['agenda', '--json', '--days', '90', '--now', NOW], { cwd });
    expect(agenda.code).toBe(0);
    const reminders: {
      key: string;
      opportunityId: string;
      contact: { name: string; role: string };
    }[] = JSON.parse(agenda.stdout);
    expect(new Set(reminders.map((r) => r.opportunityId))).toEqual(new Set(candidates.keys()));
    for (const reminder of reminders) {
      expect(reminder.contact, reminder.key).toMatchObject({
        name: candidates.get(reminder.opportunityId),
        role: 'candidate',
      });
    }
  });

  it('leaves the default starter as it was: init and init --for job-seeker write the golden file', async () => {
    const golden = readFileSync(
      join(import.meta.dirname, '../__golden__/starter/job-seeker.yaml'),
      'utf8',
    );
    for (const args of [[], ['--for', 'job-seeker']]) {
      const cwd = scratchDir();
      const init = await runCli(['init', ...args, '--now', NOW], {
        cwd,
        env: { TZ: 'America/Chicago' },
      });
      expect(init.code).toBe(0);
      expect(init.stdout).toBe(
        'Wrote ./runner-up.yaml. Edit the owner and opportunities, then run `runner-up agenda`.\n',
      );
      expect(readFileSync(join(cwd, 'runner-up.yaml'), 'utf8')).toBe(golden);
    }
  });

  it('replaces an existing file only with --force, as the default starter does', async () => {
    const { cwd, file } = commentedProject();
    const before = readFileSync(file, 'utf8');
    const refused = await runCli(['init', '--for', 'recruiter', '--now', NOW], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists. Use --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const forced = await runCli(['init', '--for', 'recruiter', '--force', '--json', '--now', NOW], {
      cwd,
    });
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ file: './runner-up.yaml', written: true });
    expect(parse(readFileSync(file, 'utf8')).opportunities[0].kind).toBe('candidate');
  });
});
