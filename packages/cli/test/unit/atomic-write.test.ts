import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/file/atomic-write';
import { scratchDir } from '../setup/run-cli';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const dir = scratchDir();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old\n');
    await writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it("keeps the file's permission bits", async () => {
    const file = join(scratchDir(), 'a.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fails with an io_error that names the file as given, and cleans up', async () => {
    const dir = scratchDir();
    await expect(writeFileAtomic(join(dir, 'missing/a.yaml'), 'x')).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('no such file or directory'),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
