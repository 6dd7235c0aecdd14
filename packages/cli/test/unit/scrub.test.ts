import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, scrub, scrubData, secretsFrom } from '../../src/output/scrub';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

describe('scrub', () => {
  const env = {
    NOTION_TOKEN: 'secret_abc/123"x',
    AIRTABLE_TOKEN: 'patXYZ.0123456789',
    OTHER: 'visible',
  };
  const secrets = secretsFrom(env);

  it('hides every token value, raw, JSON-escaped and URL-encoded', () => {
    expect(scrub('auth secret_abc/123"x here', secrets)).toBe('auth *** here');
    expect(scrub(JSON.stringify({ t: 'secret_abc/123"x' }), secrets)).toBe('{"t":"***"}');
    expect(scrub(`?t=${encodeURIComponent('secret_abc/123"x')}`, secrets)).toBe('?t=***');
    expect(scrub('patXYZ.0123456789patXYZ.0123456789', secrets)).toBe('******');
  });

  it('hides a token set with a line break or spaces around it, as HTTP sends it trimmed', () => {
    for (const set of [
      'secret_trailing_0123456789\n',
      'secret_trailing_0123456789\r\n',
      '  secret_trailing_0123456789 ',
    ]) {
      const hidden = secretsFrom({ NOTION_TOKEN: set });
      expect(scrub('Bearer secret_trailing_0123456789 was refused', hidden)).toBe(
        'Bearer *** was refused',
      );
      expect(scrub(`raw ${set}`, hidden)).not.toContain('secret_trailing');
    }
  });

  it('leaves other environment values and text alone', () => {
    expect(scrub('visible text', secrets)).toBe('visible text');
  });

  it('ignores empty and very short values, which would garble output', () => {
    expect(secretsFrom({ NOTION_TOKEN: '', AIRTABLE_TOKEN: 'ab' })).toEqual([]);
  });

  it('ignores values shorter than the shortest feed token serve accepts, which are no real secrets', () => {
    expect(MIN_SECRET_LENGTH).toBe(16);
    const short = secretsFrom({
      RUNNER_UP_FEED_TOKEN: 'Dana',
      NOTION_TOKEN: 'feed',
      AIRTABLE_TOKEN: 'x'.repeat(15),
    });
    expect(short).toEqual([]);
    expect(scrub('email with Dana Whitfield: protects the feed', short)).toBe(
      'email with Dana Whitfield: protects the feed',
    );
    const real = secretsFrom({ RUNNER_UP_FEED_TOKEN: '0123456789abcdef' });
    expect(scrub('/feed/0123456789abcdef.ics', real)).toBe('/feed/***.ics');
  });
});

describe('run() embedded in another program (regression: only bin scrubbed the streams)', () => {
  it("scrubs a command's output and warnings, not only errors", async () => {
    const token = 'secret_LEAKCHECK_notion_7f3a9c0123';
    const file = commentedFile();
    const result = await runInProcess(
      [
        '-f',
        file,
        '--now',
        '2026-12-01T15:00:00Z',
        'log',
        'acme-telecom-pm',
        '--channel',
        'call',
        '--with',
        token,
      ],
      { env: { NOTION_TOKEN: token } },
    );
    expect(result.code, result.stderr).toBe(0);
    // The touch is recorded as given (the file is the user's), and printed masked.
    expect(result.stdout).toContain('with *** on 2026-12-01');
    expect(result.stderr).toContain('`--with ***` names no contact');
    expect(result.both).not.toContain(token);
  });
});

describe('scrubData', () => {
  it('replaces a token inside the strings of any value, and leaves a value without one as it is', () => {
    const secrets = secretsFrom({ NOTION_TOKEN: 'secret_abc/123"x' });
    const clean = [{ title: 'Call Dana', points: ['a'] }];
    expect(scrubData(clean, secrets)).toBe(clean);
    expect(
      scrubData([{ title: 'Call secret_abc/123"x', points: ['x secret_abc/123"x'] }], secrets),
    ).toEqual([{ title: 'Call ***', points: ['x ***'] }]);
  });

  it('reads the data through only when the source it is made from holds a token', () => {
    const secrets = secretsFrom({ NOTION_TOKEN: 'secret_abc/123"x' });
    const made = [{ title: 'Call secret_abc/123"x' }];
    expect(scrubData(made, secrets, { organization: 'Acme secret_abc/123"x' })).toEqual([
      { title: 'Call ***' },
    ]);
    // A source without one makes data without one: left as it is, unread.
    const plain = [{ title: 'Call Dana' }];
    expect(scrubData(plain, secrets, { organization: 'Acme' })).toBe(plain);
  });
});
