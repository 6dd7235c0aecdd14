import {
  addDays,
  isRunnerUpError,
  LAST_PLANNED_DATE,
  type Pipeline,
  plan,
  RunnerUpError,
} from '@runner-up/core';
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

/**
 * A warning for touchpoints dated after `today`: they already count (completing reminders and
 * moving the steps that count from them), so a typo in a year can empty the agenda. `undefined`
 * when there are none.
 */
export function futureTouchWarning(
  pipeline: Pipeline,
  today: string,
  validate = 'runner-up validate',
): string | undefined {
  const future: string[] = [];
  for (const opportunity of pipeline.opportunities) {
    for (const touch of opportunity.touchpoints) {
      if (touch.on > today) future.push(`${opportunity.id} on ${touch.on}`);
    }
  }
  if (future.length === 0) return undefined;
  const shown = future.length > 3 ? [...future.slice(0, 3), '…'] : future;
  const one = future.length === 1;
  const count = one ? '1 touchpoint is' : `${future.length} touchpoints are`;
  const counts = one
    ? 'this one already counts: it may complete a reminder and move the steps after it, or stop the cadence as their reply'
    : 'these already count: they may complete reminders and move the steps after them, or stop a cadence as a reply';
  return `[runner-up] Warning: ${count} dated after today, ${today} in ${pipeline.owner.timezone} (${shown.join(', ')}): a touchpoint records a contact that happened, and ${counts}. \`${validate}\` shows ${one ? 'where it is' : 'where they are'}.`;
}

/**
 * The plan `days` ahead of `now`. A horizon core refuses (past the last day it plans) came from
 * `--days`, or from `--now` when `--days` was not `given`, and is said in those terms.
 */
function planDays(pipeline: Pipeline, now: string, days: number, given: boolean) {
  try {
    return plan(pipeline, { now, horizon: `P${days}D` });
  } catch (error) {
    if (!isRunnerUpError(error) || error.path[0] !== 'horizon') throw error;
    const today = dateIn(now, pipeline.owner.timezone);
    if (addDays(today, days) <= LAST_PLANNED_DATE) throw error;
    // On the last day itself, no number of days fits: only an earlier --now helps.
    const fewerDaysFit = addDays(today, 1) <= LAST_PLANNED_DATE;
    throw new RunnerUpError(
      'invalid_options',
      given
        ? `\`--days ${days}\`: ${days} days from ${today} reach past ${LAST_PLANNED_DATE}, the last day runner-up plans; give ${fewerDaysFit ? 'fewer days, or ' : ''}an earlier --now.`
        : `\`--now\`: the agenda shows ${days} days ahead by default, and ${days} days from ${today} reach past ${LAST_PLANNED_DATE}, the last day runner-up plans; give an earlier --now${fewerDaysFit ? ', or fewer days with --days' : ''}.`,
      { path: ['days'], cause: error },
    );
  }
}

/** `runner-up agenda`: what is overdue, due today and coming up, with why. */
export async function agendaCommand(ctx: CliContext, options: AgendaOptions): Promise<void> {
  const days = parseDays(options.days, 30);
  const pipeline = await loadPipeline(ctx.file, { env: ctx.env });
  const reminders = planDays(
    pipeline,
    ctx.nowIn(pipeline.owner.timezone),
    days,
    options.days !== undefined,
  );
  const today = dateIn(ctx.nowIn(pipeline.owner.timezone), pipeline.owner.timezone);
  const warning = futureTouchWarning(pipeline, today, ctx.commandLine('validate'));
  if (warning !== undefined) ctx.err(warning);
  if (ctx.json) {
    ctx.out(JSON.stringify(reminders));
    return;
  }
  ctx.out(
    formatAgenda(reminders, {
      colors: ctx.colors,
      today,
      days,
      timezone: pipeline.owner.timezone,
    }),
  );
}
