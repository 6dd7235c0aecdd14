import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipelineYaml } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { parsePipelineCached } from '../../src/file/parse-cache';
import { scratchDir } from '../setup/run-cli';

const TEXT = readFileSync(join(import.meta.dirname, '../fixtures/commented.yaml'), 'utf8');

function setup() {
  const dir = scratchDir();
  const cache = join(dir, 'cache');
  return { file: join(dir, 'runner-up.yaml'), cache, env: { RUNNER_UP_CACHE_DIR: cache } };
}

const entryOf = (cache: string) => join(cache, readdirSync(cache)[0]!);

describe('parsePipelineCached', () => {
  it('returns what parsePipelineYaml returns, and keeps one private entry per file', async () => {
    const { file, cache, env } = setup();
    const pipeline = await parsePipelineCached(TEXT, file, env);
    expect(pipeline).toEqual(parsePipelineYaml(TEXT, { file }));
    expect(readdirSync(cache)).toHaveLength(1);
    expect(statSync(entryOf(cache)).mode & 0o777).toBe(0o600);
    await parsePipelineCached(TEXT.replace('Lynne', 'Lynn'), file, env);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('serves the same text from the cache, and parses again when the text changes', async () => {
    const { file, cache, env } = setup();
    await parsePipelineCached(TEXT, file, env);
    // Mark the cached copy: if it comes back, the parse was skipped.
    const entry = JSON.parse(readFileSync(entryOf(cache), 'utf8'));
    entry.pipeline.owner.name = 'From the cache';
    writeFileSync(entryOf(cache), JSON.stringify(entry));
    expect((await parsePipelineCached(TEXT, file, env)).owner.name).toBe('From the cache');
    // A change that keeps the length: the cache is keyed by the text, not by its size.
    const changed = TEXT.replace('name: Lynne', 'name: Lynna');
    expect(changed.length).toBe(TEXT.length);
    expect((await parsePipelineCached(changed, file, env)).owner.name).toBe('Lynna');
  });

  it('never caches an invalid file, so its errors are always reported', async () => {
    const { file, cache, env } = setup();
    const broken = TEXT.replace('decided: 2026-11-02', 'decided: soon');
    await expect(parsePipelineCached(broken, file, env)).rejects.toMatchObject({
      code: 'invalid_pipeline',
    });
    await expect(parsePipelineCached(broken, file, env)).rejects.toMatchObject({
      code: 'invalid_pipeline',
    });
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('parses when the entry is corrupt', async () => {
    const { file, cache, env } = setup();
    await parsePipelineCached(TEXT, file, env);
    writeFileSync(entryOf(cache), '{"key": tru');
    expect((await parsePipelineCached(TEXT, file, env)).owner.name).toBe('Lynne');
  });

  it('is off with RUNNER_UP_CACHE=0, and a cache dir that cannot be written only costs speed', async () => {
    const { file, cache } = setup();
    await parsePipelineCached(TEXT, file, { RUNNER_UP_CACHE: '0', RUNNER_UP_CACHE_DIR: cache });
    expect(existsSync(cache)).toBe(false);
    writeFileSync(cache, 'a file where the directory should be');
    const pipeline = await parsePipelineCached(TEXT, file, { RUNNER_UP_CACHE_DIR: cache });
    expect(pipeline.owner.name).toBe('Lynne');
  });
});
