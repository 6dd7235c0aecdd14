import { randomBytes } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { access, open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { RunnerUpError } from '@runner-up/core';
import { shellPath } from '../context';
import { cleanUpOnInterrupt } from './interrupt-cleanup';
import { maybePause } from './test-pause';

/**
 * The file `file` stands for: when it is a symbolic link, the file the link points at (followed
 * link after link, each relative to its own folder), which need not exist yet. Locking and
 * replacing that file, not the link, keeps the link a link and the edit where the link leads.
 */
export async function resolveLink(file: string): Promise<string> {
  let path = file;
  // 40 links deep is where the system gives up too.
  for (let hops = 0; hops < 40; hops += 1) {
    const target = await readlink(path).catch(() => undefined);
    // Not a link (or nothing there yet): this is the file.
    if (target === undefined) return path;
    // Relative to the folder the link really sits in: `..` in the target climbs from there, not
    // from a linked folder the path went through.
    path = isAbsolute(target) ? target : join(await realpath(dirname(path)), target);
  }
  const reason = describeIoError({ code: 'ELOOP' });
  throw new RunnerUpError('io_error', `Could not write ${file}: ${reason}`, { file });
}

/**
 * What `file` is when it exists and is neither a regular file nor a folder, through links: a pipe
 * (`/dev/stdout` piped to another program), a socket or a device (`/dev/null`); else `undefined`.
 */
export async function streamKind(file: string): Promise<string | undefined> {
  const found = await stat(file).catch(() => undefined);
  if (found === undefined || found.isFile() || found.isDirectory()) return undefined;
  return found.isFIFO() ? 'a pipe' : found.isSocket() ? 'a socket' : 'a device';
}

/**
 * Refuses, as a usage error, a `file` that is a pipe, a socket or a device: runner-up edits files
 * by replacing them, which would put a regular file where the pipe or device was.
 */
export async function refuseStream(file: string): Promise<void> {
  const kind = await streamKind(file);
  if (kind !== undefined) throw streamRefusal(file, kind);
}

function streamRefusal(file: string, kind: string): RunnerUpError {
  return new RunnerUpError(
    'invalid_options',
    `Could not write ${file}: it is ${kind}, not a file runner-up can edit or replace; give the path of a regular file.`,
    { file },
  );
}

/** Options of {@link writeFileAtomic}. */
export interface WriteFileOptions {
  /**
   * Write into a pipe or a device (`-o /dev/stdout`, `-o /dev/null`) as it is, rather than refuse
   * it: for output that is only written, never read back.
   * @default false
   */
  streams?: boolean;
  /**
   * The permission bits of a file that does not exist yet (less the umask); a file that exists
   * keeps its own. Files made from the pipeline pass {@link modeOfSource} of it, so a private
   * pipeline (0600) gives private calendars and state files.
   * @default 0o644
   */
  newFileMode?: number;
}

/**
 * The permission bits for a new file made from `source` (a calendar or a state file from the
 * pipeline file): the source's read and write bits, so nobody may read the new file who may not
 * read the source; 0o644 when the source cannot be read.
 */
export async function modeOfSource(source: string): Promise<number> {
  try {
    // The owner always reads and writes what runner-up writes for them.
    return ((await stat(source)).mode & 0o666) | 0o600;
  } catch {
    return 0o644;
  }
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old content or the
 * new one, never a mix: write a temporary file in the same directory, fsync it, rename it over
 * the target (atomic on POSIX, rename(2)), then fsync the directory so the rename itself survives
 * a power loss. The file's permission bits are kept, and its owner and group as far as the system
 * lets this user set them. When `file` is a symbolic link, the file it points at is replaced (the
 * temporary file goes in that file's directory) and the link is kept. A pipe, a socket or a device
 * is never replaced: it is refused, or with `streams` written into.
 */
export async function writeFileAtomic(
  file: string,
  text: string,
  options: WriteFileOptions = {},
): Promise<void> {
  const kind = await streamKind(file);
  if (kind !== undefined) {
    // A socket cannot be opened as a file (ENXIO): only pipes and devices are written into.
    if (!options.streams || kind === 'a socket') throw streamRefusal(file, kind);
    await writeStream(file, text);
    return;
  }
  const target = await resolveLink(file);
  const dir = dirname(target);
  const temp = join(
    dir,
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let mode = options.newFileMode ?? 0o644;
  let exists = false;
  let folder = false;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const found = await stat(target);
    mode = found.mode & 0o777;
    exists = true;
    folder = found.isDirectory();
    owner = { uid: found.uid, gid: found.gid };
  } catch {
    // A new file: default permissions.
  }
  if (folder) {
    // A folder where a file was meant is a mistake in the path given: a usage error.
    throw new RunnerUpError(
      'invalid_options',
      `Could not write ${file}: it is a folder; give the path of a file in it.`,
      { file },
    );
  }
  // Renaming over a file needs only the folder to be writable: without this check, a file made
  // read-only (`chmod 444`), or one this user may not write, would be replaced all the same.
  if (exists && ((mode & 0o222) === 0 || !(await canWrite(target)))) {
    throw new RunnerUpError(
      'io_error',
      `Could not write ${file}: it is read-only. Make it writable (\`chmod u+w\`) for runner-up to edit it.`,
      { file },
    );
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temp, 'wx', mode);
  } catch (error) {
    throw folderError(file, dir, error, 'a temporary file');
  }
  // Interrupted before the rename, the temporary file goes with the process.
  const done = cleanUpOnInterrupt(() => unlinkSync(temp));
  try {
    try {
      // The new file is this user's, in this user's group: a file shared through its group would
      // leave the group, and one edited with sudo would become root's. Given back where the
      // system allows: only root may give a file away, but a user may keep its group if they are
      // in it (before the chmod, which a change of owner could clear setgid bits after).
      if (owner !== undefined) {
        await handle
          .chown(owner.uid, owner.gid)
          .catch(() => handle.chown(-1, owner.gid))
          .catch(() => {});
      }
      // `open` applies the umask: a group-writable file (0664 under umask 022) would come back 0644.
      if (exists) await handle.chmod(mode);
      const bytes = Buffer.from(text, 'utf8');
      if (process.env.RUNNER_UP_TEST_PAUSE === 'mid-write') {
        const half = Math.floor(bytes.length / 2);
        await handle.write(bytes, 0, half);
        await handle.sync();
        await maybePause('mid-write');
        await handle.write(bytes, half);
      } else {
        await handle.write(bytes);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await maybePause('before-rename');
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw new RunnerUpError('io_error', `Could not write ${file}: ${describeIoError(error)}`, {
      file,
      cause: error,
    });
  } finally {
    done();
  }
  await syncDirectory(dir);
  await maybePause('after-rename');
}

/**
 * Writes `text` into a pipe or a device as it is: there is nothing to replace atomically. All of
 * it, or an error: a pipe takes a write in parts, and one whose reader stops fails (EPIPE).
 */
async function writeStream(file: string, text: string): Promise<void> {
  try {
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new RunnerUpError('io_error', `Could not write ${file}: ${describeIoError(error)}`, {
      file,
      cause: error,
    });
  }
}

async function canWrite(file: string): Promise<boolean> {
  try {
    await access(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  }
}

/** Codes meaning the folder refuses a new file (as opposed to its being missing). */
const FOLDER_REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * The error for a file runner-up could not create in `dir` (its lock, or the temporary file of an
 * atomic write): when the folder refuses new files, it names the folder, since the file itself may
 * well be writable; otherwise, as for any write, the file.
 */
export function folderError(
  file: string,
  dir: string,
  error: unknown,
  what: string,
): RunnerUpError {
  const code = (error as { code?: unknown } | null)?.code;
  // chmod helps only in a folder of your own on a file system that can be written.
  const fix =
    code === 'EROFS'
      ? 'Move the file to a folder you can write to.'
      : `Make the folder writable (\`chmod u+w ${shellPath(dir)}\`, if it is yours; otherwise ask its owner), or move the file to a folder you can write to.`;
  const message =
    typeof code === 'string' && FOLDER_REFUSALS.has(code)
      ? `Could not write ${file}: runner-up needs to create ${what} in its folder, ${dir}, to change it safely, and that folder does not allow it (${describeIoError(error)}). ${fix}`
      : code === 'ENOENT'
        ? `Could not write ${file}: its folder, ${dir}, does not exist. Create it first (\`mkdir -p ${shellPath(dir)}\`), or give a path in a folder that exists.`
        : `Could not write ${file}: ${describeIoError(error)}`;
  return new RunnerUpError('io_error', message, { file, cause: error });
}

/** `ENOENT: no such file or directory` without the absolute path Node puts in the message. */
export function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const messages: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EBUSY: 'resource busy or locked',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    ELOOP: 'too many levels of symbolic links',
    EPIPE: 'the program reading it stopped reading before the end',
  };
  if (typeof code === 'string') return messages[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}
