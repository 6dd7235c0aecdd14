import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withFileLock } from '../../src/file/file-lock';

const root = resolve(import.meta.dirname, '../../../..');
/** The packages the built binary is made of. */
const PACKAGES = ['core', 'ical', 'notion', 'airtable', 'cli'];
/** The built command the end-to-end tests run. */
export const BIN = join(root, 'packages/cli/dist/bin.js');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale(): boolean {
  let oldestBuild = Number.POSITIVE_INFINITY;
  let newestSource = 0;
  for (const name of PACKAGES) {
    const dir = join(root, 'packages', name);
    const built = join(dir, 'dist/index.js');
    if (!existsSync(built)) return true;
    oldestBuild = Math.min(oldestBuild, statSync(built).mtimeMs);
    newestSource = Math.max(
      newestSource,
      newestMtime(join(dir, 'src')),
      newestMtime(join(dir, 'package.json')),
    );
  }
  if (!existsSync(BIN)) return true;
  return newestSource > oldestBuild;
}

/**
 * Builds the CLI and the packages it depends on when `dist` is missing or older than a source
 * file, so end-to-end tests run what users run. Test files run in parallel workers: a lock
 * makes one of them build while the others wait. This plays the part of a vitest globalSetup
 * without adding one to the root config, where every package's test run would pay for it.
 */
export async function ensureBuilt(): Promise<void> {
  // For a quick loop against a dist you just built: RUNNER_UP_E2E_SKIP_BUILD=1.
  if (process.env.RUNNER_UP_E2E_SKIP_BUILD === '1' && existsSync(BIN)) return;
  if (!isStale()) return;
  await withFileLock(
    join(root, 'packages/cli/.e2e-build'),
    async () => {
      if (!isStale()) return;
      const build = spawnSync('pnpm', ['--filter', '@runner-up/cli...', 'build'], {
        cwd: root,
        encoding: 'utf8',
      });
      if (build.status !== 0) {
        throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
      }
    },
    { timeoutMs: 600_000, staleMs: 600_000 },
  );
}
