import { describe, expect, it } from 'vitest';
import { scrub, secretsFrom } from '../../src/output/scrub';

describe('scrub', () => {
  const env = { NOTION_TOKEN: 'secret_abc/123"x', AIRTABLE_TOKEN: 'patXYZ', OTHER: 'visible' };
  const secrets = secretsFrom(env);

  it('hides every token value, raw, JSON-escaped and URL-encoded', () => {
    expect(scrub('auth secret_abc/123"x here', secrets)).toBe('auth *** here');
    expect(scrub(JSON.stringify({ t: 'secret_abc/123"x' }), secrets)).toBe('{"t":"***"}');
    expect(scrub(`?t=${encodeURIComponent('secret_abc/123"x')}`, secrets)).toBe('?t=***');
    expect(scrub('patXYZpatXYZ', secrets)).toBe('******');
  });

  it('leaves other environment values and text alone', () => {
    expect(scrub('visible text', secrets)).toBe('visible text');
  });

  it('ignores empty and very short values, which would garble output', () => {
    expect(secretsFrom({ NOTION_TOKEN: '', AIRTABLE_TOKEN: 'ab' })).toEqual([]);
  });
});
