import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
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
    writeFileSync(`${file}.lock`, `${deadPid()} ${Date.now()} dead\n`);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 2000 })).resolves.toBe('ran');
  });

  it('takes over a lock older than staleMs even when its owner cannot be checked', async () => {
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
    writeFileSync(`${file}.lock`, `${process.pid} ${Date.now()} live\n`);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('f.yaml.lock'),
    });
    // Someone else's lock is never removed.
    expect(readFileSync(`${file}.lock`, 'utf8')).toContain('live');
  });
});
