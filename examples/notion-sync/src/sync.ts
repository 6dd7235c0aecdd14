/**
 * Plans `runner-up.yaml` and syncs the reminders to a Notion database with `@runner-up/notion`,
 * then prints what changed and which reminders were ticked Done in Notion.
 *
 *   NOTION_TOKEN=ntn_… NOTION_DATABASE_ID=… pnpm start     (a real database shared with your integration)
 *   pnpm emulator                                          (the testkit's emulator, no account)
 *
 * `--dry-run` shows what would change, `--now 2026-12-01T09:00:00Z` fixes the planning moment,
 * `--create-properties` adds the properties the database lacks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  isRunnerUpError,
  parsePipelineYaml,
  plan,
  type SyncProgress,
  type SyncReport,
} from '@runner-up/core';
import { syncNotion } from '@runner-up/notion';

/** Options of {@link syncPipeline}. */
export interface SyncPipelineOptions {
  /** The text of a `runner-up.yaml`. */
  text: string;
  /** The planning moment; `plan()` never reads the clock. */
  now: string;
  /** The integration token. */
  auth: string;
  databaseId: string;
  /** @default 'https://api.notion.com' */
  baseUrl?: string;
  /** @default false */
  dryRun?: boolean;
  /** @default false */
  createMissingProperties?: boolean;
  /**
   * How far ahead to plan.
   * @default 'P1Y'
   */
  horizon?: string;
  /** Called as rows are read and written. */
  onProgress?: (progress: SyncProgress) => void;
}

/** Plans the pipeline and syncs every reminder to the database. */
export async function syncPipeline(options: SyncPipelineOptions): Promise<SyncReport> {
  const pipeline = parsePipelineYaml(options.text, { file: 'runner-up.yaml' });
  const reminders = plan(pipeline, { now: options.now, horizon: options.horizon ?? 'P1Y' });
  return syncNotion(reminders, {
    auth: options.auth,
    databaseId: options.databaseId,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    dryRun: options.dryRun ?? false,
    createMissingProperties: options.createMissingProperties ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** A short human summary of a sync. */
export function formatReport(report: SyncReport): string {
  const lines = [
    `${report.dryRun ? 'Would sync' : 'Synced'} to Notion: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.cancelled} cancelled (${report.requests} requests, ${report.retries} retried).`,
  ];
  for (const done of report.completed) lines.push(`Done in Notion: ${done.key} on ${done.on}`);
  for (const duplicate of report.duplicates) {
    lines.push(`Key on ${duplicate.remoteIds.length} rows (delete the copies): ${duplicate.key}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => argv.includes(name);
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const text = readFileSync(new URL('../runner-up.yaml', import.meta.url), 'utf8');
  const now = value('--now') ?? new Date().toISOString();
  let auth = process.env.NOTION_TOKEN;
  let databaseId = process.env.NOTION_DATABASE_ID;
  let baseUrl = process.env.NOTION_BASE_URL;
  let close: (() => Promise<void>) | undefined;
  if (flag('--emulator')) {
    // Imported only here: the testkit is a dev dependency and never needed against Notion itself.
    const { startNotionEmulator } = await import('@runner-up/testkit');
    const emulator = await startNotionEmulator();
    ({ token: auth, databaseId, url: baseUrl } = emulator);
    close = () => emulator.close();
  }
  if (!auth || !databaseId) {
    process.stderr.write('Set NOTION_TOKEN and NOTION_DATABASE_ID, or pass --emulator.\n');
    return 2;
  }
  try {
    const report = await syncPipeline({
      text,
      now,
      auth,
      databaseId,
      ...(baseUrl ? { baseUrl } : {}),
      dryRun: flag('--dry-run'),
      createMissingProperties: flag('--create-properties'),
      // Progress on stderr only for a person watching; stdout stays the summary.
      ...(process.stderr.isTTY
        ? {
            onProgress: (progress: SyncProgress) =>
              process.stderr.write(
                `\r${progress.phase} ${progress.done}${progress.total === undefined ? '' : `/${progress.total}`}   `,
              ),
          }
        : {}),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${formatReport(report)}\n`);
    return 0;
  } catch (error) {
    if (!isRunnerUpError(error)) throw error;
    process.stderr.write(`\n${error.message}\n`);
    return 1;
  } finally {
    await close?.();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
