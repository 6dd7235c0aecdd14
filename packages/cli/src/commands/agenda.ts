import { plan, RunnerUpError } from '@runner-up/core';
import { type CliContext, dateIn } from '../context';
import { loadPipeline } from '../file/load-pipeline';
import { formatAgenda } from '../output/agenda-format';

/** Options of the `agenda` command. */
export interface AgendaOptions {
  /** How many days ahead to show. @default 30 */
  days?: string;
}

/** Parses a whole number of days for `--days`. */
export function parseDays(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > 3660) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--days\` expects a whole number of days from 1 to 3660, got ${JSON.stringify(value)}.`,
      { path: ['days'] },
    );
  }
  return days;
}

/** `runner-up agenda`: what is overdue, due today and coming up, with why. */
export async function agendaCommand(ctx: CliContext, options: AgendaOptions): Promise<void> {
  const days = parseDays(options.days, 30);
  const pipeline = await loadPipeline(ctx.file, ctx.env);
  const reminders = plan(pipeline, { now: ctx.now, horizon: `P${days}D` });
  if (ctx.json) {
    ctx.out(JSON.stringify(reminders, null, 2));
    return;
  }
  ctx.out(
    formatAgenda(reminders, {
      colors: ctx.colors,
      today: dateIn(ctx.now, pipeline.owner.timezone),
      days,
      timezone: pipeline.owner.timezone,
    }),
  );
}
