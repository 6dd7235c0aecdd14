/**
 * The one check of a plugin object, run where plugins enter the core: by `definePlugin` and by
 * `createRegistry` (so by `parsePipeline`, `lintPipeline` and `plan` too), since a plugin may be a
 * plain object that never went through `definePlugin`.
 *
 * @module
 */

import { extendPluginCadence } from '../engine/extend-cadence';
import { formatPath, RunnerUpError } from '../errors';
import { repeatedStepIds, repeatTooShort } from '../parse/cross-references';
import { rruleProblem } from '../parse/rrule-problem';
import { closest, didYouMean } from '../parse/suggest';
import { getValidators } from '../parse/validated';
import { createErrorMap, draftIssues } from '../parse/zod-issues';
import parsedBuiltins from '../presets/builtin-cadences.parsed.json';
import { noteCadenceProblem } from './cadence-problems';
import type { RunnerUpPlugin } from './define-plugin';

/** A package-like name: `acme`, `acme-markdown`, `@scope/acme`. */
const PLUGIN_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
/** Cadence ids are named in the file's `cadence:`, so they are ids like the file's own. */
const CADENCE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** A template id is written in `{template:<id>}`, which ends at a space or a brace. */
const TEMPLATE_ID = /^[^{}\s]+$/;

/** A JavaScript value as an error message shows it. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

/** A `{…}` without spaces: what a placeholder looks like. */
const BRACED = /\{([^{}\s]*)\}/g;
const NAMED = ['contact.name', 'contact.firstName', 'organization', 'title'];

/** A `{…}`, spaces and all. */
const BRACED_ANY = /\{([^{}]*)\}/g;

/**
 * The first placeholder written with spaces inside its braces (`{ organization }`,
 * `{template: intro}`), which is not one and stays in the text as written: as written, and as it
 * should be. Only names a placeholder could have count: other text in braces is left alone.
 */
export function spacedPlaceholder(text: string): { whole: string; name: string } | undefined {
  for (const [whole, inner] of text.matchAll(BRACED_ANY)) {
    if (!/\s/.test(inner!)) continue;
    const name = inner!.replace(/\s+/g, '');
    if (NAMED.includes(name) || /^dates\.[^.]/.test(name) || /^template:./.test(name)) {
      return { whole, name };
    }
    // `{template: }`: no id at all.
    if (name === 'template:') return { whole, name: 'template:<id>' };
  }
  return undefined;
}

/** The fields of a plugin object. */
const PLUGIN_FIELDS = ['name', 'cadences', 'templates', 'sinks'];

/**
 * Why the first `{…}` in a plugin's text is filled by nothing, or `undefined`. Which dates an
 * opportunity has, and which templates other plugins give, are known only later; a template
 * cannot pull in another (it would stay in the text as written).
 *
 * @param templates - whether `{template:<id>}` is filled here: in a cadence's texts, not in a
 *   template. The flag stays: a template reports whichever comes first of a nested template and
 *   an unknown name, which two separate checks would not.
 */
function unknownPlaceholder(text: string, templates: boolean): string | undefined {
  const spaced = spacedPlaceholder(text);
  if (spaced !== undefined) {
    return `\`${spaced.whole}\` has spaces inside its braces, so it is not a placeholder and would stay in the text as written; write \`{${spaced.name}}\``;
  }
  for (const [whole, name] of text.matchAll(BRACED)) {
    if (NAMED.includes(name!) || /^dates\.[^.]/.test(name!)) continue;
    if (name!.startsWith('template:')) {
      if (name === 'template:') {
        return '`{template:}` names no template, so it would stay in the text as written: write its id, like `{template:acme.intro}`';
      }
      if (templates) continue;
      return `a template cannot pull in another template: \`${whole}\` would stay in the text as written; write that text out here`;
    }
    const match = closest(name!, NAMED);
    return `\`${whole}\` is not a placeholder, so it would stay in the text as written${
      match === undefined
        ? ' (placeholders: `{contact.name}`, `{contact.firstName}`, `{organization}`, `{title}`, `{dates.<key>}`, and in a cadence `{template:<id>}`)'
        : `; did you mean \`{${match}}\`?`
    }`;
  }
  return undefined;
}

/** The texts of cadence steps that placeholders are filled in, each with its path from `steps`. */
export function stepTexts(
  steps: readonly {
    title: string;
    talkingPoints?: readonly string[];
    subject?: string;
    body?: string;
  }[],
): [(string | number)[], string][] {
  const texts: [(string | number)[], string][] = [];
  steps.forEach((step, index) => {
    texts.push([['steps', index, 'title'], step.title]);
    step.talkingPoints?.forEach((point, p) => {
      texts.push([['steps', index, 'talkingPoints', p], point]);
    });
    if (step.subject !== undefined) texts.push([['steps', index, 'subject'], step.subject]);
    if (step.body !== undefined) texts.push([['steps', index, 'body'], step.body]);
  });
  return texts;
}

const TEMPLATE_REFERENCE = /\{template:([^{}\s]*)\}/g;

/**
 * Notes each cadence of `plugin` that names a `{template:<id>}` none of `templates` is, for
 * `assertCadenceUsable`, under `registry` (the registry's map of cadences). Run once all
 * plugins are known, since one plugin's cadence may use another's template.
 */
export function noteUnknownTemplates(
  plugin: RunnerUpPlugin,
  templates: ReadonlyMap<string, string>,
  registry: object,
): void {
  for (const [id, cadence] of Object.entries(plugin.cadences ?? {})) {
    const steps = (cadence as { steps?: Parameters<typeof stepTexts>[0] }).steps ?? [];
    find: for (const [path, text] of stepTexts(steps)) {
      for (const [whole, template] of text.matchAll(TEMPLATE_REFERENCE)) {
        if (templates.has(template!)) continue;
        const field = formatPath(['cadences', id, ...path]);
        noteCadenceProblem(
          registry,
          id,
          new RunnerUpError(
            'invalid_options',
            `[runner-up] plugin \`${plugin.name}\` \`${field}\`: \`${whole}\`: no plugin given contributes a template \`${template}\`, so it would stay in the text as written${didYouMean(template!, templates.keys())}`,
            { path: ['cadences', id, ...path] },
          ),
        );
        break find;
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws `invalid_options` unless `plugin` is a well-formed plugin: a lowercase name, valid
 * cadences under ids a file can name (and not a built-in preset's id), text templates under ids
 * `{template:<id>}` can reach, and sinks with a `sync()` registered under their own `name`.
 *
 * @param where - how the caller refers to the plugin before its name is known, e.g. `plugins[1]`
 */
export function assertValidPlugin(
  plugin: unknown,
  where: string,
): asserts plugin is RunnerUpPlugin {
  if (!isRecord(plugin)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] ${where}: expected a plugin object like { name: 'acme' }, got ${describeValue(plugin)}`,
    );
  }
  const { name } = plugin;
  if (typeof name !== 'string' || !PLUGIN_NAME.test(name)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] ${where} \`name\`: expected a lowercase name like "acme" or "@scope/acme", got ${describeValue(name)}`,
      { path: ['name'] },
    );
  }
  const fail = (path: (string | number)[], message: string): never => {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] plugin \`${name}\` \`${formatPath(path)}\`: ${message}`,
      { path },
    );
  };
  // `template:` for `templates:` would otherwise drop every template without a word.
  for (const key of Object.keys(plugin)) {
    if (PLUGIN_FIELDS.includes(key)) continue;
    const match = closest(key, PLUGIN_FIELDS);
    fail(
      [key],
      `unknown field${match === undefined ? `; a plugin has ${PLUGIN_FIELDS.map((f) => `\`${f}\``).join(', ')}` : `; did you mean \`${match}\`?`}`,
    );
  }
  const section = (key: 'cadences' | 'templates' | 'sinks'): Record<string, unknown> => {
    const value = plugin[key];
    if (value === undefined) return {};
    if (!isRecord(value)) fail([key], `expected an object by id, got ${describeValue(value)}`);
    return value as Record<string, unknown>;
  };

  for (const [id, cadence] of Object.entries(section('cadences'))) {
    if (!CADENCE_ID.test(id)) {
      fail(
        ['cadences', id],
        'expected an id of lowercase letters, digits and dashes like "acme-bench"',
      );
    }
    // A plugin's cadence would silently replace the preset for every opportunity that relies on it.
    if (Object.hasOwn(parsedBuiltins, id)) {
      fail(
        ['cadences', id],
        `\`${id}\` is a built-in cadence; give yours its own id, like "${name.replace(/^@[^/]*\//, '')}-${id}"`,
      );
    }
    const extended = extendPluginCadence(cadence);
    if (extended === undefined) {
      fail(
        ['cadences', id, 'extends'],
        `a plugin's cadence can extend a built-in preset only (${Object.keys(parsedBuiltins).join(', ')}), got ${describeValue((cadence as { extends: unknown }).extends)}`,
      );
    }
    // Plugins are checked on every plan(): the messages and "did you mean"s a file's own
    // cadence gets are worked out only for a cadence that fails.
    const result = getValidators().cadence.safeParse(extended);
    if (!result.success) {
      const knownFields = new WeakMap<object, string[]>();
      const again = getValidators().cadence.safeParse(extended, {
        reportInput: true,
        error: createErrorMap(knownFields),
      });
      const issue = draftIssues(again.error!.issues, { knownFields, yaml: false })[0]!;
      fail(['cadences', id, ...(issue.path as (string | number)[])], issue.message);
    }
    // Held to what a pipeline's own cadences are: unique step ids, a valid rule repeating at most
    // daily, an `every` of a day or more.
    const repeated = repeatedStepIds(result.data!)[0];
    if (repeated !== undefined) {
      fail(['cadences', id, 'steps', repeated.index, 'id'], repeated.message);
    }
    const rule = result.data!.repeat?.rrule;
    const ruleProblem = rule === undefined ? undefined : rruleProblem(rule);
    if (ruleProblem !== undefined) fail(['cadences', id, 'repeat', 'rrule'], ruleProblem);
    const short = repeatTooShort(result.data!);
    if (short !== undefined) fail(['cadences', id, 'repeat', 'every'], short);
    for (const [path, text] of stepTexts(result.data!.steps)) {
      const problem = unknownPlaceholder(text, true);
      if (problem !== undefined) fail(['cadences', id, ...path], problem);
    }
  }
  for (const [id, template] of Object.entries(section('templates'))) {
    if (!TEMPLATE_ID.test(id)) {
      fail(['templates', id], 'expected an id without spaces or braces, used as `{template:<id>}`');
    }
    if (typeof template !== 'string') {
      fail(['templates', id], `expected text, got ${describeValue(template)}`);
    }
    const problem = unknownPlaceholder(template as string, false);
    if (problem !== undefined) fail(['templates', id], problem);
  }
  for (const [id, sink] of Object.entries(section('sinks'))) {
    if (!isRecord(sink)) fail(['sinks', id], `expected a sink object, got ${describeValue(sink)}`);
    const { name: sinkName, sync } = sink as Record<string, unknown>;
    if (sinkName !== id) {
      fail(
        ['sinks', id, 'name'],
        `expected "${id}", the id the sink is registered under, got ${describeValue(sinkName)}`,
      );
    }
    if (typeof sync !== 'function') {
      fail(['sinks', id, 'sync'], `expected a sync() method, got ${describeValue(sync)}`);
    }
  }
}
