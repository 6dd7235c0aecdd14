import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Pipeline, trustParsedPipeline } from '@runner-up/core';
import type { Environment } from '../context';
import { VERSION } from '../version';

/**
 * Where validated pipelines are cached: `RUNNER_UP_CACHE_DIR`, else `$XDG_CACHE_HOME/runner-up`,
 * else `~/.cache/runner-up`. `undefined` when `RUNNER_UP_CACHE=0` turns the cache off.
 */
export function cacheDir(env: Environment): string | undefined {
  if (env.RUNNER_UP_CACHE === '0') return undefined;
  if (env.RUNNER_UP_CACHE_DIR) return env.RUNNER_UP_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'runner-up');
}

/**
 * Identifies the code that parses, so a new or rebuilt parser never reads an entry an older one
 * wrote: this package's version; this module's own file, which in the bundled `runner-up` command
 * is part of the build that holds core too; and the installed core (what the library entry
 * imports), by version, size and mtime. Whatever cannot be found counts as `none`: a bundle copied
 * elsewhere still caches.
 */
async function parserIdentity(): Promise<string> {
  const require = createRequire(import.meta.url);
  const attempt = async (read: () => string | Promise<string>) => {
    try {
      return await read();
    } catch {
      return 'none';
    }
  };
  const built = (locate: () => string) =>
    attempt(async () => {
      const { size, mtimeMs } = await stat(locate());
      return `${size}|${mtimeMs}`;
    });
  const parts = await Promise.all([
    attempt(() => (require('@runner-up/core/package.json') as { version: string }).version),
    built(() => fileURLToPath(import.meta.url)),
    built(() => require.resolve('@runner-up/core')),
  ]);
  return [VERSION, ...parts].join('|');
}

/** Parses and validates YAML text; the YAML parser is loaded only when the cache misses. */
async function parseYaml(text: string, file: string): Promise<Pipeline> {
  const { parsePipelineYaml } = await import('./parse-yaml');
  return parsePipelineYaml(text, { file });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where a file's entry lives and the key it must carry for `text`; `undefined` with the cache off. */
async function entryFor(
  text: string,
  file: string,
  env: Environment,
): Promise<{ dir: string; entry: string; key: string } | undefined> {
  const dir = cacheDir(env);
  if (dir === undefined) return undefined;
  return {
    dir,
    entry: join(dir, `${sha256(resolve(file)).slice(0, 32)}.json`),
    key: sha256(`${await parserIdentity()}\n${text}`),
  };
}

/**
 * Remembers `pipeline` as what `text` of `file` parses to. Only for a pipeline that
 * `parsePipelineYaml` just returned for exactly this text: commands that edit the file validate
 * the new text before writing it, and store the result so the next command need not parse.
 * Never fails: a read-only home or a full disk only costs speed.
 */
export async function storeParsedPipeline(
  text: string,
  file: string,
  pipeline: Pipeline,
  env: Environment,
): Promise<void> {
  let temp: string | undefined;
  try {
    const target = await entryFor(text, file, env);
    if (target === undefined) return;
    temp = `${target.entry}.${process.pid}.tmp`;
    await mkdir(target.dir, { recursive: true, mode: 0o700 });
    // The file names people and their email addresses: keep the copy private. Renamed into
    // place so a reader never sees half an entry; not fsynced, since a lost entry costs nothing.
    await writeFile(temp, JSON.stringify({ key: target.key, pipeline }), { mode: 0o600 });
    await rename(temp, target.entry);
  } catch {
    if (temp !== undefined) await unlink(temp).catch(() => {});
  }
}

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
  env: Environment,
): Promise<Pipeline> {
  try {
    const target = await entryFor(text, file, env);
    if (target === undefined) return parseYaml(text, file);
    const cached = JSON.parse(await readFile(target.entry, 'utf8')) as {
      key?: string;
      pipeline?: Pipeline;
    };
    // Written by this parser from this very text after it validated: plan() need not check it.
    if (cached.key === target.key && cached.pipeline) {
      return trustParsedPipeline(cached.pipeline);
    }
  } catch {
    // No entry yet, or an unreadable one: parse.
  }
  const pipeline = await parseYaml(text, file);
  await storeParsedPipeline(text, file, pipeline, env);
  return pipeline;
}
