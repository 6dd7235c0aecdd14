import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

const TOKEN = 'feed-token-0123456789abcdef';

/** Runs `serve` with `args` for a moment, then stops it; what it printed. */
async function serveBriefly(args: readonly string[]) {
  const file = commentedFile();
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 1500);
  try {
    return await runInProcess(['-f', file, 'serve', '--port', '0', ...args], {
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
      signal: stop.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

describe('serve --host (regression: http://0.0.0.0:port, and no word that other machines can reach it)', () => {
  it('on every interface, shows a URL that opens (localhost) and warns, never printing the token', async () => {
    for (const host of ['0.0.0.0', '::']) {
      const result = await serveBriefly(['--host', host]);
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stderr.split('\n');
      expect(lines[0]).toMatch(
        /^Serving the calendar feed at http:\/\/localhost:\d+\/feed\/\$RUNNER_UP_FEED_TOKEN\.ics /,
      );
      expect(lines[1]).toBe(
        `[runner-up] Warning: listening on ${host}, every network interface of this computer, so other machines on the network can reach the feed, over plain HTTP; only the token in RUNNER_UP_FEED_TOKEN protects it. Leave out --host (127.0.0.1) to serve this computer only.`,
      );
      expect(result.both).not.toContain(TOKEN);
    }
  });

  it('does not warn for the default, 127.0.0.1, or localhost', async () => {
    const local = await serveBriefly([]);
    expect(local.code).toBe(0);
    expect(local.stderr).toMatch(/^Serving the calendar feed at http:\/\/127\.0\.0\.1:\d+\//);
    expect(local.stderr).not.toContain('Warning');
    const loopback = await serveBriefly(['--host', 'localhost']);
    expect(loopback.stderr).not.toContain('Warning');
  });

  it('judges by the address it listens on: other spellings of every interface warn as 0.0.0.0 does', async () => {
    const result = await serveBriefly(['--host', '::0']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Serving the calendar feed at http:\/\/localhost:\d+\//);
    expect(result.stderr).toContain(
      '[runner-up] Warning: listening on ::0, every network interface of this computer,',
    );
    const loopback = await serveBriefly(['--host', '127.0.0.2']);
    expect(loopback.code, loopback.stderr).toBe(0);
    expect(loopback.stderr).not.toContain('Warning');
  });

  it('refuses an empty --host (exit 2), which would listen on every interface', async () => {
    for (const host of ['', ' ']) {
      const result = await serveBriefly(['--host', host]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('`--host` expects an address to listen on');
      expect(result.stderr).not.toContain('Serving');
    }
  });
});
