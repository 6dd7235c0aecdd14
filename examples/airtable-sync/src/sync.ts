/**
 * Plans `runner-up.yaml` and syncs the reminders to an Airtable table with `@runner-up/airtable`,
 * then prints what changed and which reminders were ticked Done in Airtable.
 *
 *   AIRTABLE_TOKEN=pat… AIRTABLE_BASE_ID=app… pnpm start          (a real base; table "Reminders")
 *   pnpm emulator                                                   (the testkit's emulator, no account)
 *
 * `--dry-run` shows what would change, `--now 2026-12-01T09:00:00Z` fixes the planning moment.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { syncAirtable } from '@runner-up/airtable';
import {
  isRunnerUpError,
  parsePipelineYaml,
  plan,
  type SyncProgress,
  type SyncReport,
} from '@runner-up/core';

/** Options of {@link syncPipeline}. */
export interface SyncPipelineOptions {
  /** The text of a `runner-up.yaml`. */
  text: string;
  /** The planning moment; `plan()` never reads the clock. */
  now: string;
  token: string;
  baseId: string;
  /** @default 'Reminders' */
  table?: string;
  /** @default 'https://api.airtable.com' */
  endpointUrl?: string;
  /** @default false */
  dryRun?: boolean;
  /**
   * How far ahead to plan.
   * @default 'P1Y'
   */
  horizon?: string;
  /** Called as records are read and written. */
  onProgress?: (progress: SyncProgress) => void;
}

/** Plans the pipeline and syncs every reminder to the table. */
export async function syncPipeline(options: SyncPipelineOptions): Promise<SyncReport> {
  const pipeline = parsePipelineYaml(options.text, { file: 'runner-up.yaml' });
  const reminders = plan(pipeline, { now: options.now, horizon: options.horizon ?? 'P1Y' });
  return syncAirtable(reminders, {
    token: options.token,
    baseId: options.baseId,
    table: options.table ?? 'Reminders',
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    dryRun: options.dryRun ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** A short human summary of a sync. */
export function formatReport(report: SyncReport): string {
  const lines = [
    `${report.dryRun ? 'Would sync' : 'Synced'} to Airtable: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.cancelled} cancelled (${report.requests} requests).`,
  ];
  for (const done of report.completed) lines.push(`Done in Airtable: ${done.key} on ${done.on}`);
  for (const duplicate of report.duplicates) {
    lines.push(
      `Key on ${duplicate.remoteIds.length} records (remove the copies): ${duplicate.key}`,
    );
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
  let token = process.env.AIRTABLE_TOKEN;
  let baseId = process.env.AIRTABLE_BASE_ID;
  let endpointUrl = process.env.AIRTABLE_ENDPOINT_URL;
  let close: (() => Promise<void>) | undefined;
  if (flag('--emulator')) {
    // Imported only here: the testkit is a dev dependency and never needed against a real base.
    const { startAirtableEmulator } = await import('@runner-up/testkit');
    const emulator = await startAirtableEmulator();
    ({ token, baseId, url: endpointUrl } = emulator);
    close = () => emulator.close();
  }
  if (!token || !baseId) {
    process.stderr.write('Set AIRTABLE_TOKEN and AIRTABLE_BASE_ID, or pass --emulator.\n');
    return 2;
  }
  try {
    const report = await syncPipeline({
      text,
      now,
      token,
      baseId,
      ...(endpointUrl ? { endpointUrl } : {}),
      dryRun: flag('--dry-run'),
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
