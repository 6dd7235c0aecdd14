import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Pipeline, parsePipelineYaml } from '@runner-up/core';
import { VERSION } from '../version';

/**
 * Where validated pipelines are cached: `RUNNER_UP_CACHE_DIR`, else `$XDG_CACHE_HOME/runner-up`,
 * else `~/.cache/runner-up`. `undefined` when `RUNNER_UP_CACHE=0` turns the cache off.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.RUNNER_UP_CACHE === '0') return undefined;
  if (env.RUNNER_UP_CACHE_DIR) return env.RUNNER_UP_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'runner-up');
}

/**
 * Identifies the code that parses: this package's version and the installed core's version and
 * build (its size and mtime), so a new or rebuilt core never reads an entry an older one wrote.
 */
async function parserIdentity(): Promise<string> {
  const require = createRequire(import.meta.url);
  const { version } = require('@runner-up/core/package.json') as { version: string };
  let build = 'unbuilt';
  try {
    const built = await stat(require.resolve('@runner-up/core'));
    build = `${built.size}|${built.mtimeMs}`;
  } catch {
    // Running from sources (tests): the version is all there is.
  }
  return `${VERSION}|${version}|${build}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `parsePipelineYaml`, remembered: YAML parsing and validation of a large file cost far more than
 * the rest of `runner-up agenda`, and the file rarely changes between runs. One entry per file
 * (named after its absolute path), valid only for the exact same text and parser; the entry
 * holds the validated pipeline as JSON. Invalid files are never cached, so their errors are
 * always reported in full. Any cache trouble falls back to parsing: the cache can make a run
 * faster, never wrong or failed.
 */
export async function parsePipelineCached(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<Pipeline> {
  const dir = cacheDir(env);
  if (dir === undefined) return parsePipelineYaml(text, { file });
  let entry: string | undefined;
  let key: string | undefined;
  try {
    entry = join(dir, `${sha256(resolve(file)).slice(0, 32)}.json`);
    key = sha256(`${await parserIdentity()}\n${text}`);
    const cached = JSON.parse(await readFile(entry, 'utf8')) as {
      key?: string;
      pipeline?: Pipeline;
    };
    if (cached.key === key && cached.pipeline) return cached.pipeline;
  } catch {
    // No entry yet, or an unreadable one: parse.
  }
  const pipeline = parsePipelineYaml(text, { file });
  if (entry !== undefined && key !== undefined) {
    const temp = `${entry}.${process.pid}.tmp`;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // The file names people and their email addresses: keep the copy private. Renamed into
      // place so a reader never sees half an entry; not fsynced, since a lost entry costs nothing.
      await writeFile(temp, JSON.stringify({ key, pipeline }), { mode: 0o600 });
      await rename(temp, entry);
    } catch {
      // A read-only home or a full disk only costs speed.
      await unlink(temp).catch(() => {});
    }
  }
  return pipeline;
}
