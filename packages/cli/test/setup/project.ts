import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './run-cli';

/** The heavily commented pipeline the end-to-end tests edit. */
export const COMMENTED_FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');

/** A fresh scratch directory holding a copy of the commented fixture as `runner-up.yaml`. */
export function commentedProject(): { cwd: string; file: string } {
  const cwd = scratchDir();
  const file = join(cwd, 'runner-up.yaml');
  copyFileSync(COMMENTED_FIXTURE, file);
  return { cwd, file };
}

/** A fresh copy of the commented fixture as `runner-up.yaml` in a scratch directory: its path. */
export function commentedFile(): string {
  return commentedProject().file;
}
