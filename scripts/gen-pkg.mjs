// One-off scaffolding helper (kept so new packages get the same shape).
import { mkdirSync, writeFileSync } from 'node:fs';

const [name, dir, description, depsJson = '{}', extra = '{}'] = process.argv.slice(2);
const deps = JSON.parse(depsJson);
const pkg = {
  name,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  repository: {
    type: 'git',
    url: 'git+https://github.com/runner-up/runner-up.git',
    directory: dir,
  },
  homepage: `https://github.com/runner-up/runner-up/tree/main/${dir}#readme`,
  bugs: 'https://github.com/runner-up/runner-up/issues',
  engines: { node: '>=20.19' },
  exports: {
    '.': {
      '@runner-up/source': './src/index.ts',
      types: './dist/index.d.ts',
      default: './dist/index.js',
    },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist'],
  publishConfig: {
    access: 'public',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
  },
  scripts: { build: 'tsup' },
  dependencies: deps,
  ...JSON.parse(extra),
};
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  `${dir}/tsup.config.ts`,
  `import { defineConfig } from 'tsup';\nimport { packageConfig } from '../../tsup.config.base';\n\nexport default defineConfig(packageConfig());\n`,
);
