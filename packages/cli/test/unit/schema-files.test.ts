// The editor schema against the files we ship: what core accepts, an editor must not flag.
// Validated with Ajv (draft-07), as yaml-language-server and other editors validate.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipelineYaml } from '@runner-up/core';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineJsonSchema } from '../../src/schema';
import { starterPipeline } from '../../src/starter';
import { STARTER_AUDIENCES } from '../../src/starter-audiences';

const root = join(import.meta.dirname, '../../../..');
const validate = new Ajv({ allErrors: true, strict: false }).compile(pipelineJsonSchema());

/** YAML as core reads it: the 1.2 core schema, so dates stay text. */
const read = (text: string): unknown => parse(text, { version: '1.2', schema: 'core' });

function problems(text: string): string[] {
  if (validate(read(text))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

const shipped = readdirSync(join(root, 'examples')).flatMap((example) =>
  readdirSync(join(root, 'examples', example))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `examples/${example}/${name}`),
);

describe('the editor schema accepts what core accepts', () => {
  it.each(shipped)('%s', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    parsePipelineYaml(text, { file });
    expect(problems(text)).toEqual([]);
  });

  it.each(STARTER_AUDIENCES)('the %s starter', (audience) => {
    const text = starterPipeline({ now: '2026-12-01T15:00:00Z', timezone: 'UTC', for: audience });
    parsePipelineYaml(text);
    expect(problems(text)).toEqual([]);
  });

  it('cadences that extend others, with null removing what they inherit', () => {
    const text = `version: 1
owner: { name: Sam, timezone: Europe/London }
cadences:
  patient: { extends: runner-up, rules: { maxUnanswered: 2 } }
  warm:
    extends: silver-medalist
    rules: { maxUnanswered: 2, thenCadence: null }
  once: { extends: runner-up, repeat: null, estimates: { winnerStarts: null } }
opportunities:
  - id: acme-pm
    organization: Acme
    title: PM
    dates: { decided: 2026-11-02 }
    cadence: { extends: quarterly, rules: { stopOn: [won] } }
`;
    parsePipelineYaml(text);
    expect(problems(text)).toEqual([]);
  });
});

describe('the editor schema flags what core refuses', () => {
  const head = 'version: 1\nowner: { name: Sam, timezone: UTC }\n';

  it('a cadence with neither steps nor extends', () => {
    const text = `${head}cadences:\n  c: { description: nothing yet }\n`;
    expect(() => parsePipelineYaml(text)).toThrow(/missing required field `steps`/);
    expect(problems(text).join('\n')).toContain("must have required property 'steps'");
  });

  it('`answered: true` on a touch from them (`direction: in`), and only there', () => {
    const touch = (fields: string) =>
      `${head}opportunities:\n  - id: a\n    organization: Acme\n    title: PM\n    dates: { decided: 2026-11-02 }\n    touchpoints:\n      - { on: 2026-11-20, channel: call, ${fields} }\n`;
    const refused = touch('direction: in, answered: true');
    expect(() => parsePipelineYaml(refused)).toThrow(/answered: true` is for a touch of yours/);
    expect(problems(refused)).toContain(
      '/opportunities/0/touchpoints/0/answered must be equal to constant',
    );
    for (const fields of [
      'answered: true',
      'direction: out, answered: true',
      'direction: in, answered: false',
    ]) {
      parsePipelineYaml(touch(fields));
      expect(problems(touch(fields))).toEqual([]);
    }
  });

  it('a misspelled field in an extending cadence', () => {
    const text = `${head}cadences:\n  c: { extends: runner-up, rulez: { maxUnanswered: 2 } }\n`;
    expect(() => parsePipelineYaml(text)).toThrow(/rulez/);
    expect(problems(text).join('\n')).toContain('must NOT have additional properties');
  });
});
