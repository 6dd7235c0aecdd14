import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { scratchDir } from '../setup/run-cli';

const NOW = '2026-12-01T15:00:00Z';
const USAGE = '(run with --help for usage)\n';

/** Runs `runner-up` with `args` and `-f` a file in a fresh folder, which must stay empty. */
async function refused(args: readonly string[]): Promise<string> {
  const dir = scratchDir();
  const file = join(dir, 'r.yaml');
  const result = await runInProcess([...args, '-f', file, '--now', NOW]);
  expect(result.code, args.join(' ')).toBe(2);
  expect(result.stdout).toBe('');
  expect(existsSync(file)).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
  return result.stderr.replaceAll(file, 'r.yaml');
}

describe('init --for: one starter, named once', () => {
  it('refuses an audience it has no starter for, listing the two', async () => {
    expect(await refused(['init', '--for', 'employer'])).toBe(
      `[runner-up] option '--for <audience>' argument 'employer' is invalid. Allowed choices are job-seeker, recruiter.\n${USAGE}`,
    );
  });

  it('refuses two different audiences rather than keep the last one silently', async () => {
    expect(await refused(['init', '--for', 'recruiter', '--for', 'job-seeker'])).toBe(
      `[runner-up] option '--for <audience>' argument 'job-seeker' is invalid. It was given as recruiter before: give \`--for\` once, recruiter or job-seeker.\n${USAGE}`,
    );
    expect(await refused(['init', '--for=job-seeker', '--force', '--for=recruiter'])).toContain(
      'It was given as job-seeker before',
    );
  });

  it('takes the same audience twice', async () => {
    const file = join(scratchDir(), 'r.yaml');
    const result = await runInProcess([
      'init',
      '--for',
      'recruiter',
      '--for',
      'recruiter',
      '-f',
      file,
      '--now',
      NOW,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a starter for recruiters');
  });

  it('refuses --recruiter, with the command line that works', async () => {
    expect(await refused(['init', '--recruiter'])).toBe(
      `[runner-up] unknown option '--recruiter'. Say who the starter is for with --for: \`runner-up init --for recruiter -f r.yaml --now ${NOW}\`.\n${USAGE}`,
    );
    expect(await refused(['init', '--job-seeker'])).toContain(
      'Say who the starter is for with --for: `runner-up init --for job-seeker -f',
    );
  });

  it('refuses recruiter as an argument, with the command line that works', async () => {
    expect(await refused(['init', 'recruiter'])).toBe(
      `[runner-up] too many arguments for 'init'. Expected 0 arguments but got 1.\nSay who the starter is for with --for: \`runner-up init --for recruiter -f r.yaml --now ${NOW}\`.\n${USAGE}`,
    );
  });

  it('needs a value', async () => {
    expect(await refused(['init', '--for'])).toContain(
      "option '--for <audience>' argument missing",
    );
  });

  it('is in init --help, with its choices and default', async () => {
    const help = await runInProcess(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/\n {2}--for <audience> +job-seeker: /);
    expect(help.stdout).toMatch(
      /\(choices:\s+"job-seeker",\s+"recruiter",\s+default:\s+"job-seeker"\)/,
    );
    expect(help.stdout).not.toContain('--recruiter');
  });
});
