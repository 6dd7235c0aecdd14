#!/usr/bin/env node
// `pnpm bench [name...]`: builds the packages, runs each bench/<name>.bench.ts in its own Node process
// (so peak memory is its own), and writes the markdown each prints to stdout into docs/benchmarks.md
// between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

if (!process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync('pnpm', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let doc = readFileSync('docs/benchmarks.md', 'utf8');
let failed = 0;
for (const name of benches) {
  console.error(`▶ bench ${name}`);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', `bench/${name}.bench.ts`],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) {
    failed += 1;
    console.error(`✗ bench ${name} exited ${child.status}`);
    continue;
  }
  const section = child.stdout.trim();
  console.log(section, '\n');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${section}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  doc =
    from >= 0 && to > from
      ? doc.slice(0, from) + block + doc.slice(to + end.length)
      : `${doc.trimEnd()}\n\n${block}\n`;
}
writeFileSync('docs/benchmarks.md', doc);
process.exit(failed === 0 ? 0 : 1);
