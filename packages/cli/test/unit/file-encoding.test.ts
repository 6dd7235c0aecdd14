import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../src/file/decode-text';
import { runInProcess } from '../setup/in-process';
import { COMMENTED_FIXTURE } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';

/** The commented fixture with a `ü` in a comment (line 2) and in a name (line 8), in `encoding`. */
function fixtureIn(encoding: BufferEncoding, bom = ''): { file: string; bytes: Buffer } {
  const text = readFileSync(COMMENTED_FIXTURE, 'utf8')
    .replace('# comment: header line 2', '# comment: header line 2 für Müller')
    .replace('name: Lynne', 'name: Lynne Müller');
  const file = join(scratchDir(), 'runner-up.yaml');
  const bytes = Buffer.concat([Buffer.from(bom, 'binary'), Buffer.from(text, encoding)]);
  writeFileSync(file, bytes);
  return { file, bytes };
}

describe('a pipeline file not saved as UTF-8 (regression: log turned every ü into U+FFFD for good)', () => {
  it('is refused by validate, agenda and log, naming file:line:col of the first bad byte; log writes nothing', async () => {
    const { file, bytes } = fixtureIn('latin1');
    for (const args of [
      ['validate'],
      ['agenda'],
      ['log', 'acme-telecom-pm', '--channel', 'note'],
    ]) {
      const result = await runInProcess(['-f', file, '--now', NOW, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      // `# comment: header line 2 für` : the ü is the 27th character of line 2.
      expect(result.stderr).toContain(`${file}:2:27: the file is not UTF-8 text here (byte 0xFC)`);
      expect(result.stderr).toContain('Save it as UTF-8');
      expect(result.stderr).not.toContain('\uFFFD');
    }
    expect(readFileSync(file)).toEqual(bytes);
  });

  it('is a result of validate --json too, on stdout as any invalid file is (regression: nothing there)', async () => {
    const { file } = fixtureIn('latin1');
    const result = await runInProcess(['-f', file, '--json', 'validate']);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ valid: false, file, issues: [{ file, line: 2, column: 27 }] });
    expect(json.issues).toHaveLength(1);
    expect(json.issues[0].message).toContain('the file is not UTF-8 text here (byte 0xFC)');
    expect(result.stderr).toContain(`${file}:2:27: the file is not UTF-8 text here`);
  });

  it('says UTF-16 for a file saved as UTF-16, with or without its byte order mark', async () => {
    for (const { file } of [fixtureIn('utf16le', '\xff\xfe'), fixtureIn('utf16le')]) {
      const result = await runInProcess(['-f', file, 'validate']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the file is saved as UTF-16, not UTF-8');
    }
  });

  it('still reads UTF-8 with a byte order mark, and log keeps the mark and every ü', async () => {
    const { file } = fixtureIn('utf8', '\xef\xbb\xbf');
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'log',
      'acme-telecom-pm',
      '--channel',
      'note',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const after = readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(after.toString('utf8').match(/ü/g)).toHaveLength(3);
  });

  it('counts the column as core counts every other problem: in UTF-16 code units, an emoji two', async () => {
    const file = join(scratchDir(), 'runner-up.yaml');
    // An emoji and a Latin-1 é after it on line 4: the é is the 8th code unit (the 7th character).
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          'version: 1\nowner: { name: L, timezone: UTC }\nopportunities:\n# 😀 ab',
          'utf8',
        ),
        Buffer.from([0xe9]),
        Buffer.from('\n', 'utf8'),
      ]),
    );
    const result = await runInProcess(['-f', file, 'validate']);
    expect(result.stderr).toContain(`${file}:4:8: the file is not UTF-8 text here (byte 0xE9)`);
    // Core's column for a problem after an emoji on the same line counts the same way.
    writeFileSync(
      file,
      'version: 1\nowner: { name: L, timezone: UTC }\nopportunities:\n  - { id: a, organization: 😀, title: T, dates: { decided: 2026-13-25 } }\n',
    );
    const core = await runInProcess(['-f', file, 'validate']);
    expect(core.stderr).toContain(`${file}:4:60 \`opportunities[0].dates.decided\``);
  });

  it('names the same column with a byte order mark as without one', async () => {
    for (const bom of ['', '\xef\xbb\xbf']) {
      const file = join(scratchDir(), 'runner-up.yaml');
      writeFileSync(file, Buffer.from(`${bom}version: 1 # \xfc\n`, 'latin1'));
      const result = await runInProcess(['-f', file, 'validate']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${file}:1:14: the file is not UTF-8 text here (byte 0xFC)`);
    }
  });

  it('refuses a binary file or UTF-16 holding other bytes with exit 2, never an unexpected error (regression: exit 1)', async () => {
    const dir = scratchDir();
    const png = join(dir, 'pic.png');
    // A PNG's signature and header: bytes that are not UTF-8 before the first NUL, then NULs.
    writeFileSync(
      png,
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from([0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
      ]),
    );
    const binary = await runInProcess(['-f', png, 'agenda']);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain(`${png}:3:1: the file is not text`);
    expect(binary.stderr).toContain('the file is not text: it holds NUL bytes');
    expect(binary.stderr).not.toContain('Unexpected error');
    // UTF-16 without a byte order mark whose first character is not ASCII.
    const utf16 = join(dir, 'latin16.yaml');
    writeFileSync(utf16, Buffer.from('\xe9\x00v\x00:\x00 \x001\x00\n\x00', 'latin1'));
    const json = await runInProcess(['-f', utf16, '--json', 'validate']);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('the file is saved as UTF-16, not UTF-8');
    expect(JSON.parse(json.stdout).valid).toBe(false);
  });

  it('finds the first byte that is not UTF-8 (overlong forms and surrogates included)', () => {
    expect(firstInvalidUtf8(Buffer.from('aü€😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xed, 0xa0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0x62, 0xe2, 0x82))).toBe(2);
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(0);
  });
});
