import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { runCli, scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

beforeAll(ensureBuilt, 600_000);

describe('runner-up init', () => {
  it('fails in a folder that does not exist as export -o does: one clean message, exit 1', async () => {
    const { cwd } = commentedProject();
    const init = await runCli(['init', '-f', 'nodir/x.yaml'], { cwd });
    expect(init.stderr).toBe(
      '[runner-up] Could not write nodir/x.yaml: no such file or directory\n',
    );
    expect(init.code).toBe(1);
    const exported = await runCli(['export', 'ics', '-o', 'nodir/x.ics', '--now', NOW], { cwd });
    expect(exported.stderr).toBe(
      '[runner-up] Could not write nodir/x.ics: no such file or directory\n',
    );
    expect(exported.code).toBe(1);
    // No temporary file left behind. The export's revision state is saved before the calendar
    // (a state ahead of what was written is harmless), so it is there.
    expect(readdirSync(cwd).sort()).toEqual(['runner-up.export.state.json', 'runner-up.yaml']);
  });

  // The zone init writes is the computer's (TZ here); the longest IANA names are 30 characters.
  for (const zone of ['UTC', 'America/Chicago', 'America/Argentina/Rio_Gallegos']) {
    it(`lines up the comments at the end of lines for the zone ${zone}`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', '--now', NOW], { cwd, env: { TZ: zone } });
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
  for (const zone of ['', 'Foo/Bar']) {
    it(`writes UTC and says to set owner.timezone when TZ=${JSON.stringify(zone)} is no zone`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', '-f', 'i.yaml', '--now', NOW], { cwd, env: { TZ: zone } });
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/^Wrote i\.yaml\./);
      expect(init.stderr).toBe(
        `[runner-up] Note: the computer's time zone (TZ=${JSON.stringify(zone)}) is not one runner-up knows, so i.yaml says \`timezone: UTC\`. Set \`owner.timezone\` there to your IANA zone (like America/Chicago): every reminder falls at \`at\` in it.\n`,
      );
      expect(parse(readFileSync(join(cwd, 'i.yaml'), 'utf8')).owner.timezone).toBe('UTC');
    });
  }

  // ICU reports the old names these zones had (Asia/Calcutta, Europe/Kiev); init writes today's.
  for (const [zone, written] of [
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
  ]) {
    it(`writes the current name ${written} for TZ=${zone}, quietly`, async () => {
      const cwd = scratchDir();
      const init = await runCli(['init', '--now', NOW], { cwd, env: { TZ: zone } });
      expect(init.code).toBe(0);
      expect(init.stderr).toBe('');
      const text = readFileSync(join(cwd, 'runner-up.yaml'), 'utf8');
      expect(parse(text).owner.timezone).toBe(written);
      expect((await runCli(['validate'], { cwd })).code).toBe(0);
    });
  }
});
