// `--domain`: the right-hand side of every event's UID, for calendars holding events of two
// pipeline files (regression: the CLI had no way to set it, so two files' UIDs could collide).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';

const NOW = '2026-12-01T15:00:00Z';
const FEED_TOKEN = 'feedtoken0123456789abcdef';

describe('--domain', () => {
  it("writes it after every UID's key", async () => {
    const file = commentedFile();
    const result = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '--no-state',
      '--domain',
      'lynne.example',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const uids = result.stdout.match(/^UID:.*$/gm) ?? [];
    expect(uids.length).toBeGreaterThan(0);
    for (const uid of uids) expect(uid).toMatch(/^UID:[^@]+@lynne\.example$/);
  });

  it('refuses what is no domain name, naming the flag (exit 2)', async () => {
    const result = await runInProcess([
      '-f',
      commentedFile(),
      'export',
      'ics',
      '--domain',
      'my calendar',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '[runner-up] `--domain` expects a domain name like lynne.example (letters, digits, dots and dashes), got "my calendar": it is the right-hand side of every event\'s UID.\n',
    );
  });

  it('refuses another domain than the revision state was written with, for export and serve, writing nothing', async () => {
    const file = commentedFile();
    const out = join(file, '..', 'out.ics');
    expect((await runInProcess(['-f', file, '--now', NOW, 'export', 'ics', '-o', out])).code).toBe(
      0,
    );
    const state = file.replace(/\.yaml$/, '.export.state.json');
    const before = readFileSync(state, 'utf8');
    const exported = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '-o',
      out,
      '--domain',
      'lynne.example',
    ]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(
      `[runner-up] ${state} was written with UIDs \`<key>@runner-up\`; with \`--domain lynne.example\` every UID would be new to the calendars that have the events, which would then never be updated or cancelled. Pass \`--domain runner-up\`, or start a new state (\`--state NEW-FILE\`, or delete ${state}) and remove the old events from those calendars.\n`,
    );
    expect(readFileSync(state, 'utf8')).toBe(before);
    // A state written with a domain (by an export), and the server started without it.
    const feedState = join(file, '..', 'feed.state.json');
    const written = await runInProcess([
      '-f',
      file,
      '--now',
      NOW,
      'export',
      'ics',
      '-o',
      out,
      '--state',
      feedState,
      '--domain',
      'lynne.example',
    ]);
    expect(written.code, written.stderr).toBe(0);
    const serve = (domain: string[]) =>
      runInProcess(
        ['-f', file, '--now', NOW, 'serve', '--port', '0', '--state', feedState, ...domain],
        { env: { RUNNER_UP_FEED_TOKEN: FEED_TOKEN }, signal: AbortSignal.timeout(3000) },
      );
    const refused = await serve([]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'was written with UIDs `<key>@lynne.example`; with no `--domain` (UIDs `<key>@runner-up`) every UID would be new',
    );
  });
});
