import { PipelineSchema } from '@runner-up/core';

/**
 * The JSON Schema of `runner-up.yaml`, generated from the zod schema as it is written (input
 * side: defaults optional). Draft-07 because yaml-language-server, which editors use for YAML,
 * supports it best. Shipped as `@runner-up/cli/schema.json`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = stepsOrExtends(PipelineSchema.toJSONSchema({ io: 'input', target: 'draft-7' }));
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

/**
 * A cadence as written needs `steps` unless it `extends` another: core resolves `extends:` before
 * its schema runs, so the zod schema alone would mark every extending cadence as incomplete.
 */
function stepsOrExtends<T>(node: T): T {
  if (Array.isArray(node)) return node.map(stepsOrExtends) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = stepsOrExtends(value);
  const properties = out.properties as Record<string, unknown> | undefined;
  const required = out.required;
  if (
    properties?.extends &&
    properties.steps &&
    Array.isArray(required) &&
    required.includes('steps')
  ) {
    const rest = required.filter((name) => name !== 'steps');
    if (rest.length > 0) out.required = rest;
    else delete out.required;
    out.anyOf = [{ required: ['steps'] }, { required: ['extends'] }];
  }
  return out as T;
}
