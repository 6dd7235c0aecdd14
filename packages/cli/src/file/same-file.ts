import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { resolveLink } from './atomic-write';

/**
 * Where `path` really is: its real path (symbolic links followed, as the atomic write follows
 * them) when it exists; for a file not written yet, its real folder joined with its name; else the
 * path resolved as it is.
 */
export async function realLocation(path: string): Promise<string> {
  const target = await resolveLink(path).catch(() => path);
  try {
    return await realpath(target);
  } catch {
    // Not there yet (an output about to be written): compare by where it would be written.
  }
  try {
    return join(await realpath(dirname(target)), basename(target));
  } catch {
    return resolve(target);
  }
}

/** True when `a` and `b` name the same file, through symbolic links and relative paths. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  return (await realLocation(a)) === (await realLocation(b));
}
