import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsedPresets } from '../../scripts/parse-presets';
import { resolveCadence } from '../../src/engine/resolve-cadence';
import { CadenceSchema } from '../../src/model/pipeline';
import { builtinCadences } from '../../src/presets/cadence-presets';

describe('the built-in cadences shipped parsed', () => {
  it('are exactly what the schema makes of the presets (regenerate: pnpm --filter @runner-up/core presets)', () => {
    const shipped = readFileSync(
      new URL('../../src/presets/builtin-cadences.parsed.json', import.meta.url),
      'utf8',
    );
    expect(shipped).toBe(parsedPresets());
  });

  it('are what resolveCadence returns for every preset', () => {
    for (const [id, preset] of Object.entries(builtinCadences)) {
      expect(resolveCadence(id)).toEqual(CadenceSchema.parse(preset));
    }
  });
});
