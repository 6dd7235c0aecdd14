import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls, terminalText } from '../../src/output/terminal-text';
import { runInProcess } from '../setup/in-process';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';
/** Control characters a value could use to drive a terminal: ESC (a CSI sequence), BEL, RLO. */
const NASTY = '\u001b]0;owned\u0007\u001b[8mhidden\u202eevil';
/** Any of them, raw. */
const RAW = /[\u0007\u001b\u202e]/;

function pipeline(title: string): string {
  const file = join(scratchDir(), 'runner-up.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'owner: {name: L, timezone: UTC}',
      'opportunities:',
      '  - id: one',
      `    organization: ${JSON.stringify(`Org ${title}`)}`,
      `    title: ${JSON.stringify(title)}`,
      '    dates: {decided: 2026-11-30}',
      `    contacts: [{name: ${JSON.stringify(`Dana ${title}`)}, role: recruiter}]`,
      '',
    ].join('\n'),
  );
  return file;
}

describe('control characters in what the CLI echoes (regression: printed raw, so a file could drive the terminal)', () => {
  it('escapes them, keeping line breaks, tabs and the colours the CLI writes itself', () => {
    expect(escapeControls(`a${NASTY}\nb`)).toBe(
      'a\\u001b]0;owned\\u0007\\u001b[8mhidden\\u202eevil\\u000ab',
    );
    const line = '\u001b[31m✓\u001b[39m a\tb\nc\u001b]0;x\u0007 \u009b2J \u2066';
    expect(terminalText(line, { colors: true })).toBe(
      '\u001b[31m✓\u001b[39m a\tb\nc\\u001b]0;x\\u0007 \\u009b2J \\u2066',
    );
    // Without colours (stderr, errors), a colour sequence is escaped like any other.
    expect(terminalText(line)).toBe(
      '\\u001b[31m✓\\u001b[39m a\tb\nc\\u001b]0;x\\u0007 \\u009b2J \\u2066',
    );
  });

  it('in the agenda, with colour on too, and leaves --json as JSON', async () => {
    const file = pipeline(NASTY);
    const text = await runInProcess(['-f', file, '--now', NOW, 'agenda'], {
      env: { FORCE_COLOR: '1' },
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('\\u001b]0;owned\\u0007\\u001b[8mhidden\\u202eevil');
    expect(text.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
    const json = await runInProcess(['-f', file, '--now', NOW, '--json', 'agenda']);
    expect(JSON.parse(json.stdout)[0].organization).toBe(`Org ${NASTY}`);
    // What JSON allows raw (C1 controls, bidi overrides, DEL) is escaped too: same values, and a
    // terminal shown the JSON is driven by none of them.
    const c1 = pipeline('a\u009b2J\u0085b\u007fc\u2067d');
    const escaped = await runInProcess(['-f', c1, '--now', NOW, '--json', 'agenda']);
    expect(escaped.code, escaped.stderr).toBe(0);
    expect(escaped.stdout).not.toMatch(/[\u007f-\u009f\u2067\u202e]/);
    expect(escaped.stdout).toContain('a\\u009b2J\\u0085b\\u007fc\\u2067d');
    expect(JSON.parse(escaped.stdout)[0].organization).toBe('Org a\u009b2J\u0085b\u007fc\u2067d');
  });

  it('keeps only the colours the CLI writes: never one that hides text, and none without colour', async () => {
    // Conceal, black, inverse and a background: a value that reached stdout unescaped (a file
    // name) could hide what follows.
    for (const sgr of ['8', '30', '7', '40', '0;8']) {
      expect(terminalText(`\u001b[${sgr}mx`, { colors: true }), sgr).toBe(`\\u001b[${sgr}mx`);
    }
    for (const sgr of ['1', '2', '22', '31', '32', '33', '36', '39', '90']) {
      expect(terminalText(`\u001b[${sgr}mx`, { colors: true }), sgr).toBe(`\u001b[${sgr}mx`);
    }
    // A file named with a colour sequence, echoed by validate: escaped, with colour off and on.
    const file = join(scratchDir(), '\u001b[8mhid.yaml');
    writeFileSync(file, 'version: 1\nowner: {name: L, timezone: UTC}\nopportunities: []\n');
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }]) {
      const result = await runInProcess(['-f', file, 'validate'], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('\\u001b[8mhid.yaml is valid');
      expect(result.stdout).not.toContain('\u001b[8m');
    }
    const plain = await runInProcess(['-f', file, 'validate', '--no-color']);
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('in error messages and warnings on stderr', async () => {
    const file = pipeline('fine');
    const unknown = await runInProcess(['-f', file, 'log', `x${NASTY}`, '--channel', 'email']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No opportunity with id `x\\u001b]0;owned');
    expect(unknown.stderr).not.toMatch(RAW);
    const warned = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'one',
      '--channel',
      'email',
      '--with',
      `Sam${NASTY}`,
    ]);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stdout).toContain('with Sam\\u001b]0;owned');
    expect(warned.stderr).toContain('`--with Sam\\u001b]0;owned');
    expect(warned.both).not.toMatch(RAW);
    const option = await runInProcess(['-f', file, 'agenda', '--days', `3${NASTY}`]);
    expect(option.code).toBe(2);
    expect(option.stderr).not.toMatch(RAW);
  });
});
