#!/usr/bin/env node
// The project's whole test run: lint, typecheck, unit tests (core under three host time zones),
// build, package shape, and smoke tests of the built packages in plain Node.
// Ends with one plain line `N passed, N failed` that counts every test and check it ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = '.tmp/test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const child = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return child.status === 0;
}

/** A check that counts as one test. */
function check(label, command, args, env) {
  if (run(label, command, args, env)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/** A vitest run whose individual tests are counted from its JSON report. */
function vitest(label, args, env) {
  const file = `${results}/${label.replace(/\W+/g, '-')}.json`;
  const ok = run(
    label,
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...args,
    ],
    env,
  );
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!ok && report.numFailedTests === 0) {
      failed += 1; // a suite that failed to load counts as a failure
      failures.push(`${label} (suite error)`);
    } else if (report.numFailedTests > 0) failures.push(label);
  } catch {
    failed += 1;
    failures.push(`${label} (no report)`);
  }
}

check('lint (biome)', 'pnpm', ['lint']);
check('typecheck (tsc)', 'pnpm', ['typecheck']);
vitest('unit tests, TZ=UTC', [], { TZ: 'UTC' });
vitest('core tests, TZ=Asia/Tokyo', ['packages/core'], { TZ: 'Asia/Tokyo' });
vitest('core tests, TZ=America/Los_Angeles', ['packages/core'], { TZ: 'America/Los_Angeles' });
check('build', 'pnpm', ['build']);
const shape = spawnSync('node', ['scripts/check-package-shape.mjs', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const shapeResult = JSON.parse(shape.stdout.toString());
  passed += shapeResult.passed;
  failed += shapeResult.failed;
  failures.push(...shapeResult.failures);
} catch {
  failed += 1;
  failures.push('package shape (no result)');
}
// The example plugin as a project that copies it compiles it: Node ESM (nodenext), strict,
// against the built @runner-up/core.
check('example plugin compiles under nodenext (tsc)', 'pnpm', [
  'exec',
  'tsc',
  '-p',
  'examples/custom-plugin/tsconfig.json',
]);
// The testkit's contract files, as docs/plugins.md tells plugin authors to copy them.
check('copied sink contract compiles under nodenext (tsc)', 'pnpm', [
  'exec',
  'tsc',
  '-p',
  'packages/testkit/tsconfig.copied.json',
]);
check('smoke test of built packages (plain Node)', 'node', ['scripts/smoke.mjs']);

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
