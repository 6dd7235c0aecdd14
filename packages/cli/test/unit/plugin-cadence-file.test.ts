import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/file/load-pipeline';
import { editPipelineFile, findOpportunity } from '../../src/file/pipeline-file';
import { scratchDir } from '../setup/run-cli';

const acme = definePlugin({
  name: 'acme',
  cadences: {
    'acme-bench': { steps: [{ id: 'hello', from: 'decided', after: 'P1W', title: 'Say hello' }] },
  },
});

const TEXT = `version: 1
owner:
  name: Lynne Park
  timezone: America/Chicago
opportunities:
  - id: acme-pm
    organization: Acme Telecom
    title: Program Manager
    cadence: acme-bench
    dates:
      decided: 2026-11-20
    contacts:
      - name: Dana Lee
`;

function write(): { file: string; env: NodeJS.ProcessEnv } {
  const dir = scratchDir();
  const file = join(dir, 'runner-up.yaml');
  writeFileSync(file, TEXT);
  return { file, env: { RUNNER_UP_CACHE_DIR: join(dir, 'cache') } };
}

describe("a file naming a plugin's cadence, through the CLI's library functions", () => {
  it('loadPipeline reads it with the plugin passed in', async () => {
    const { file, env } = write();
    const pipeline = await loadPipeline(file, { plugins: [acme], env });
    expect(pipeline.opportunities[0]!.cadence).toBe('acme-bench');
  });

  it('without the plugin, unknown_cadence says the plugin must be passed in', async () => {
    const { file, env } = write();
    await expect(loadPipeline(file, { env })).rejects.toMatchObject({
      code: 'unknown_cadence',
      message: expect.stringContaining(
        "a plugin's cadence is known only where its plugin is passed in `plugins`",
      ),
    });
  });

  it('editPipelineFile records a touchpoint in it with the plugin passed in', async () => {
    const { file, env } = write();
    await editPipelineFile(
      file,
      (editor, pipeline) => {
        const { node } = findOpportunity(editor.doc, pipeline, 'acme-pm', file);
        editor.appendToList(node, 'touchpoints', {
          on: '2026-11-27',
          channel: 'email',
          reminder: 'acme-pm/hello/1',
        });
        return { changed: true };
      },
      { plugins: [acme], env },
    );
    expect(readFileSync(file, 'utf8')).toContain('reminder: acme-pm/hello/1');
    // Written without a cache entry: a later read without the plugin still reports the cadence.
    await expect(loadPipeline(file, { env })).rejects.toMatchObject({ code: 'unknown_cadence' });
  });
});
