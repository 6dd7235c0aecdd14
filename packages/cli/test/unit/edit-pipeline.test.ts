import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editPipelineFile } from '../../src/file/pipeline-file';
import { commentedFile } from '../setup/project';

const copy = commentedFile;

describe('editPipelineFile', () => {
  it('writes nothing when the edit would leave an invalid pipeline', async () => {
    const file = copy();
    const before = readFileSync(file, 'utf8');
    await expect(
      editPipelineFile(file, ({ doc }) => {
        doc.setIn(['owner', 'timezone'], 'Mars/Olympus_Mons');
        return { changed: true };
      }),
    ).rejects.toMatchObject({ code: 'invalid_pipeline' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes nothing when the edit reports no change', async () => {
    const file = copy();
    const before = readFileSync(file, 'utf8');
    await editPipelineFile(file, ({ doc }) => {
      doc.setIn(['owner', 'name'], 'Someone Else');
      return { changed: false };
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('hands the edit the validated pipeline read inside the lock', async () => {
    const file = copy();
    const ids = await editPipelineFile(file, (_doc, pipeline) => ({
      changed: false,
      ids: pipeline.opportunities.map((o) => o.id),
    }));
    expect(ids.ids).toEqual(['acme-telecom-pm', 'northwind-ops']);
  });
});
