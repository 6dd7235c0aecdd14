import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startAirtableEmulator, startNotionEmulator } from '@runner-up/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { collect, runCli, scratchDir, spawnCli, waitForStderr } from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');
const NOW = '2026-12-01T15:00:00Z';
const TOKENS = {
  NOTION_TOKEN: 'secret_LEAKCHECK_notion_7f3a9c',
  AIRTABLE_TOKEN: 'patLEAKCHECKairtable.7f3a9c',
  RUNNER_UP_FEED_TOKEN: 'feedLEAKCHECK7f3a9c0123456789',
};
const fragments = Object.values(TOKENS).flatMap((token) => [token, encodeURIComponent(token)]);

beforeAll(ensureBuilt, 600_000);

function project(): string {
  const cwd = scratchDir();
  copyFileSync(FIXTURE, join(cwd, 'runner-up.yaml'));
  return cwd;
}

function expectNoToken(label: string, text: string): void {
  for (const fragment of fragments)
    expect(text.includes(fragment), `${label} printed a token`).toBe(false);
}

describe('tokens never appear in any output', () => {
  const commands: Array<[string, string[]]> = [
    ['help', ['--help']],
    ['init', ['init', '--file', 'new.yaml']],
    ['init refused', ['init']],
    ['validate', ['validate']],
    ['agenda', ['agenda', '--now', NOW]],
    ['agenda --json', ['agenda', '--json', '--now', NOW]],
    ['log', ['log', 'acme-telecom-pm', '--channel', 'call']],
    ['snooze', ['snooze', 'northwind-ops', '--until', '2027-01-01']],
    ['export ics', ['export', 'ics', '--now', NOW]],
    ['missing file', ['validate', '--file', 'nope.yaml']],
    ['bad usage', ['agenda', '--days', 'x']],
    // Even when the user types a token where it would be echoed back, the output is scrubbed.
    ['token as an id', ['log', TOKENS.NOTION_TOKEN, '--channel', 'call']],
    ['token as a file name', ['validate', '--file', `${TOKENS.AIRTABLE_TOKEN}.yaml`]],
    ['token as --now', ['agenda', '--now', TOKENS.RUNNER_UP_FEED_TOKEN]],
    ['token in an unknown option', [`--${TOKENS.NOTION_TOKEN}`]],
  ];

  for (const [label, args] of commands) {
    it(`${label}, with and without --debug`, async () => {
      for (const debug of [[], ['--debug']]) {
        const result = await runCli([...args, ...debug], { cwd: project(), env: TOKENS });
        expectNoToken(label, result.stdout + result.stderr);
      }
    });
  }

  it('an invalid file, with --debug', async () => {
    const cwd = project();
    writeFileSync(
      join(cwd, 'runner-up.yaml'),
      `version: 1\nowner: { name: ${TOKENS.NOTION_TOKEN} }\n`,
    );
    const result = await runCli(['validate', '--debug'], { cwd, env: TOKENS });
    expect(result.code).toBe(2);
    expectNoToken('validate', result.stdout + result.stderr);
  });

  it('a value too short to be a real token garbles no output, and serve refuses it as a feed token', async () => {
    const cwd = project();
    const args = ['agenda', '--now', NOW, '--days', '120'];
    const plain = await runCli(args, { cwd });
    expect(plain.stdout).toContain('Dana');
    const short = await runCli(args, { cwd, env: { RUNNER_UP_FEED_TOKEN: 'Dana' } });
    expect(short.stdout).toBe(plain.stdout);
    const serve = await runCli(['serve', '--port', '0'], {
      cwd,
      env: { RUNNER_UP_FEED_TOKEN: 'feed' },
    });
    expect(serve.code).toBe(2);
    expect(serve.stderr).toBe(
      '[runner-up] RUNNER_UP_FEED_TOKEN is too short: use at least 16 random characters, since the token is all that protects the feed.\n',
    );
  });

  it('serve, including its requests', async () => {
    const child = spawnCli(['serve', '--port', '0', '--debug'], { cwd: project(), env: TOKENS });
    const done = collect(child);
    const banner = await waitForStderr(child, 'Press Ctrl+C');
    const port = /:(\d+)\/feed\//.exec(banner)?.[1];
    await (await fetch(`http://127.0.0.1:${port}/feed/${TOKENS.RUNNER_UP_FEED_TOKEN}.ics`)).text();
    await (await fetch(`http://127.0.0.1:${port}/feed/wrong.ics`)).text();
    child.kill('SIGTERM');
    const result = await done;
    expectNoToken('serve', result.stdout + result.stderr);
  });

  it('a token set with a line break is hidden when a service echoes the header it got', async () => {
    // Node sends header values trimmed; a service that quotes the header back quotes the
    // trimmed token, which is what must be hidden.
    const server = createServer((request, response) => {
      const body = JSON.stringify({
        object: 'error',
        status: 400,
        code: 'validation_error',
        message: `bad credentials: ${request.headers.authorization}`,
        error: {
          type: 'INVALID_REQUEST',
          message: `bad credentials: ${request.headers.authorization}`,
        },
      });
      response.writeHead(400, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const runs: Array<[string[], Record<string, string>]> = [
        [
          ['sync', 'notion', '--database', '11111111111141118111111111111111'],
          { NOTION_BASE_URL: url, NOTION_TOKEN: `${TOKENS.NOTION_TOKEN}\n` },
        ],
        [
          ['sync', 'notion', '--database', '11111111111141118111111111111111'],
          { NOTION_BASE_URL: url, NOTION_TOKEN: `${TOKENS.NOTION_TOKEN}\r\n` },
        ],
        [
          ['sync', 'airtable', '--base', 'appAAAAAAAAAAAAAA', '--table', 'Reminders'],
          { AIRTABLE_ENDPOINT_URL: url, AIRTABLE_TOKEN: `${TOKENS.AIRTABLE_TOKEN}\n` },
        ],
      ];
      for (const [args, env] of runs) {
        for (const debug of [[], ['--debug']]) {
          const result = await runCli([...args, '--now', NOW, ...debug], {
            cwd: project(),
            env: { ...TOKENS, ...env },
          });
          expect(result.code, result.stderr).toBe(1);
          expect(result.stderr).toContain('bad credentials');
          expectNoToken(args.join(' '), result.stdout + result.stderr);
        }
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a service URL holding a user name and password (exit 2), and never shows the password', async () => {
    // They used to be accepted, then fetch refused the URL and errors could show it whole.
    const url = 'http://proxy-user:hunter2-proxy-password@127.0.0.1:9';
    const runs: Array<[string[], Record<string, string>, string]> = [
      [
        ['sync', 'notion', '--database', '11111111111141118111111111111111'],
        { NOTION_BASE_URL: url },
        'NOTION_BASE_URL',
      ],
      [
        ['sync', 'airtable', '--base', 'appAAAAAAAAAAAAAA', '--table', 'Reminders'],
        { AIRTABLE_ENDPOINT_URL: url },
        'AIRTABLE_ENDPOINT_URL',
      ],
    ];
    for (const [args, env, name] of runs) {
      for (const debug of [[], ['--debug']]) {
        const result = await runCli([...args, '--now', NOW, ...debug], {
          cwd: project(),
          env: { ...TOKENS, ...env },
        });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`${name} holds a user name or password`);
        expect(result.stdout + result.stderr).not.toContain('hunter2');
        expectNoToken(args.join(' '), result.stdout + result.stderr);
      }
    }
  });

  it('sync notion and airtable, succeeding, dry and rejected by the service, with --debug', async () => {
    const notion = await startNotionEmulator({ token: TOKENS.NOTION_TOKEN });
    const airtable = await startAirtableEmulator({
      token: TOKENS.AIRTABLE_TOKEN,
      rateLimit: false,
    });
    const wrongNotion = await startNotionEmulator({ token: 'secret_someone_else_000000' });
    const wrongAirtable = await startAirtableEmulator({
      token: 'patSomeoneElse.000000',
      rateLimit: false,
    });
    try {
      const runs: Array<[string[], Record<string, string>]> = [
        [['sync', 'notion', '--database', notion.databaseId], { NOTION_BASE_URL: notion.url }],
        [
          ['sync', 'notion', '--database', notion.databaseId, '--dry-run', '--json'],
          { NOTION_BASE_URL: notion.url },
        ],
        [
          ['sync', 'notion', '--database', wrongNotion.databaseId],
          { NOTION_BASE_URL: wrongNotion.url },
        ],
        [
          ['sync', 'airtable', '--base', airtable.baseId, '--table', 'Reminders'],
          { AIRTABLE_ENDPOINT_URL: airtable.url },
        ],
        [
          ['sync', 'airtable', '--base', wrongAirtable.baseId, '--table', 'Reminders'],
          { AIRTABLE_ENDPOINT_URL: wrongAirtable.url },
        ],
      ];
      for (const [args, env] of runs) {
        const result = await runCli([...args, '--now', NOW, '--debug'], {
          cwd: project(),
          env: { ...TOKENS, ...env },
        });
        expectNoToken(args.join(' '), result.stdout + result.stderr);
      }
    } finally {
      await Promise.all([
        notion.close(),
        airtable.close(),
        wrongNotion.close(),
        wrongAirtable.close(),
      ]);
    }
  });
});

describe('a token pasted into the file (regression: the calendar printed it, folded across lines)', () => {
  /** The project with the Notion token in an opportunity's title, organization and a talking point. */
  function pasted(): string {
    const cwd = project();
    const file = join(cwd, 'runner-up.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('organization: Acme Telecom', `organization: Acme ${TOKENS.NOTION_TOKEN}`)
      .replace(
        'title: Check in with {contact.firstName}',
        `title: Check in with {contact.firstName} about the integration ${TOKENS.NOTION_TOKEN} and its long tail of follow-up work`,
      );
    expect(text.split(TOKENS.NOTION_TOKEN).length).toBe(3);
    writeFileSync(file, text);
    return cwd;
  }
  /** The calendar's lines unfolded (RFC 5545 §3.1), where a folded token is whole again. */
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

  it('export ics to stdout and to a file: the token is in neither, nor in the state file', async () => {
    const cwd = pasted();
    const stdout = await runCli(['export', 'ics', '--no-state', '--now', NOW], {
      cwd,
      env: TOKENS,
    });
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(unfold(stdout.stdout)).toContain('***');
    expectNoToken('export ics', unfold(stdout.stdout) + stdout.stderr);
    const file = await runCli(['export', 'ics', '--now', NOW, '-o', 'out.ics'], {
      cwd,
      env: TOKENS,
    });
    expect(file.code, file.stderr).toBe(0);
    expectNoToken('out.ics', unfold(readFileSync(join(cwd, 'out.ics'), 'utf8')));
    expectNoToken('the state file', readFileSync(join(cwd, 'runner-up.export.state.json'), 'utf8'));
  });

  it('the feed', async () => {
    const child = spawnCli(['serve', '--port', '0', '--no-state', '--now', NOW], {
      cwd: pasted(),
      env: TOKENS,
    });
    const done = collect(child);
    const banner = await waitForStderr(child, 'Press Ctrl+C');
    const port = /:(\d+)\/feed\//.exec(banner)?.[1];
    const feed = await (
      await fetch(`http://127.0.0.1:${port}/feed/${TOKENS.RUNNER_UP_FEED_TOKEN}.ics`)
    ).text();
    child.kill('SIGTERM');
    await done;
    expect(unfold(feed)).toContain('BEGIN:VEVENT');
    expectNoToken('the feed', unfold(feed));
  });
});
