import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/file/file-lock';
import { scratchDir } from '../setup/run-cli';

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('withFileLock', () => {
  it('runs tasks on the same file one at a time', async () => {
    const file = join(scratchDir(), 'f.yaml');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(file, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('releases the lock when the task throws', async () => {
    const file = join(scratchDir(), 'f.yaml');
    await expect(
      withFileLock(file, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${deadPid()} ${hostname()} ${Date.now()} dead\n`);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
  });

  it('takes over a lock from another host once it is older than staleMs', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} some-other-host ${Date.now()} remote\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
  });

  it('never takes over the lock of a live process on this host, however old', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} slow\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'io_error',
    });
    expect(readFileSync(`${file}.lock`, 'utf8')).toContain('slow');
  });

  it('takes over an empty lock older than staleMs (its owner died before writing it)', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await expect(
      withFileLock(file, async () => 'ran', { timeoutMs: 2000, staleMs: 30_000 }),
    ).resolves.toBe('ran');
  });

  it('gives up with an io_error naming the lock file when a live process holds it', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} live\n`);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('f.yaml.lock'),
    });
    // Someone else's lock is never removed.
    expect(readFileSync(`${file}.lock`, 'utf8')).toContain('live');
  });

  it('stops waiting, with an aborted error, when its signal fires (regression: Ctrl-C in sync waited the full 30 s)', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} live\n`);
    const controller = new AbortController();
    let ran = false;
    const waiting = withFileLock(
      file,
      async () => {
        ran = true;
      },
      // Far longer than the test's own timeout: only the signal can end the wait in time.
      { timeoutMs: 600_000, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({
      code: 'aborted',
      message: `Interrupted while waiting for the lock on ${file}; nothing was written to it.`,
    });
    expect(ran).toBe(false);
    expect(readFileSync(`${file}.lock`, 'utf8')).toContain('live');
    // Already aborted: no try at all.
    await expect(
      withFileLock(file, async () => 'ran', { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
  }, 10_000);
});

describe('withFileLock while another process holds the lock (regression: 30 s of silence)', () => {
  it('says once, after a short wait, which process on which host holds it and where the lock is', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} live\n`);
    const said: string[] = [];
    const waiting = withFileLock(file, async () => 'ran', {
      timeoutMs: 5000,
      waitNoticeMs: 100,
      onWait: (message) => said.push(message),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    unlinkSync(`${file}.lock`);
    await expect(waiting).resolves.toBe('ran');
    expect(said).toEqual([
      `[runner-up] Waiting for ${file}: process ${process.pid} on ${hostname()} holds its lock, ${file}.lock (up to 5 s).`,
    ]);
  });

  it('names the holder when it gives up', async () => {
    const file = join(scratchDir(), 'f.yaml');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} live\n`);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 200 })).rejects.toMatchObject({
      message: expect.stringContaining(
        `process ${process.pid} on ${hostname()} has held ${file}.lock for over 0 s`,
      ),
    });
  });
});
