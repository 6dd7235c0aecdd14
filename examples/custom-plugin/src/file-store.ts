import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MarkdownStore } from './store.js';

/** Error codes that say "try again shortly" rather than "this will never work". */
const TRANSIENT = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE']);

function markTransient(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT.has(code))
    Object.assign(error as object, { retryable: true });
  return error;
}

/**
 * A Markdown file on disk. Writes are atomic: the text goes to a temporary file next to the
 * target, is flushed, and is renamed over it, so an editor, a sync client or a crash never sees
 * half a file (rename is atomic within a directory on POSIX file systems).
 */
export function fileStore(path: string): MarkdownStore {
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw markTransient(error);
      }
    },
    async write(text) {
      const temporary = join(
        dirname(path),
        `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      try {
        await writeFile(temporary, text, { encoding: 'utf8', flush: true });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw markTransient(error);
      }
    },
  };
}
