import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.config.base';

export default defineConfig([
  // The library (`run`, the safe file editing): an ordinary package importing its dependencies.
  packageConfig({
    entry: ['src/index.ts'],
    // The command uses node: built-ins; the shared `neutral` platform does not resolve them.
    platform: 'node',
    // The build script empties dist/ once; the two builds run side by side.
    clean: false,
  }),
  // The `runner-up` command: one bundle of everything it runs (core, the plugins, zod, yaml,
  // rrule, commander), so a cold start reads a few files instead of hundreds of modules, unused
  // code (zod's locales) is left out, and core exists once even when a plugin loads. Split into
  // chunks loaded per command: `agenda` never loads a plugin, nor, when its file is in the parse
  // cache, the YAML parser. dist/metafile-esm.json records which sources each chunk holds.
  // Identifiers keep their names, so `--debug` stack traces stay readable without source maps
  // (which, holding every dependency's sources, would triple the package).
  packageConfig({
    entry: { bin: 'src/bin.ts' },
    platform: 'node',
    clean: false,
    dts: false,
    sourcemap: false,
    splitting: true,
    noExternal: [/./],
    metafile: true,
    minifyWhitespace: true,
    minifySyntax: true,
    // CommonJS dependencies (commander) require() Node built-ins: ESM needs a real `require`.
    banner: {
      js: "import { createRequire as __runnerUpCreateRequire } from 'node:module';\nconst require = __runnerUpCreateRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      // Bundle our packages from their sources (as the tests run them), rrule from its ES modules.
      options.conditions = ['@runner-up/source', 'module', 'import'];
      options.mainFields = ['module', 'main'];
    },
  }),
]);
