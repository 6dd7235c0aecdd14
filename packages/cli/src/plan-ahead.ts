import {
  isRunnerUpError,
  LAST_PLANNED_DATE,
  type Pipeline,
  plan,
  type Reminder,
  RunnerUpError,
} from '@runner-up/core';
import { dateIn } from './context';

/** How far `plan()` plans when no horizon is given, in months (its default, `P24M`). */
export const DEFAULT_HORIZON_MONTHS = 24;

/**
 * `plan()` with its default horizon, for the commands that have no option for one (`export`,
 * `serve`, `sync`). A horizon past the last day runner-up plans can then only come from `--now`,
 * and is said in those terms: core's advice, a shorter horizon, is no option of theirs.
 */
export function planAhead(pipeline: Pipeline, now: string): Reminder[] {
  try {
    return plan(pipeline, { now });
  } catch (error) {
    if (!isRunnerUpError(error) || error.path[0] !== 'horizon') throw error;
    const today = dateIn(now, pipeline.owner.timezone);
    throw new RunnerUpError(
      'invalid_options',
      `\`--now\`: this command plans ${DEFAULT_HORIZON_MONTHS} months ahead of today (${today} in ${pipeline.owner.timezone}), which reaches past ${LAST_PLANNED_DATE}, the last day runner-up plans; give an earlier --now.`,
      { path: ['now'], cause: error },
    );
  }
}
