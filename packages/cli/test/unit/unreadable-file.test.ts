import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

/** Files `readFile` refuses with EACCES, as a file without read permission is (root reads all). */
const refuse = vi.hoisted(() => ({ files: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    readFile: (path: unknown, ...rest: unknown[]) => {
      if (refuse.files.includes(String(path))) {
        return Promise.reject(
          Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
        );
      }
      return (actual.readFile as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

afterEach(() => {
  refuse.files = [];
});

describe('a pipeline file runner-up cannot read', () => {
  it('says how to make it readable (exit 1: the file is there, but reading it failed)', async () => {
    const file = commentedFile();
    refuse.files = [file];
    const result = await runInProcess(['-f', file, 'validate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `[runner-up] Could not read ${file}: permission denied. Make it readable (\`chmod u+r ${file}\`, if it is yours; otherwise ask its owner).\n`,
    );
  });

  it('whose folder is missing too, says to create the folder before init (exit 2)', async () => {
    const file = join(scratchDir(), 'nodir', 'x.yaml');
    const result = await runInProcess(['-f', file, 'agenda']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `[runner-up] ${file} not found, nor its folder ${join(file, '..')}. Create the folder (\`mkdir -p ${join(file, '..')}\`) and run \`runner-up init -f ${file}\` to write a starter file there, or pass --file PATH.\n`,
    );
  });
});
