/**
 * The YAML parser, behind a dynamic import: a cold `runner-up agenda` whose file is in the parse
 * cache never loads it.
 *
 * @module
 */

export { createYamlLocator, parsePipelineYaml } from '@runner-up/core';
