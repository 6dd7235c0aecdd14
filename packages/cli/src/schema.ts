import { PipelineSchema } from '@runner-up/core';

/**
 * The JSON Schema of `runner-up.yaml`, generated from the zod schema as it is written (input
 * side: defaults optional). Draft-07 because yaml-language-server, which editors use for YAML,
 * supports it best. Shipped as `@runner-up/cli/schema.json`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = PipelineSchema.toJSONSchema({ io: 'input', target: 'draft-7' });
  return {
    ...schema,
    title: 'runner-up.yaml',
    description: 'Opportunities you came second for, and the follow-ups that keep you visible.',
  };
}

/** The schema file's text, as shipped: stable key order, two-space indent, final newline. */
export function pipelineJsonSchemaText(): string {
  return `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`;
}
