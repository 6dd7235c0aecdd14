import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipelineYaml } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { pipelineJsonSchemaText } from '../../src/schema';
import { SCHEMA_URL, starterPipeline } from '../../src/starter';

const pkgDir = join(import.meta.dirname, '../..');

describe('the shipped JSON Schema', () => {
  it('is up to date with the zod PipelineSchema (run `pnpm --filter @runner-up/cli build` if not)', () => {
    const shipped = readFileSync(join(pkgDir, 'schema/runner-up.schema.json'), 'utf8');
    expect(shipped).toBe(pipelineJsonSchemaText());
  });

  it('is exported as @runner-up/cli/schema.json and shipped in the package files', () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    expect(pkg.exports['./schema.json']).toBe('./schema/runner-up.schema.json');
    expect(pkg.publishConfig.exports['./schema.json']).toBe('./schema/runner-up.schema.json');
    expect(pkg.files).toContain('schema');
    expect(SCHEMA_URL.endsWith(`${pkg.name}/schema/runner-up.schema.json`)).toBe(true);
  });

  it('describes the file as written: version 1, owner required, defaults optional', () => {
    const schema = JSON.parse(pipelineJsonSchemaText());
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'owner']));
    expect(schema.required).not.toContain('opportunities');
    expect(schema.properties.owner.required).toContain('timezone');
  });

  it('asks a cadence for steps unless it extends another, under `cadences:` and inline', () => {
    const schema = JSON.parse(pipelineJsonSchemaText());
    const written = schema.properties.cadences.additionalProperties;
    const inline = schema.properties.opportunities.items.properties.cadence.anyOf.find(
      (option: { type?: string }) => option.type === 'object',
    );
    for (const cadence of [written, inline]) {
      expect(cadence.properties.extends).toMatchObject({ type: 'string', minLength: 1 });
      expect(cadence.properties.extends.examples).toContain('silver-medalist');
      expect(cadence.required ?? []).not.toContain('steps');
      expect(cadence.anyOf).toEqual([{ required: ['steps'] }, { required: ['extends'] }]);
      // `null` removes what the base has; fields left out keep the base's, so no default.
      expect(cadence.properties.repeat.anyOf).toContainEqual({ type: 'null' });
      expect(cadence.properties.rules.properties.thenCadence.anyOf).toContainEqual({
        type: 'null',
      });
      expect(cadence.properties.rules).not.toHaveProperty('default');
    }
  });
});

describe('the starter file', () => {
  const now = '2026-12-01T15:00:00Z';

  it('validates, in any zone', () => {
    for (const timezone of ['America/Chicago', 'Asia/Tokyo', 'UTC']) {
      const text = starterPipeline({ now, timezone });
      const pipeline = parsePipelineYaml(text, { file: 'runner-up.yaml' });
      expect(pipeline.owner.timezone).toBe(timezone);
      expect(pipeline.opportunities.length).toBeGreaterThan(0);
    }
  });

  it('starts with the yaml-language-server schema line', () => {
    expect(starterPipeline({ now, timezone: 'UTC' }).split('\n')[0]).toBe(
      `# yaml-language-server: $schema=${SCHEMA_URL}`,
    );
  });

  it('sets its dates around now', () => {
    const pipeline = parsePipelineYaml(starterPipeline({ now, timezone: 'UTC' }));
    expect(pipeline.opportunities[0]?.dates.decided).toBe('2026-11-29');
  });
});
