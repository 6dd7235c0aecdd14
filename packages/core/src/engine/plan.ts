/**
 * `plan()`: a pipeline and a moment in, the reminders out — pure, deterministic and explained.
 *
 * @module
 */

import { formatPath, RunnerUpError } from '../errors';
import { type Cadence, type Pipeline, type PipelineInput, PipelineSchema } from '../model/pipeline';
import type { Reminder, ReminderStatus } from '../model/reminder';
import { isValidated } from '../parse/validated';
import { createRegistry } from '../plugin/define-plugin';
import { createWorkCalendar } from '../time/business-days';
import { addDuration, toDayNumber } from '../time/plain-date';
import { toInstant, toLocal } from '../time/zoned';
import { applyMinimumGaps } from './gap';
import { type PlanOptions, resolveHorizon, resolveNow } from './options';
import { orderByDayThenKey } from './order';
import { createStepRenderer, type Rendered } from './render-step';
import { cadenceSources, resolveCadence } from './resolve-cadence';
import { type GapPush, type PlannedItem, scheduleOpportunity } from './schedule';

function parsePipelineInput(pipeline: Pipeline | PipelineInput): Pipeline {
  // The output of parsePipeline was validated by the same schema; validating it again is the
  // single most expensive step of a plan.
  if (isValidated(pipeline)) return pipeline;
  const result = PipelineSchema.safeParse(pipeline);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    code: 'invalid_pipeline' as const,
    message: issue.message,
    path: issue.path as (string | number)[],
  }));
  const first = issues[0]!;
  throw new RunnerUpError(
    'invalid_pipeline',
    `[runner-up] \`${formatPath(first.path)}\`: ${first.message}`,
    { path: first.path, issues, cause: result.error },
  );
}

/**
 * Plans the follow-ups of every opportunity in a pipeline: which contact, on what day and time in
 * the owner's zone, why then, and what to say.
 *
 * - Never reads the clock, the environment or the host's time zone: `now` is an option, and every
 *   date is computed on plain dates in `owner.timezone` and converted with an explicit DST policy.
 * - Deterministic: the same pipeline and `now` give the same array, sorted by `due` then `key`.
 * - Past reminders stay in the output (`done`, `skipped` or `overdue`); future ones stop at the
 *   horizon.
 * - The reminders of one series share their (frozen) `talkingPoints`, `draft` and `contact`, and
 *   the reminders of one slot (day and time) their frozen `local`.
 * - A pipeline returned by `parsePipeline` or `parsePipelineYaml` is not validated again: edit the
 *   input and parse it again rather than editing the parsed object.
 * - Throws only {@link RunnerUpError}: `invalid_pipeline`, `invalid_options`, `unknown_cadence`,
 *   `unknown_anchor`, `invalid_rrule`, `duplicate_plugin`.
 *
 * @example
 * const reminders = plan(pipeline, { now: '2026-11-30T15:00:00Z' })
 * for (const r of reminders) console.log(r.local.date, r.title, '—', r.why)
 */
export function plan(pipeline: Pipeline | PipelineInput, options: PlanOptions): Reminder[] {
  if (typeof options !== 'object' || options === null) {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [plan] Missing required option `now`: plan() never reads the clock.',
      { path: ['now'] },
    );
  }
  const parsed = parsePipelineInput(pipeline);
  const { owner } = parsed;
  const zone = owner.timezone;
  const nowMs = resolveNow(options.now, zone);
  const today = toLocal(nowMs, zone).date;
  const horizon = resolveHorizon(options.horizon);
  const horizonEnd = horizon.kind === 'date' ? horizon.value : addDuration(today, horizon.value);
  const registry = createRegistry(options.plugins ?? []);
  const sources = cadenceSources(parsed, registry.cadences);
  const cadences = new Map<string, Cadence>();
  const calendar = createWorkCalendar(owner.workdays, owner.holidays);
  const context = {
    calendar,
    at: owner.at,
    horizonEnd,
    resolve(id: string, path: ReadonlyArray<string | number>): Cadence {
      let cadence = cadences.get(id);
      if (!cadence) {
        cadence = resolveCadence(id, sources, path);
        cadences.set(id, cadence);
      }
      return cadence;
    },
  };

  const items: PlannedItem[] = [];
  parsed.opportunities.forEach((opportunity, index) => {
    for (const item of scheduleOpportunity(context, opportunity, index)) items.push(item);
  });
  applyMinimumGaps(items, parsed.opportunities, calendar, horizonEnd);

  // Many reminders share a day and time: convert each slot once.
  const instants = new Map<string, Instant>();
  const renderer = createStepRenderer(registry.templates, owner.name);
  // A series repeats one step for one contact: render it once.
  let series: PlannedItem | undefined;
  let text: Rendered | undefined;
  let contact: Reminder['contact'] = null;
  const reminders: Reminder[] = [];
  // The planned day of each reminder, to order them by number rather than by text.
  const dayOf: number[] = [];
  for (const item of items) {
    if (item.date > horizonEnd) continue;
    // Most reminders fall at the owner's `at`: key those by date alone, sparing a string each.
    const slot = item.time === owner.at ? item.date : `${item.date}T${item.time}`;
    let instant = instants.get(slot);
    if (!instant) {
      const ms = toInstant(item.date, item.time, zone);
      // A wall time inside a spring-forward gap moved forward; show the time it really falls at.
      const local = toLocal(ms, zone);
      instant = {
        ms,
        due: new Date(ms).toISOString(),
        // Shared by the reminders of one slot, so frozen like the talking points.
        local: Object.freeze({ date: local.date, time: local.time, timezone: zone }),
        pendingStatus: local.date === today ? 'due' : local.date < today ? 'overdue' : 'upcoming',
      };
      instants.set(slot, instant);
    }
    if (
      !text ||
      series!.step !== item.step ||
      series!.contact !== item.contact ||
      series!.opportunity !== item.opportunity
    ) {
      series = item;
      text = renderer.render(item.opportunity, item.step, item.contact, item.dates);
      contact = renderer.contact(item.contact);
    }
    reminders.push(toReminder(item, instant, owner.duration, text, contact));
    dayOf.push(toDayNumber(item.date));
  }
  const byDay = orderByDayThenKey(Int32Array.from(dayOf), (i) => reminders[i]!.key);
  const sorted: Reminder[] = new Array(byDay.length);
  for (let i = 0; i < byDay.length; i++) sorted[i] = reminders[byDay[i]!]!;
  // Order by `due`, then key. Reminders at one instant nearly always share a planned date, so
  // the list is usually in that order already; wall times other than `at` (an RRULE's BYHOUR) or
  // a DST change can break it, and then it is sorted again in full.
  let ordered = true;
  for (let i = 1; i < sorted.length && ordered; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.due > b.due || (a.due === b.due && a.key > b.key)) ordered = false;
  }
  if (ordered) return sorted;
  const dueMs = sorted.map((reminder) => Date.parse(reminder.due));
  const order = Array.from(sorted.keys());
  order.sort((a, b) => {
    const byTime = dueMs[a]! - dueMs[b]!;
    if (byTime !== 0) return byTime;
    const ka = sorted[a]!.key;
    const kb = sorted[b]!.key;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return order.map((i) => sorted[i]!);
}

interface Instant {
  ms: number;
  due: string;
  local: Reminder['local'];
  /** The status of a reminder in this slot that is neither done nor skipped. */
  pendingStatus: ReminderStatus;
}

/** `why` with the clause of a minimum-gap push added at its end. */
function withPush(why: string, to: string, push: GapPush): string {
  // One flat string: a template literal this long is a tree of rope nodes, each kept alive.
  return [
    why.slice(0, -1),
    '; pushed from ',
    push.from,
    ' to ',
    to,
    ' to keep ',
    push.gap,
    ' days between touches to ',
    push.label,
    ' (another falls on ',
    push.near,
    ').',
  ].join('');
}

function toReminder(
  item: PlannedItem,
  instant: Instant,
  duration: Reminder['duration'],
  text: Rendered,
  contact: Reminder['contact'],
): Reminder {
  return {
    key: item.key,
    opportunityId: item.opportunity.id,
    stepId: item.stepId,
    occurrence: item.occurrence,
    organization: item.opportunity.organization,
    title: text.title,
    action: item.step.action,
    contact,
    due: instant.due,
    local: instant.local,
    duration,
    status: item.state === 'pending' ? instant.pendingStatus : item.state,
    why: item.push === undefined ? item.why : withPush(item.why, item.date, item.push),
    talkingPoints: text.talkingPoints,
    draft: text.draft,
  };
}
