#!/usr/bin/env node
// Packs every public package the way `pnpm publish` would (publishConfig applied), then runs
// publint --strict and arethetypeswrong on the tarball, and compiles each package's types in a
// project without @types/node. Each package and tool is one check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const json = process.argv.includes('--json');
const log = (...args) => (json ? console.error(...args) : console.log(...args));
const out = resolve('.tmp/pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Packages whose types need @types/node because a dependency's do: the official Notion client
 * imports `node:http` in its declarations. Every other package's types compile for a browser or
 * edge project (lib `es2022` and `dom`, no `types`).
 */
const NEEDS_NODE_TYPES = new Map([
  ['@runner-up/notion', "@notionhq/client's types import node:http"],
]);

let passed = 0;
let failed = 0;
const failures = [];
const exec = (cmd, args, cwd) => {
  const child = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: child.status === 0, output: `${child.stdout}${child.stderr}` };
};

for (const dir of readdirSync('packages')) {
  const pkgDir = join('packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const packed = exec('pnpm', ['pack', '--pack-destination', out], pkgDir);
  const tarball = readdirSync(out).find((f) =>
    f.startsWith(`${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}`),
  );
  if (!packed.ok || !tarball) {
    failed += 1;
    failures.push(`${pkg.name}: pack`);
    log(packed.output);
    continue;
  }
  const tgz = join(out, tarball);
  for (const [tool, cmd, args] of [
    ['publint', 'pnpm', ['exec', 'publint', '--strict', tgz]],
    ['attw', 'pnpm', ['exec', 'attw', '--profile', 'esm-only', '--format', 'ascii', tgz]],
  ]) {
    const result = exec(cmd, args, process.cwd());
    log(`${result.ok ? '✓' : '✗'} ${pkg.name} ${tool}`);
    if (!result.ok || /error|warning/i.test(tool === 'publint' ? result.output : '')) {
      log(result.output);
      failed += 1;
      failures.push(`${pkg.name}: ${tool}`);
    } else passed += 1;
  }
  if (NEEDS_NODE_TYPES.has(pkg.name)) {
    log(`- ${pkg.name} types without @types/node: skipped (${NEEDS_NODE_TYPES.get(pkg.name)})`);
    continue;
  }
  const tsconfig = join(out, `tsconfig.${dir}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        types: [],
        lib: ['es2022', 'dom'],
      },
      files: [resolve(pkgDir, 'dist/index.d.ts')],
    }),
  );
  const types = exec('pnpm', ['exec', 'tsc', '-p', tsconfig], process.cwd());
  log(`${types.ok ? '✓' : '✗'} ${pkg.name} types without @types/node`);
  if (types.ok) passed += 1;
  else {
    log(types.output);
    failed += 1;
    failures.push(`${pkg.name}: types without @types/node`);
  }
}
if (json) console.log(JSON.stringify({ passed, failed, failures }));
else {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
