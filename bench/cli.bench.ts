// Cold start of `runner-up agenda` on a 200-opportunity file, against a bare `node -e ""` run in the
// same session (the floor every Node CLI pays). Medians over RUNS runs each, interleaved so drift on
// a shared machine hits both alike. Markdown on stdout, progress on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 21;
const OPPORTUNITIES = 200;
const TARGET_MS = 300;
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));

function pipelineYaml(count: number): string {
  const lines = [
    'version: 1',
    'owner: { name: Bench, timezone: America/Chicago, holidays: [2026-12-25, 2027-01-01] }',
    'opportunities:',
  ];
  for (let i = 0; i < count; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 11) + 1).padStart(2, '0');
    lines.push(
      `  - id: opp-${i}`,
      `    organization: Organization ${i}`,
      `    title: Role ${i}`,
      `    dates: { decided: 2026-${month}-${day}, winnerStarts: null }`,
      `    contacts: [{ name: Contact ${i}, role: hiring-manager, email: c${i}@example.com }]`,
      `    cadence: ${['runner-up', 'quarterly', 'relocated'][i % 3]}`,
      `    touchpoints: [{ on: 2026-${month}-${day}, channel: email, direction: out }]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function time(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0)
    throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'runner-up-bench-cli-'));
try {
  writeFileSync(join(dir, 'runner-up.yaml'), pipelineYaml(OPPORTUNITIES));
  const agendaArgs = [bin, 'agenda', '--now', '2026-12-01T15:00:00Z', '--no-color'];
  const cached = { ...process.env, RUNNER_UP_CACHE_DIR: join(dir, 'cache') };
  const uncached = { ...process.env, RUNNER_UP_CACHE: '0' };
  // Warm the OS file cache (and the parse cache) once, so the first run is not an outlier.
  time(agendaArgs, dir, cached);
  time(agendaArgs, dir, uncached);
  time(['-e', ''], dir);
  const node: number[] = [];
  const agenda: number[] = [];
  const agendaUncached: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    node.push(time(['-e', ''], dir));
    agenda.push(time(agendaArgs, dir, cached));
    agendaUncached.push(time(agendaArgs, dir, uncached));
    process.stderr.write(`\r  run ${run + 1}/${RUNS}`);
  }
  process.stderr.write('\n');
  const nodeMs = median(node);
  const agendaMs = median(agenda);
  const row = (label: string, values: number[]) =>
    `| ${label} | ${median(values).toFixed(0)} ms | ${Math.min(...values).toFixed(0)} ms | ${Math.max(...values).toFixed(0)} ms | ${(median(values) / nodeMs).toFixed(1)}× |`;
  const verdict = agendaMs < TARGET_MS ? 'meets' : 'misses';
  console.log(
    [
      `Cold start of \`runner-up agenda\` on a ${OPPORTUNITIES}-opportunity file (${(pipelineYaml(OPPORTUNITIES).length / 1024).toFixed(0)} KB; a new process each run, built package, Node ${process.version}), median of ${RUNS} interleaved runs:`,
      '',
      '| command | median | min | max | vs `node -e ""` |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('`node -e ""` (baseline)', node),
      row('`runner-up agenda` (file unchanged since the last run: parse cache hit)', agenda),
      row(
        '`runner-up agenda` with `RUNNER_UP_CACHE=0` (YAML parsed and validated)',
        agendaUncached,
      ),
      '',
      `With the cache, \`runner-up agenda\` costs ${(agendaMs - nodeMs).toFixed(0)} ms over bare Node; its median ${verdict} the ${TARGET_MS} ms target on this machine. Plugins (Notion, Airtable, iCalendar) are imported only by the commands that use them.`,
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
