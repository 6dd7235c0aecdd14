import { extendPluginCadence } from '../engine/extend-cadence';
import { RunnerUpError } from '../errors';
import type { CadenceInput, ExtendingCadenceInput } from '../model/pipeline';
import type { Sink } from './sink';
import { assertValidPlugin, noteUnknownTemplates } from './validate-plugin';

/** A plugin: cadences, talking-point templates and sinks under one name. */
export interface RunnerUpPlugin {
  /** Unique among the plugins you register, e.g. `ical` or `acme-markdown`. */
  name: string;
  /**
   * Cadence presets, by id. Opportunities name them in `cadence:`. One may `extends:` a built-in
   * preset and give only what differs.
   */
  cadences?: Record<string, CadenceInput | ExtendingCadenceInput>;
  /**
   * Talking-point templates, by id. A step uses one with a talking point of the form
   * `{template:<id>}`; the template's text is rendered with the same placeholders.
   */
  templates?: Record<string, string>;
  /** Sinks, by name. */
  sinks?: Record<string, Sink>;
}

/**
 * Declares a plugin. Validates it eagerly, so a mistake surfaces where the plugin is defined: a
 * lowercase `name`, valid cadences under ids that are not a built-in preset's, text templates,
 * and sinks with a `sync()` registered under their own `name`. Throws `invalid_options` naming the
 * plugin and the field.
 *
 * @example
 * export const markdownPlugin = (options: MarkdownOptions) =>
 *   definePlugin({ name: 'markdown', sinks: { markdown: markdownSink(options) } })
 */
export function definePlugin<const P extends RunnerUpPlugin>(plugin: P): P {
  assertValidPlugin(plugin, 'definePlugin');
  return plugin;
}

/** The plugins in use, merged; built with {@link createRegistry}. */
export interface PluginRegistry {
  /** The plugins registered, in the order given. */
  plugins: readonly RunnerUpPlugin[];
  /** Every plugin's cadences by id, each with its `extends:` resolved. */
  cadences: ReadonlyMap<string, CadenceInput>;
  /** Every plugin's talking-point templates, by id. */
  templates: ReadonlyMap<string, string>;
  /** Every plugin's sinks, by name. */
  sinks: ReadonlyMap<string, Sink>;
}

/**
 * Registers plugins by value. Each is checked as {@link definePlugin} checks it (plain objects
 * are accepted too), then two plugins with one name, or two contributions with one id, are
 * rejected with a `duplicate_plugin` error naming both. A plugin cadence whose `{template:<id>}`
 * no plugin given contributes is refused with `invalid_options` (naming the plugin and the text)
 * where it is used: by `plan`, `lintPipeline` and `resolveCadence`.
 */
export function createRegistry(plugins: readonly RunnerUpPlugin[] = []): PluginRegistry {
  const names = new Set<string>();
  const cadences = new Map<string, CadenceInput>();
  const templates = new Map<string, string>();
  const sinks = new Map<string, Sink>();
  const owners = new Map<string, string>();
  const add = <T>(kind: string, map: Map<string, T>, id: string, value: T, plugin: string) => {
    const owner = owners.get(`${kind}:${id}`);
    if (owner !== undefined) {
      throw new RunnerUpError(
        'duplicate_plugin',
        `[runner-up] ${kind} \`${id}\` is contributed by both plugin "${owner}" and plugin "${plugin}"`,
      );
    }
    owners.set(`${kind}:${id}`, plugin);
    map.set(id, value);
  };
  if (!Array.isArray(plugins)) {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] `plugins`: expected an array of plugins like [acmePlugin()]',
      { path: ['plugins'] },
    );
  }
  for (const [index, plugin] of plugins.entries()) {
    assertValidPlugin(plugin, `plugins[${index}]`);
    if (names.has(plugin.name)) {
      throw new RunnerUpError(
        'duplicate_plugin',
        `[runner-up] plugin "${plugin.name}" is registered twice`,
      );
    }
    names.add(plugin.name);
    // Stored with its `extends:` resolved (checked above), so a file can build on it in turn.
    for (const [id, c] of Object.entries(plugin.cadences ?? {}))
      add('cadence', cadences, id, extendPluginCadence(c) as CadenceInput, plugin.name);
    for (const [id, t] of Object.entries(plugin.templates ?? {}))
      add('template', templates, id, t, plugin.name);
    for (const [id, s] of Object.entries(plugin.sinks ?? {}))
      add('sink', sinks, id, s, plugin.name);
  }
  // One plugin's cadence may use another's template: checked once all are known, and told when
  // the cadence is used.
  for (const plugin of plugins) noteUnknownTemplates(plugin, templates, cadences);
  return { plugins, cadences, templates, sinks };
}
