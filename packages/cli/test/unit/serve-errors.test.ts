import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { COMMENTED_FIXTURE } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

function project(): string {
  const file = join(scratchDir(), 'runner-up.yaml');
  copyFileSync(COMMENTED_FIXTURE, file);
  return file;
}

describe('runner-up serve: errors before it serves', () => {
  it('names RUNNER_UP_FEED_TOKEN and the characters it may not hold, never the token (exit 2)', async () => {
    // Long enough; base64's + / = are what is wrong with it.
    const token = 'abc+/abcdefghijklmnopq=';
    const result = await runInProcess(['-f', project(), 'serve', '--port', '0'], {
      env: { RUNNER_UP_FEED_TOKEN: token },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      '[runner-up] RUNNER_UP_FEED_TOKEN may hold only A-Z a-z 0-9 - _ . (it is part of the feed\'s URL), but it has "+", "/", "=". Use hex rather than base64, e.g. `export RUNNER_UP_FEED_TOKEN=$(openssl rand -hex 20)`.\n',
    );
    expect(result.stderr).not.toContain('abcdefghijklmnopq');
  });
});
