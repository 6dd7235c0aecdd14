/**
 * Why a cadence's `repeat.rrule` is refused. Kept apart from the pipeline checks so that checking
 * a plugin's cadences (`plugin/validate-plugin.ts`) loads no schema or YAML code.
 *
 * @module
 */

import { rruleFrequency, validateRRule } from '../time/recurrence';
import { didYouMean } from './suggest';

/**
 * Why a pipeline refuses a cadence's `repeat.rrule`, or `undefined`: the rule is invalid, or it
 * repeats more often than daily. Plugin cadences are held to this too (`plugin/validate-plugin.ts`).
 */
export function rruleProblem(rule: string): string | undefined {
  const problem = validateRRule(rule);
  if (problem !== undefined) return `invalid RRULE: ${problem}${frequencyHint(problem)}`;
  const freq = rruleFrequency(rule);
  // A follow-up repeats at most daily: HOURLY and MINUTELY would flood the plan (a two-year
  // horizon holds a million minutes), and HOURLY would ignore `owner.at`.
  if (freq === 'HOURLY' || freq === 'MINUTELY')
    return `invalid RRULE: FREQ=${freq} repeats more than once a day; reminders repeat at most daily; for several a day, list the hours: FREQ=DAILY;BYHOUR=9,14`;
  return undefined;
}

/**
 * A suggestion for a misspelled `FREQ` (RFC 5545 §3.3.10 lists the frequencies), among those a
 * pipeline accepts.
 */
function frequencyHint(problem: string): string {
  const match = /unknown FREQ "([^"]*)"/.exec(problem);
  if (!match) return '';
  return didYouMean(match[1]!, ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
}
