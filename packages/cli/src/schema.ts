import { builtinCadences, PipelineSchema } from '@runner-up/core';

/**
 * The JSON Schema of `runner-up.yaml`, generated from the zod schema as it is written (input
 * side: defaults optional). Draft-07 because yaml-language-server, which editors use for YAML,
 * supports it best. Shipped as `@runner-up/cli/schema.json`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = rewriteObjects(
    PipelineSchema.toJSONSchema({ io: 'input', target: 'draft-7' }),
    (node) => answeredOnlyOut(stepsOrExtends(node)),
  );
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

type SchemaNode = Record<string, unknown>;

/** A copy of `node` with `rewrite` applied to every object in it, innermost first. */
function rewriteObjects<T>(node: T, rewrite: (object: SchemaNode) => SchemaNode): T {
  if (Array.isArray(node)) return node.map((item) => rewriteObjects(item, rewrite)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteObjects(value, rewrite);
  return rewrite(out) as T;
}

/**
 * A cadence as written needs `steps` unless it `extends` another: core resolves `extends:` before
 * its schema runs, so the zod schema alone would mark every extending cadence as incomplete.
 */
function stepsOrExtends(out: SchemaNode): SchemaNode {
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
    out.properties = extendingCadenceProperties(properties);
  }
  return out;
}

/**
 * What `extends:` changes in a cadence's fields: `null` removes an inherited field (or a rule, or
 * an estimate), and `rules` has no default, since the fields not given keep the base's.
 */
function extendingCadenceProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const orNull = (schema: unknown) => ({ anyOf: [schema, { type: 'null' }] });
  const out: Record<string, unknown> = {
    ...properties,
    extends: {
      ...(properties.extends as object),
      description:
        "A cadence to start from: a preset, a plugin's cadence or another under `cadences:`. Fields given here replace its (`rules` and `estimates` key by key); `null` removes one.",
      examples: Object.keys(builtinCadences),
    },
  };
  for (const field of ['description', 'repeat']) {
    if (properties[field] !== undefined) out[field] = orNull(properties[field]);
  }
  const estimates = properties.estimates as Record<string, unknown> | undefined;
  if (estimates !== undefined) {
    out.estimates = orNull({
      ...estimates,
      additionalProperties: orNull(estimates.additionalProperties),
    });
  }
  const rules = properties.rules as Record<string, unknown> | undefined;
  if (rules !== undefined) {
    const { default: _default, ...withoutDefault } = rules;
    const fields = (rules.properties ?? {}) as Record<string, unknown>;
    out.rules = {
      ...withoutDefault,
      properties: Object.fromEntries(
        Object.entries(fields).map(([name, schema]) => [name, orNull(schema)]),
      ),
    };
  }
  return out;
}

/**
 * A touch with `answered: true` must be one of yours (`direction: out`, the default). Core checks
 * this with a refinement, which zod cannot write into JSON Schema, so it is added here as
 * `if`/`then`: on a touch from them, an editor flags `answered: true`, the field core names.
 */
function answeredOnlyOut(out: SchemaNode): SchemaNode {
  const properties = out.properties as Record<string, unknown> | undefined;
  if (properties?.answered && properties.direction) {
    out.if = { properties: { direction: { const: 'in' } }, required: ['direction'] };
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, on a nested schema node that is never awaited.
    out.then = { properties: { answered: { const: false } } };
  }
  return out;
}
