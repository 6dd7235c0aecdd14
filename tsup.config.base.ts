import type { Options } from 'tsup';

/**
 * The one build every published package shares: ESM only, bundled `.d.ts`,
 * Node 20 syntax. Packages pass extra entries (the CLI's `bin`) and nothing else.
 */
export function packageConfig(overrides: Partial<Options> = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    dts: { compilerOptions: { customConditions: [] } },
    tsconfig: '../../tsconfig.build.json',
    clean: true,
    sourcemap: true,
    splitting: false,
    treeshake: false,
    outDir: 'dist',
    ...overrides,
  };
}
