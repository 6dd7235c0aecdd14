import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  createReadStream,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/file/atomic-write';
import { withFileLock } from '../../src/file/file-lock';
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

  it.skipIf(process.getuid?.() !== 0)(
    "keeps the file's owner and group (run as root)",
    async () => {
      // Edited with sudo, a user's file used to become root's, and a file shared through its
      // group left the group.
      const file = join(scratchDir(), 'a.yaml');
      writeFileSync(file, 'old\n');
      chownSync(file, 65534, 1234);
      await writeFileAtomic(file, 'new\n');
      expect(readFileSync(file, 'utf8')).toBe('new\n');
      expect([statSync(file).uid, statSync(file).gid]).toEqual([65534, 1234]);
    },
  );

  it('refuses to replace a pipe, naming what it is, and leaves it a pipe', async () => {
    const fifo = join(scratchDir(), 'a.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(writeFileAtomic(fifo, 'new\n')).rejects.toThrow(
      `Could not write ${fifo}: it is a pipe, not a file runner-up can edit or replace; give the path of a regular file.`,
    );
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a pipe as the file to edit before taking a lock beside it (`-f /dev/stdin`)', async () => {
    const fifo = join(scratchDir(), 'runner-up.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    let ran = false;
    await expect(
      withFileLock(fifo, async () => {
        ran = true;
      }),
    ).rejects.toThrow(`Could not write ${fifo}: it is a pipe`);
    expect(ran).toBe(false);
    expect(readdirSync(join(fifo, '..'))).toEqual(['runner-up.yaml']);
  });

  it('writes into a pipe with `streams`, rather than putting a file in its place', async () => {
    const fifo = join(scratchDir(), 'out.ics');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const chunks: Buffer[] = [];
    const read = new Promise<string>((resolve, reject) => {
      createReadStream(fifo)
        .on('data', (chunk) => chunks.push(chunk as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        .on('error', reject);
    });
    await writeFileAtomic(fifo, 'BEGIN:VCALENDAR\r\n', { streams: true });
    expect(await read).toBe('BEGIN:VCALENDAR\r\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('fails, rather than say it wrote, when the program reading a pipe stops early', async () => {
    const fifo = join(scratchDir(), 'out.ics');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Reads ten bytes, then closes: the rest of a 4 MB calendar has nowhere to go.
    const reader = (async () => {
      const handle = await open(fifo, 'r');
      await handle.read(Buffer.alloc(10), 0, 10, null);
      await handle.close();
    })();
    await expect(
      writeFileAtomic(fifo, 'BEGIN:VCALENDAR\r\n'.repeat(250_000), { streams: true }),
    ).rejects.toThrow(
      `Could not write ${fifo}: the program reading it stopped reading before the end`,
    );
    await reader;
  });

  it('refuses a socket even for output, which cannot be opened as a file', async () => {
    const socket = join(scratchDir(), 'out.sock');
    const server = createServer().listen(socket);
    await once(server, 'listening');
    try {
      await expect(writeFileAtomic(socket, 'x', { streams: true })).rejects.toThrow(
        `Could not write ${socket}: it is a socket, not a file runner-up can edit or replace; give the path of a regular file.`,
      );
    } finally {
      server.close();
    }
  });

  it("keeps the file's permission bits", async () => {
    const file = join(scratchDir(), 'a.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps write bits the umask would clear, so a shared file stays shared', async () => {
    // The temporary file is created through the umask (022 here): a group-writable file used to
    // come back 0644 after the first edit, locking out the rest of the team.
    const file = join(scratchDir(), 'a.yaml');
    writeFileSync(file, 'old\n');
    for (const mode of [0o664, 0o666, 0o660]) {
      chmodSync(file, mode);
      await writeFileAtomic(file, 'new\n');
      expect(statSync(file).mode & 0o777).toBe(mode);
    }
  });

  it('refuses to replace a read-only file, and leaves it as it was', async () => {
    // A rename over it needs only the folder to be writable: it used to replace it anyway.
    const dir = scratchDir();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o444);
    await expect(writeFileAtomic(file, 'new\n')).rejects.toMatchObject({
      code: 'io_error',
      message: `Could not write ${file}: it is read-only. Make it writable (\`chmod u+w\`) for runner-up to edit it.`,
    });
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('fails with an io_error that names the file as given, and cleans up', async () => {
    const dir = scratchDir();
    await expect(writeFileAtomic(join(dir, 'missing/a.yaml'), 'x')).rejects.toMatchObject({
      code: 'io_error',
      message: `Could not write ${join(dir, 'missing/a.yaml')}: its folder, ${join(dir, 'missing')}, does not exist. Create it first (\`mkdir -p ${join(dir, 'missing')}\`), or give a path in a folder that exists.`,
    });
    // A folder name a shell would split is quoted in the command.
    await expect(writeFileAtomic(join(dir, "Lynne's files/a.yaml"), 'x')).rejects.toMatchObject({
      message: expect.stringContaining(`(\`mkdir -p '${join(dir, "Lynne'\\''s files")}'\`)`),
    });
    expect(readdirSync(dir)).toEqual([]);
    // A relative folder whose name starts with a dash is no option to mkdir. Nothing is written:
    // the folder does not exist.
    await expect(writeFileAtomic('-no-such-folder/a.yaml', 'x')).rejects.toMatchObject({
      message: expect.stringContaining('(`mkdir -p ./-no-such-folder`)'),
    });
  });

  it('replaces the file a symbolic link points at, following a chain of links, and keeps them', async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b/real.yaml'), 'old\n');
    symlinkSync('../b/real.yaml', join(dir, 'a/middle.yaml'));
    symlinkSync('a/middle.yaml', join(dir, 'first.yaml'));
    await writeFileAtomic(join(dir, 'first.yaml'), 'new\n');
    expect(readFileSync(join(dir, 'b/real.yaml'), 'utf8')).toBe('new\n');
    expect(lstatSync(join(dir, 'first.yaml')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'a/middle.yaml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'b'))).toEqual(['real.yaml']);
  });

  it('writes the missing file a dangling link points at, and refuses a loop of links', async () => {
    const dir = scratchDir();
    symlinkSync('new.yaml', join(dir, 'link.yaml'));
    await writeFileAtomic(join(dir, 'link.yaml'), 'x\n');
    expect(readFileSync(join(dir, 'new.yaml'), 'utf8')).toBe('x\n');
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    await expect(writeFileAtomic(join(dir, 'loop-a.yaml'), 'x')).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('too many levels of symbolic links'),
    });
    expect(lstatSync(join(dir, 'loop-a.yaml')).isSymbolicLink()).toBe(true);
  });
});
