import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

const project = commentedFile;

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

  it('refuses a --now outside the days runner-up plans before listening (exit 2; it used to answer every request with 500)', async () => {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 10_000);
    try {
      const result = await runInProcess(
        ['-f', project(), '--now', '9999-12-31', 'serve', '--port', '0'],
        { env: { RUNNER_UP_FEED_TOKEN: 'feed-token-0123456789abcdef' }, signal: stop.signal },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^\[runner-up\] `--now 9999-12-31`: expected a moment from 0001-01-01 to 9999-12-30 /,
      );
      expect(result.stderr).not.toContain('Serving');
    } finally {
      clearTimeout(timer);
    }
  });

  it('on a port in use, suggests another --port, or --port 0 (exit 1)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Should it start serving after all, stop it rather than wait for ever.
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 10_000);
    try {
      const result = await runInProcess(
        ['-f', project(), 'serve', '--host', '127.0.0.1', '--port', String(port)],
        { env: { RUNNER_UP_FEED_TOKEN: 'feed-token-0123456789abcdef' }, signal: stop.signal },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^\\[runner-up\\] Could not listen on 127\\.0\\.0\\.1:${port}: listen EADDRINUSE[^\\n]*\\n`,
        ),
      );
      expect(result.stderr).toContain(
        `\nSomething else is listening on port ${port}: stop it, or pick another port with --port (--port 0 picks a free one).\n`,
      );
    } finally {
      clearTimeout(timer);
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
