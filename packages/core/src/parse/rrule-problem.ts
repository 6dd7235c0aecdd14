/**
 * Why a cadence's `repeat.rrule` is refused. Kept apart from the pipeline checks so that checking
 * a plugin's cadences (`plugin/validate-plugin.ts`) loads no schema or YAML code.
 *
 * @module
 */

import { rruleFrequency, validateRRule } from '../time/recurrence';
import { didYouMean } from './suggest';

/** The most reminders one rule may give in a day, as the times its BYHOUR and BYMINUTE list. */
const MAX_TIMES_A_DAY = 24;

/** Advice for a rule that repeats too often: several times a day are listed hours. */
const SEVERAL_A_DAY = 'for several reminders a day, list the hours: FREQ=DAILY;BYHOUR=9,14';

/**
 * Why a pipeline refuses a cadence's `repeat.rrule`, or `undefined`: the rule is invalid, it
 * repeats by the hour or minute, or it lists more than {@link MAX_TIMES_A_DAY} times a day.
 * Plugin cadences are held to this too (`plugin/validate-plugin.ts`).
 */
export function rruleProblem(rule: string): string | undefined {
  const problem = validateRRule(rule);
  if (problem !== undefined) return `invalid RRULE: ${problem}${frequencyHint(problem)}`;
  const freq = rruleFrequency(rule);
  // A follow-up repeats at most daily: HOURLY and MINUTELY would flood the plan (a two-year
  // horizon holds a million minutes), and HOURLY would ignore `owner.at`.
  if (freq === 'HOURLY' || freq === 'MINUTELY')
    return `invalid RRULE: FREQ=${freq} repeats by the ${freq === 'HOURLY' ? 'hour' : 'minute'}; a follow-up repeats by days at the most (FREQ=DAILY); ${SEVERAL_A_DAY}`;
  // Listed times flood the plan as well: BYHOUR=0,…,23;BYMINUTE=0,…,59 is every minute.
  const hours = listLength(rule, 'BYHOUR');
  const minutes = listLength(rule, 'BYMINUTE');
  const times = (hours ?? 1) * (minutes ?? 1);
  if (times > MAX_TIMES_A_DAY) {
    const lists = [
      hours === undefined ? '' : `${hours} hours in BYHOUR`,
      minutes === undefined ? '' : `${minutes} minutes in BYMINUTE`,
    ];
    return `invalid RRULE: it gives ${times} reminders a day (${lists.filter(Boolean).join(' × ')}); a rule gives at most ${MAX_TIMES_A_DAY} a day; ${SEVERAL_A_DAY}`;
  }
  return undefined;
}

/** How many values a valid rule lists in `part`, or `undefined` when it has none. */
function listLength(rule: string, part: string): number | undefined {
  for (const item of rule.replace(/^RRULE:/i, '').split(';')) {
    const [name, value = ''] = item.split('=');
    if (name!.trim().toUpperCase() === part) return value.split(',').length;
  }
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
