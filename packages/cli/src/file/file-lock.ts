import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { RunnerUpError } from '@runner-up/core';
import { folderError, refuseStream, resolveLink } from './atomic-write';
import { cleanUpOnInterrupt } from './interrupt-cleanup';
import { maybePause } from './test-pause';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * How long to keep trying before giving up with an `io_error`.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * A lock file older than this is taken to be left over by a crashed process when its owner
   * cannot be checked (it was taken on another host sharing the directory, or is still empty).
   * @default 30000
   */
  staleMs?: number;
  /**
   * Called once when the lock has been held by another process for `waitNoticeMs`, with a line
   * naming the holder (pid and host, from the lock file) and the lock's path, so a wait does not
   * pass in silence. The CLI prints it on stderr.
   */
  onWait?: (message: string) => void;
  /** @default 1000 */
  waitNoticeMs?: number;
  /**
   * Stops waiting for the lock (an `aborted` error) as soon as it fires: a command that ends
   * gracefully on Ctrl-C passes its own, as the signal is then its to handle.
   */
  signal?: AbortSignal;
}

/**
 * Runs `task` while holding an exclusive lock on `file`, so concurrent `runner-up` commands never
 * lose each other's edit. The lock is a sibling `<file>.lock` created with `O_CREAT|O_EXCL`
 * (`open(path, 'wx')`), which exactly one process can win; it holds the owner's pid and start
 * time. A lock whose process is gone, or which is older than `staleMs`, is removed and retried.
 * When `file` is a symbolic link, the lock is taken next to the file it points at, so commands
 * reaching one file by different paths still take turns.
 * Read the file INSIDE `task`: reading before taking the lock is what loses edits.
 */
export async function withFileLock<T>(
  file: string,
  task: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  // A pipe or a device cannot be edited in place, and a lock beside it would be made in a folder
  // like /proc/self/fd: refused first, with what it is.
  await refuseStream(file);
  const lockPath = `${await resolveLink(file)}.lock`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  const deadline = started + timeoutMs;
  const noticeAt = started + (options.waitNoticeMs ?? 1000);
  let noticed = false;
  const stamp = `${process.pid} ${hostname()} ${Date.now()} ${randomBytes(4).toString('hex')}\n`;
  let delay = 5;
  // Interrupted (Ctrl-C), the lock goes with the process rather than wait to be found stale: also
  // one created but not yet stamped, which only its age would tell as left over.
  let created = false;
  const done = cleanUpOnInterrupt(() => {
    if (created) releaseLockSync(lockPath, stamp);
  });
  const { signal } = options;
  const interrupted = () =>
    new RunnerUpError(
      'aborted',
      `Interrupted while waiting for the lock on ${file}; nothing was written to it.`,
      { file, cause: signal?.reason },
    );
  try {
    for (;;) {
      if (signal?.aborted) throw interrupted();
      try {
        const handle = await open(lockPath, 'wx');
        created = true;
        try {
          await handle.writeFile(stamp);
        } finally {
          await handle.close();
        }
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST') {
          // The lock goes where the file would (a missing folder, no permission): the file cannot
          // be written, which is what the user asked for, so say that, as writeFileAtomic does.
          throw folderError(file, dirname(lockPath), error, 'its lock file and a temporary file');
        }
      }
      if (await removeIfStale(lockPath, staleMs)) continue;
      if (Date.now() > deadline) {
        const holder = await lockHolder(lockPath);
        throw new RunnerUpError(
          'io_error',
          `Could not lock ${file}: ${holder ?? 'another runner-up command'} has held ${lockPath} for over ${Math.round(timeoutMs / 1000)} s. If no runner-up command is running there, delete the lock file.`,
          { file },
        );
      }
      if (!noticed && options.onWait !== undefined && Date.now() >= noticeAt) {
        noticed = true;
        const holder = await lockHolder(lockPath);
        options.onWait(
          `[runner-up] Waiting for ${file}: ${holder ?? 'another runner-up command'} holds its lock, ${lockPath} (up to ${Math.round(timeoutMs / 1000)} s).`,
        );
      }
      // Jitter keeps twenty waiting processes from retrying in lockstep.
      await sleep(delay + Math.random() * delay, signal);
      delay = Math.min(delay * 2, 100);
    }
    await maybePause('after-lock');
    return await task();
  } finally {
    done();
    if (created) await releaseLock(lockPath, stamp);
  }
}

/**
 * {@link releaseLock}, synchronously, for a process about to end on a signal: its own lock, stamped
 * or still empty (created by it, and not yet written).
 */
function releaseLockSync(lockPath: string, stamp: string): void {
  const content = readFileSync(lockPath, 'utf8');
  if (content === stamp || content === '') unlinkSync(lockPath);
}

/** `process 4242 on host-a`, from what the lock file says, or undefined when it says nothing usable. */
async function lockHolder(lockPath: string): Promise<string | undefined> {
  const content = await readFile(lockPath, 'utf8').catch(() => '');
  const [pid, host] = content.trim().split(' ');
  if (!pid || !/^\d+$/.test(pid)) return undefined;
  return host ? `process ${pid} on ${host}` : `process ${pid}`;
}

async function releaseLock(lockPath: string, stamp: string): Promise<void> {
  try {
    // Only remove our own lock: if it was judged stale and taken over, it is no longer ours.
    if ((await readFile(lockPath, 'utf8')) === stamp) await unlink(lockPath);
  } catch {
    // Already gone.
  }
}

/** True when the lock at `lockPath` was left by a dead process (or is too old) and was removed. */
async function removeIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let content: string;
  let mtimeMs: number;
  try {
    content = await readFile(lockPath, 'utf8');
    mtimeMs = (await stat(lockPath)).mtimeMs;
  } catch {
    return true; // released between our open and our read: try again at once
  }
  const [pidText, host] = content.split(' ');
  const pid = Number(pidText);
  // The pid says whether the owner lives only on this host; a live owner keeps its lock however
  // long it takes. Otherwise (another host, or a lock still empty because its owner is writing
  // it right now) only age tells.
  const checkable = host === hostname() && Number.isInteger(pid) && pid > 0;
  const stale = checkable ? !isAlive(pid) : Date.now() - mtimeMs > staleMs;
  if (!stale) return false;
  // Move the lock aside before deleting it, then check it is the one judged stale: two processes
  // removing the same stale lock must not delete a fresh lock a third one just created.
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== content) {
    // We moved a live lock: put it back unless a newer one already took its place.
    await link(aside, lockPath).catch(() => {});
  }
  await unlink(aside).catch(() => {});
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** Waits `ms`, or less once `signal` fires (the caller then sees it aborted). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
