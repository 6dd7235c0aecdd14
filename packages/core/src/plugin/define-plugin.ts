import { RunnerUpError } from '../errors';
import type { CadenceInput } from '../model/pipeline';
import { getValidators } from '../parse/validated';
import type { Sink } from './sink';

/** A plugin: cadences, talking-point templates and sinks under one name. */
export interface RunnerUpPlugin {
  /** Unique among the plugins you register, e.g. `ical` or `acme-markdown`. */
  name: string;
  /** Cadence presets, by id. Opportunities name them in `cadence:`. */
  cadences?: Record<string, CadenceInput>;
  /**
   * Talking-point templates, by id. A step uses one with a talking point of the form
   * `{template:<id>}`; the template's text is rendered with the same placeholders.
   */
  templates?: Record<string, string>;
  /** Sinks, by name. */
  sinks?: Record<string, Sink>;
}

/**
 * Declares a plugin. Validates it eagerly, so a mistake surfaces where the plugin is defined.
 *
 * @example
 * export const markdownPlugin = (options: MarkdownOptions) =>
 *   definePlugin({ name: 'markdown', sinks: { markdown: markdownSink(options) } })
 */
export function definePlugin<const P extends RunnerUpPlugin>(plugin: P): P {
  if (typeof plugin !== 'object' || plugin === null) {
    throw new RunnerUpError('invalid_options', 'definePlugin expects an object');
  }
  if (typeof plugin.name !== 'string' || !/^[a-z0-9@][a-z0-9@/._-]*$/.test(plugin.name)) {
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] plugin \`name\` must be a lowercase name like "my-plugin", got ${JSON.stringify(plugin.name)}`,
      { path: ['name'] },
    );
  }
  for (const [id, cadence] of Object.entries(plugin.cadences ?? {})) {
    const result = getValidators().cadence.safeParse(cadence);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] [${plugin.name}] cadence \`${id}\` is invalid: ${issue.message}`,
        { path: ['cadences', id, ...(issue.path as (string | number)[])] },
      );
    }
  }
  for (const [name, sink] of Object.entries(plugin.sinks ?? {})) {
    if (typeof sink?.sync !== 'function') {
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] [${plugin.name}] sink \`${name}\` has no sync() method`,
        { path: ['sinks', name] },
      );
    }
  }
  return plugin;
}

/** The plugins in use, merged; built with {@link createRegistry}. */
export interface PluginRegistry {
  plugins: readonly RunnerUpPlugin[];
  cadences: ReadonlyMap<string, CadenceInput>;
  templates: ReadonlyMap<string, string>;
  sinks: ReadonlyMap<string, Sink>;
}

/**
 * Registers plugins by value. Two plugins with one name, or two contributions with one id,
 * are rejected with a `duplicate_plugin` error naming both.
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
  for (const plugin of plugins) {
    if (names.has(plugin.name)) {
      throw new RunnerUpError(
        'duplicate_plugin',
        `[runner-up] plugin "${plugin.name}" is registered twice`,
      );
    }
    names.add(plugin.name);
    for (const [id, c] of Object.entries(plugin.cadences ?? {}))
      add('cadence', cadences, id, c, plugin.name);
    for (const [id, t] of Object.entries(plugin.templates ?? {}))
      add('template', templates, id, t, plugin.name);
    for (const [id, s] of Object.entries(plugin.sinks ?? {}))
      add('sink', sinks, id, s, plugin.name);
  }
  return { plugins, cadences, templates, sinks };
}
