/**
 * `writeFileAtomic` (and the lock) resolve a relative link target against the folder the link really
 * sits in. When that folder is reached through a symbolic link and the target climbs out of it
 * (`../shared/runner-up.yaml`), a textual join on the path as given is not where the link leads:
 * the edit used to land in another (possibly new) file, the real one left unchanged, and the
 * command reported success.
 */
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/file/atomic-write';
import { scratchDir } from '../setup/run-cli';

describe('writeFileAtomic through a linked folder', () => {
  test('writes the file the link really points at', async () => {
    const dir = scratchDir();
    // store/deep/shared/real.yaml is the file; store/deep/dir/link.yaml -> ../shared/real.yaml;
    // work -> store/deep/dir. So work/link.yaml leads to store/deep/shared/real.yaml.
    mkdirSync(join(dir, 'store/deep/dir'), { recursive: true });
    mkdirSync(join(dir, 'store/deep/shared'), { recursive: true });
    writeFileSync(join(dir, 'store/deep/shared/real.yaml'), 'old\n');
    symlinkSync('../shared/real.yaml', join(dir, 'store/deep/dir/link.yaml'));
    symlinkSync('store/deep/dir', join(dir, 'work'));
    // The folder the textual join lands in exists too, as it may in a real tree.
    mkdirSync(join(dir, 'shared'));
    expect(readFileSync(join(dir, 'work/link.yaml'), 'utf8')).toBe('old\n');

    await writeFileAtomic(join(dir, 'work/link.yaml'), 'new\n');

    expect(readFileSync(join(dir, 'work/link.yaml'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(dir, 'store/deep/shared/real.yaml'), 'utf8')).toBe('new\n');
    expect(lstatSync(join(dir, 'store/deep/dir/link.yaml')).isSymbolicLink()).toBe(true);
  });
});
