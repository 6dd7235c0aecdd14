import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stdoutErrorHandler } from '../../src/output/stdout-errors';
import { BIN, ensureBuilt } from '../setup/ensure-built';
import { COMMENTED_FIXTURE } from '../setup/project';
import { cleanEnv, scratchDir } from '../setup/run-cli';

beforeAll(ensureBuilt, 600_000);

describe('a failed write to stdout (regression: agenda > /dev/full printed the bundle and a stack)', () => {
  it.skipIf(!existsSync('/dev/full'))('says so in one line on stderr, exit 1', () => {
    const cwd = scratchDir();
    copyFileSync(COMMENTED_FIXTURE, join(cwd, 'runner-up.yaml'));
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'agenda', '--now', '2026-12-01'], {
        cwd,
        env: cleanEnv(),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(result.stderr).toBe(
        '[runner-up] Could not write to stdout: no space left on device\n',
      );
      expect(result.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it('stays silent on a closed pipe, with the exit code so far, and reports any other error once', () => {
    let written = '';
    const exits: number[] = [];
    const stderr = { write: (text: string) => (written += text) };
    stdoutErrorHandler(
      stderr,
      (code) => exits.push(code),
      () => 0,
    )(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    expect(written).toBe('');
    const handler = stdoutErrorHandler(
      stderr,
      (code) => exits.push(code),
      () => 0,
    );
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
    });
    handler(enospc);
    handler(enospc);
    expect(written).toBe('[runner-up] Could not write to stdout: no space left on device\n');
    expect(exits).toEqual([0, 1]);
  });
});
