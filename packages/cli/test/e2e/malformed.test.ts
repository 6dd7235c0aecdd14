import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { runCli, scratchDir } from '../setup/run-cli';

// Core's malformed corpus, plus the CLI's own cases; the CLI's goldens hold its exact stderr.
const CORPORA = [
  join(import.meta.dirname, '../../../core/test/fixtures/malformed'),
  join(import.meta.dirname, '../fixtures/malformed'),
];
const GOLDEN = join(import.meta.dirname, '../__golden__/malformed');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = CORPORA.filter(existsSync).flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, path: join(dir, name) })),
);

beforeAll(ensureBuilt, 600_000);

describe('runner-up validate on malformed files', () => {
  it('has a corpus of at least 25 files, each with a reviewed golden stderr', () => {
    const goldens = existsSync(GOLDEN) ? readdirSync(GOLDEN) : [];
    expect(goldens.length).toBeGreaterThanOrEqual(25);
    const names = new Set(cases.map((c) => c.name.replace(/\.yaml$/, '.stderr.txt')));
    for (const golden of goldens) expect(names.has(golden), `${golden} has no fixture`).toBe(true);
  });

  it.each(cases)(
    '$name: exit 2, positioned messages, the golden stderr',
    async ({ name, path }) => {
      const cwd = scratchDir();
      copyFileSync(path, join(cwd, name));
      const result = await runCli(['validate', '--file', name], { cwd });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        new RegExp(
          `^\\[runner-up\\] ${name.replace('.', '\\.')} is not a valid pipeline \\(\\d+ problems?\\):$`,
        ),
      );
      const issues = lines.slice(1, -1);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue).toMatch(new RegExp(`^  ${name.replace('.', '\\.')}:\\d+:\\d+[ :]`));
      }
      // The first problem reads exactly as core reports it for the same file.
      const coreExpected = path.replace(/\.yaml$/, '.expected.txt');
      if (existsSync(coreExpected)) {
        const message = readFileSync(coreExpected, 'utf8').split('\n')[0];
        // Core's message adds "(and N more problems)"; the CLI lists them all instead.
        expect(issues[0]?.trim()).toBe(message?.replace(/ \(and \d+ more problems?\)$/, ''));
        const more = / \(and (\d+) more problems?\)$/.exec(message ?? '');
        expect(issues).toHaveLength(more ? Number(more[1]) + 1 : 1);
      }
      // The hint repeats the file the user named.
      expect(lines.at(-1)).toMatch(
        new RegExp(`run \`runner-up validate -f ${name.replace('.', '\\.')}\` again\\.$`),
      );
      const golden = join(GOLDEN, name.replace(/\.yaml$/, '.stderr.txt'));
      if (update) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, result.stderr);
      }
      // A fixture core added after the goldens were last reviewed still gets the checks above.
      if (existsSync(golden)) expect(result.stderr).toBe(readFileSync(golden, 'utf8'));
    },
  );
});
