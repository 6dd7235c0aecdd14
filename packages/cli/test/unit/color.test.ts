import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/context';
import { run } from '../../src/program';
import { scratchDir } from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');
const ANSI = /\x1b\[/;
const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorEnabled', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(colorEnabled(tty, {}, true)).toBe(true);
    expect(colorEnabled(pipe, {}, true)).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' }, true)).toBe(false);
  });

  it('FORCE_COLOR=0 or false turns colour off, also on a terminal', () => {
    for (const value of ['0', 'false']) {
      expect(colorEnabled(tty, { FORCE_COLOR: value }, true), value).toBe(false);
      expect(colorEnabled(pipe, { FORCE_COLOR: value }, true), value).toBe(false);
    }
  });

  it('FORCE_COLOR=1, 2, 3, true or empty turns colour on, also for a pipe', () => {
    for (const value of ['1', '2', '3', 'true', '']) {
      expect(colorEnabled(pipe, { FORCE_COLOR: value }, true), value).toBe(true);
      expect(colorEnabled(tty, { FORCE_COLOR: value, TERM: 'dumb' }, true), value).toBe(true);
    }
  });

  it('any other FORCE_COLOR value turns colour off, as in Node', () => {
    expect(colorEnabled(tty, { FORCE_COLOR: 'no' }, true)).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '4' }, true)).toBe(false);
  });

  it('--no-color and a non-empty NO_COLOR win over FORCE_COLOR', () => {
    expect(colorEnabled(tty, { FORCE_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' }, true)).toBe(true);
  });
});

describe('runner-up agenda on a terminal', () => {
  /** A stream that says it is a terminal and keeps what is written to it. */
  function terminal(): Writable & { isTTY: boolean; text: () => string } {
    let text = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    return Object.assign(stream, { isTTY: true, text: () => text });
  }

  async function agenda(env: NodeJS.ProcessEnv): Promise<string> {
    const cwd = scratchDir();
    copyFileSync(FIXTURE, join(cwd, 'runner-up.yaml'));
    const stdout = terminal();
    const stderr = terminal();
    const args = ['agenda', '--file', join(cwd, 'runner-up.yaml'), '--now', '2026-12-01T15:00:00Z'];
    const code = await run(args, { env: { RUNNER_UP_CACHE: '0', ...env }, stdout, stderr });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    return stdout.text();
  }

  it('is coloured, unless FORCE_COLOR=0', async () => {
    expect(await agenda({})).toMatch(ANSI);
    expect(await agenda({ FORCE_COLOR: '0' })).not.toMatch(ANSI);
  });
});
