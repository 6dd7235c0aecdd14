import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../setup/ensure-built';
import { commentedProject } from '../setup/project';
import { collect, runCli, spawnCli, waitForStderr } from '../setup/run-cli';

beforeAll(ensureBuilt, 600_000);

const NOW = '2026-12-01T15:00:00Z';
const LATER = '2026-12-02T15:00:00Z';
const TOKEN = 'feed-token-0123456789abcdef';

/** Every SEQUENCE in a calendar. */
const sequences = (ics: string) =>
  [...ics.matchAll(/^SEQUENCE:(\d+)\r$/gm)].map((m) => Number(m[1]));

/** The VEVENT blocks of a calendar, by UID. */
function eventsByUid(ics: string): Map<string, string> {
  const events = new Map<string, string>();
  for (const block of ics.split('BEGIN:VEVENT\r\n').slice(1)) {
    const uid = /^UID:(.*)\r$/m.exec(block)?.[1];
    if (uid) events.set(uid, block);
  }
  return events;
}

/** Deletes the second opportunity, `northwind-ops`, from the commented fixture. */
function deleteNorthwind(file: string): void {
  const text = readFileSync(file, 'utf8');
  const without = text.replace(
    / {2}# comment: between opportunities[\s\S]*?(?=# comment: final line)/,
    '',
  );
  expect(without).not.toContain('northwind-ops');
  writeFileSync(file, without);
}

/** Moves every reminder half an hour: every event's content changes. */
function moveReminders(file: string, at: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/at: "\d\d:\d\d"/, `at: "${at}"`));
}

describe('export ics keeps a revision state', () => {
  it('raises SEQUENCE on the next export of a changed event (it stayed at 0)', async () => {
    const { cwd, file } = commentedProject();
    const first = await runCli(['export', 'ics', '--now', NOW], { cwd });
    expect(first.code).toBe(0);
    expect(new Set(sequences(first.stdout))).toEqual(new Set([0]));
    expect(existsSync(join(cwd, 'runner-up.export.state.json'))).toBe(true);

    moveReminders(file, '10:00');
    const second = await runCli(['export', 'ics', '--now', LATER], { cwd });
    expect(second.code).toBe(0);
    expect(new Set(sequences(second.stdout))).toEqual(new Set([1]));
    expect(second.stdout).toContain('LAST-MODIFIED:20261202T150000Z');
  });

  it('takes turns with another export of the same state, so neither undoes the other', async () => {
    const { cwd, file } = commentedProject();
    await runCli(['export', 'ics', '--now', NOW], { cwd });
    moveReminders(file, '10:00');
    // The first holds the state's lock, frozen; the second must wait for it.
    const first = spawnCli(['export', 'ics', '--now', LATER], {
      cwd,
      env: { RUNNER_UP_TEST_PAUSE: 'after-lock' },
    });
    const firstDone = collect(first);
    await waitForStderr(first, 'test pause: after-lock');
    expect(existsSync(join(cwd, 'runner-up.export.state.json.lock'))).toBe(true);
    const second = spawnCli(['export', 'ics', '--now', LATER], { cwd });
    let secondFinished = false;
    const secondDone = collect(second).then((result) => {
      secondFinished = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(secondFinished).toBe(false);
    first.kill('SIGKILL');
    await firstDone;
    // The lock's owner is gone: the second takes it, revises the state and writes it.
    const result = await secondDone;
    expect(result.code).toBe(0);
    expect(new Set(sequences(result.stdout))).toEqual(new Set([1]));
    expect(existsSync(join(cwd, 'runner-up.export.state.json.lock'))).toBe(false);
  });

  it('writes the state file only when it changed', async () => {
    const { cwd } = commentedProject();
    await runCli(['export', 'ics', '--now', NOW], { cwd });
    const state = join(cwd, 'runner-up.export.state.json');
    const before = statSync(state);
    const again = await runCli(['export', 'ics', '--now', LATER], { cwd });
    expect(again.code).toBe(0);
    // Replaced atomically means a new inode; unchanged means the very same file.
    expect(statSync(state).ino).toBe(before.ino);
    expect(statSync(state).mtimeMs).toBe(before.mtimeMs);
  });

  it('--state FILE keeps it elsewhere, --no-state keeps none', async () => {
    const { cwd, file } = commentedProject();
    await runCli(['export', 'ics', '--state', 'kept.json', '--now', NOW], { cwd });
    expect(existsSync(join(cwd, 'kept.json'))).toBe(true);
    expect(existsSync(join(cwd, 'runner-up.export.state.json'))).toBe(false);
    moveReminders(file, '10:00');
    const kept = await runCli(['export', 'ics', '--state', 'kept.json', '--now', LATER], { cwd });
    expect(new Set(sequences(kept.stdout))).toEqual(new Set([1]));

    const none = await runCli(['export', 'ics', '--no-state', '--now', LATER], { cwd });
    expect(none.code).toBe(0);
    expect(new Set(sequences(none.stdout))).toEqual(new Set([0]));
    expect(none.stdout).not.toContain('LAST-MODIFIED');
    expect(existsSync(join(cwd, 'runner-up.export.state.json'))).toBe(false);
  });

  it('cancels the events of an opportunity deleted from the file, once', async () => {
    const { cwd, file } = commentedProject();
    const first = await runCli(['export', 'ics', '-o', 'out.ics', '--now', NOW], { cwd });
    expect(first.code).toBe(0);
    const before = eventsByUid(readFileSync(join(cwd, 'out.ics'), 'utf8'));
    const northwind = [...before.keys()].filter((uid) => uid.startsWith('northwind-ops/'));
    expect(northwind.length).toBeGreaterThan(0);

    deleteNorthwind(file);
    const second = await runCli(['export', 'ics', '-o', 'out.ics', '--now', LATER, '--json'], {
      cwd,
    });
    expect(second.code).toBe(0);
    const after = eventsByUid(readFileSync(join(cwd, 'out.ics'), 'utf8'));
    for (const uid of northwind) {
      const event = after.get(uid);
      expect(event, uid).toContain('STATUS:CANCELLED\r\n');
      expect(event, uid).toContain('SEQUENCE:1\r\n');
      // At the time it had, so calendars that imported it find it.
      expect(event, uid).toContain(/^DTSTART.*$/m.exec(before.get(uid)!)![0]);
    }
    const live = [...after.keys()].filter((uid) => !uid.startsWith('northwind-ops/'));
    expect(JSON.parse(second.stdout)).toEqual({
      file: 'out.ics',
      reminders: live.length,
      leftOut: 1,
      cancelled: northwind.length,
      keptCancelled: 0,
    });

    // Once: another export leaves the state file alone, and cancels nothing new.
    const state = join(cwd, 'runner-up.export.state.json');
    const saved = statSync(state);
    const third = await runCli(['export', 'ics', '-o', 'out.ics', '--now', LATER], { cwd });
    expect(third.stderr).toBe(
      `Wrote ${live.length} reminders to out.ics (1 done or skipped left out).\n`,
    );
    const fourth = await runCli(['export', 'ics', '-o', 'out.ics', '--now', LATER, '--json'], {
      cwd,
    });
    expect(JSON.parse(fourth.stdout)).toMatchObject({
      cancelled: 0,
      keptCancelled: northwind.length,
    });
    expect(statSync(state).ino).toBe(saved.ino);
    expect(eventsByUid(readFileSync(join(cwd, 'out.ics'), 'utf8'))).toEqual(after);
  });

  it('writes tasks with --todo: the done reminder completed and counted, none left out', async () => {
    const { cwd } = commentedProject();
    const events = await runCli(['export', 'ics', '-o', 'out.ics', '--now', LATER], { cwd });
    const written = Number(/^Wrote (\d+) reminders/.exec(events.stderr)?.[1]);
    expect(events.stderr).toBe(
      `Wrote ${written} reminders to out.ics (1 done or skipped left out).\n`,
    );

    const tasks = await runCli(['export', 'ics', '--todo', '-o', 'out.ics', '--now', LATER], {
      cwd,
    });
    expect(tasks.code).toBe(0);
    expect(tasks.stderr).toBe(`Wrote ${written + 1} reminders to out.ics.\n`);
    const ics = readFileSync(join(cwd, 'out.ics'), 'utf8');
    expect(ics).not.toContain('BEGIN:VEVENT');
    expect(ics.match(/^BEGIN:VTODO\r$/gm)).toHaveLength(written + 1);
    const thankYou = ics
      .split('BEGIN:VTODO\r\n')
      .find((block) => block.includes('UID:acme-telecom-pm/thank-you/1@runner-up'));
    expect(thankYou).toContain('STATUS:COMPLETED\r\nPERCENT-COMPLETE:100\r\n');
    // Every task became a task after having been an event: clients are told by SEQUENCE.
    expect(new Set(sequences(ics))).toEqual(new Set([0, 1]));
  });

  it('names a state file that is not one and writes nothing (exit 2)', async () => {
    const { cwd } = commentedProject();
    writeFileSync(join(cwd, 'runner-up.export.state.json'), 'not json');
    const result = await runCli(['export', 'ics', '-o', 'out.ics', '--now', NOW], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^\[runner-up\] runner-up\.export\.state\.json is not a calendar state file \(it is not JSON\)\..*delete it to start over/,
    );
    expect(existsSync(join(cwd, 'out.ics'))).toBe(false);
  });

  it('names a malformed remembered event in the state file by its field (exit 2)', async () => {
    const { cwd } = commentedProject();
    await runCli(['export', 'ics', '--now', NOW], { cwd });
    const path = join(cwd, 'runner-up.export.state.json');
    const state = JSON.parse(readFileSync(path, 'utf8'));
    state.events['acme-telecom-pm/check-in/1'].event.timezone = 'America/Chicgo';
    writeFileSync(path, JSON.stringify(state));
    const result = await runCli(['export', 'ics', '-o', 'out.ics', '--now', LATER], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'runner-up.export.state.json is not a calendar state file (calendar state `events["acme-telecom-pm/check-in/1"].event.timezone`: expected an IANA time zone like Europe/Paris).',
    );
    expect(existsSync(join(cwd, 'out.ics'))).toBe(false);
  });
});

describe('serve keeps a revision state across restarts', () => {
  /** Starts `serve`, fetches the feed once, stops it, and returns the calendar. */
  async function serveOnce(cwd: string, args: string[] = []): Promise<string> {
    const child = spawnCli(['serve', '--port', '0', ...args], {
      cwd,
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
    });
    const done = collect(child);
    try {
      const banner = await waitForStderr(child, 'Press Ctrl+C');
      const port = /:(\d+)\/feed\//.exec(banner)?.[1];
      const feed = await fetch(`http://127.0.0.1:${port}/feed/${TOKEN}.ics`);
      expect(feed.status).toBe(200);
      return await feed.text();
    } finally {
      child.kill('SIGTERM');
      const result = await done;
      expect(result.code).toBe(0);
    }
  }

  it('a changed event served after a restart goes on from its last SEQUENCE (it restarted at 0)', async () => {
    const { cwd, file } = commentedProject();
    expect(new Set(sequences(await serveOnce(cwd)))).toEqual(new Set([0]));
    expect(existsSync(join(cwd, 'runner-up.feed.state.json'))).toBe(true);
    moveReminders(file, '10:00');
    expect(new Set(sequences(await serveOnce(cwd)))).toEqual(new Set([1]));
    moveReminders(file, '10:30');
    expect(new Set(sequences(await serveOnce(cwd)))).toEqual(new Set([2]));
    // Unchanged across a restart: the same sequence, not a new one.
    expect(new Set(sequences(await serveOnce(cwd)))).toEqual(new Set([2]));
  }, 60_000);

  it('after a restart, serves the events of an opportunity deleted from the file as cancelled', async () => {
    const { cwd, file } = commentedProject();
    const before = eventsByUid(await serveOnce(cwd));
    const northwind = [...before.keys()].filter((uid) => uid.startsWith('northwind-ops/'));
    expect(northwind.length).toBeGreaterThan(0);
    deleteNorthwind(file);
    const after = eventsByUid(await serveOnce(cwd));
    for (const uid of northwind) {
      expect(after.get(uid), uid).toContain('STATUS:CANCELLED\r\n');
      expect(after.get(uid), uid).toContain('SEQUENCE:1\r\n');
    }
  }, 60_000);

  it('serves on when the state cannot be saved, warns once per reason, and saves it once it can', async () => {
    const { cwd, file } = commentedProject();
    mkdirSync(join(cwd, 'kept'));
    const stateFile = join(cwd, 'kept', 'feed.json');
    const child = spawnCli(['serve', '--port', '0', '--state', 'kept/feed.json'], {
      cwd,
      env: { RUNNER_UP_FEED_TOKEN: TOKEN },
    });
    const done = collect(child);
    try {
      const banner = await waitForStderr(child, 'Press Ctrl+C');
      const feed = `http://127.0.0.1:${/:(\d+)\/feed\//.exec(banner)?.[1]}/feed/${TOKEN}.ics`;
      expect((await fetch(feed)).status).toBe(200);
      expect(existsSync(stateFile)).toBe(true);
      rmSync(join(cwd, 'kept'), { recursive: true });
      moveReminders(file, '10:00');
      // Twice, for one reason: one warning.
      expect(new Set(sequences(await (await fetch(feed)).text()))).toEqual(new Set([1]));
      expect((await fetch(feed)).status).toBe(200);
      mkdirSync(join(cwd, 'kept'));
      // The content has not changed since, but the state is still to be saved.
      expect((await fetch(feed)).status).toBe(200);
      expect(
        new Set(
          Object.values(JSON.parse(readFileSync(stateFile, 'utf8')).events).map(
            (e) => (e as { sequence: number }).sequence,
          ),
        ),
      ).toEqual(new Set([1]));
    } finally {
      child.kill('SIGTERM');
    }
    const result = await done;
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('Warning'));
    expect(warnings).toEqual([
      '[runner-up] Warning: Could not write kept/feed.json: its folder, kept, does not exist. Create it first (`mkdir -p kept`), or give a path in a folder that exists. The feed is served all the same, but its sequences will restart from the last saved state if the server restarts; fix that, or pass --state with a file runner-up can write.',
    ]);
    expect(result.stderr).not.toContain('feed failed');
  }, 60_000);

  it('--no-state keeps it in memory only and writes no state file', async () => {
    const { cwd, file } = commentedProject();
    await serveOnce(cwd, ['--no-state']);
    moveReminders(file, '10:00');
    expect(new Set(sequences(await serveOnce(cwd, ['--no-state'])))).toEqual(new Set([0]));
    expect(existsSync(join(cwd, 'runner-up.feed.state.json'))).toBe(false);
  }, 60_000);
});
