/**
 * `plan()`: a pipeline and a moment in, the reminders out — pure, deterministic and explained.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import type { Cadence, Opportunity, Pipeline, PipelineInput } from '../model/pipeline';
import type { Reminder, ReminderStatus } from '../model/reminder';
import { createRegistry } from '../plugin/define-plugin';
import { checkOptionNames } from '../plugin/option-names';
import { createWorkCalendar } from '../time/business-days';
import { addDuration, fromDayNumber, LAST_PLANNED_DATE, toDayNumber } from '../time/plain-date';
import { toInstant, toLocal } from '../time/zoned';
import { lookUpCadence } from './cadence-lookup';
import { checkedPipeline } from './checked-pipeline';
import { applyMinimumGaps } from './gap';
import { createIdentity, type Identity } from './identity';
import { PLAN_OPTIONS, type PlanOptions, resolveHorizon, resolveNow } from './options';
import { keyRanks, orderByDayThenRank } from './order';
import { createStepRenderer } from './render-step';
import { cadenceSources } from './resolve-cadence';
import {
  type PlannedItem,
  type ScheduleContext,
  type Series,
  scheduleOpportunity,
  writeWhy,
} from './schedule';

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
  checkOptionNames(options, PLAN_OPTIONS, 'plan');
  const registry = createRegistry(options.plugins ?? []);
  const parsed = checkedPipeline(pipeline, registry);
  const { owner } = parsed;
  const zone = owner.timezone;
  const nowMs = resolveNow(options.now, zone);
  const today = toLocal(nowMs, zone).date;
  const horizon = resolveHorizon(options.horizon);
  const horizonEnd = horizonEndOf(today, horizon, zone);
  const sources = cadenceSources(parsed, registry.cadences);
  const cadences = new Map<string, Cadence>();
  const calendar = createWorkCalendar(owner.workdays, owner.holidays);
  // Someone who asked not to be contacted in one opportunity is not contacted in another.
  const identity = parsed.opportunities.some((o) => o.contacts.some((c) => c.doNotContact))
    ? createIdentity(parsed.opportunities)
    : undefined;
  const context: ScheduleContext = {
    calendar,
    at: owner.at,
    horizonEnd,
    offLimits: identity && offLimitsOf(parsed.opportunities, identity),
    resolve(id: string, path: ReadonlyArray<string | number>): Cadence {
      let cadence = cadences.get(id);
      if (!cadence) {
        // The pipeline is parsed: its own cadences are too.
        cadence = lookUpCadence(id, sources, path, true);
        cadences.set(id, cadence);
      }
      return cadence;
    },
  };

  checkReachable(parsed, context);
  const items: PlannedItem[] = [];
  parsed.opportunities.forEach((opportunity, index) => {
    scheduleOpportunity(context, opportunity, index, items);
  });
  const ranks = keyRanks(items);
  const placement = applyMinimumGaps(
    items,
    ranks,
    parsed.opportunities,
    calendar,
    horizonEnd,
    identity,
  );
  const limit = toDayNumber(horizonEnd);

  // Many reminders share a day and time: convert each slot once. Most fall at the owner's `at`,
  // so those are found by day number, sparing a string each.
  const atSlots = new Map<number, Instant>();
  const otherSlots = new Map<string, Instant>();
  const slot = (date: string, time: string): Instant => {
    const ms = toInstant(date, time, zone);
    // A wall time inside a spring-forward gap moved forward; show the time it really falls at.
    const local = toLocal(ms, zone);
    return {
      ms,
      due: new Date(ms).toISOString(),
      moved:
        local.time === time && local.date === date
          ? ''
          : `${time} does not exist on ${date} in ${zone} (the clocks go forward), so it falls at ${local.time}${local.date === date ? '' : ` on ${local.date}`}`,
      // Shared by the reminders of one slot, so frozen like the talking points.
      local: Object.freeze({ date: local.date, time: local.time, timezone: zone }),
      pendingStatus: local.date === today ? 'due' : local.date < today ? 'overdue' : 'upcoming',
    };
  };
  const renderer = createStepRenderer(registry.templates, owner.name);
  // A series repeats one step for one contact: render it once, and gather what its reminders
  // share into one object.
  let series: Series | undefined;
  let shared: Shared | undefined;
  // Sized once rather than grown by push(), which copies the array each time it grows.
  const reminders: Reminder[] = new Array(items.length);
  let count = 0;
  // The day, instant and key rank of each reminder, to order them by number rather than by text.
  const dayOf = new Int32Array(items.length);
  const msOf = new Float64Array(items.length);
  const rankOf = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const day = placement.days[i]!;
    if (day > limit) continue;
    const item = items[i]!;
    const pushed = placement.cause[i]! !== -1;
    const date = pushed ? fromDayNumber(day) : item.date;
    let instant: Instant | undefined;
    if (item.time === owner.at) {
      instant = atSlots.get(day);
      if (!instant) {
        instant = slot(date, item.time);
        atSlots.set(day, instant);
      }
    } else {
      const key = `${date}T${item.time}`;
      instant = otherSlots.get(key);
      if (!instant) {
        instant = slot(date, item.time);
        otherSlots.set(key, instant);
      }
    }
    if (item.series !== series) {
      series = item.series;
      const text = renderer.render(series.opportunity, series.step, series.contact, series.dates);
      shared = {
        opportunityId: series.opportunity.id,
        stepId: series.stepId,
        organization: series.opportunity.organization,
        title: text.title,
        action: series.step.action,
        contact: renderer.contact(series.contact),
        talkingPoints: text.talkingPoints,
        draft: text.draft,
      };
    }
    const why = writeWhy(
      item,
      pushed
        ? {
            to: date,
            gap: placement.gap[i]!,
            label: placement.labels[placement.cause[i]!]!,
            near: fromDayNumber(placement.near[i]!),
            room:
              placement.room[i]! === -1 || placement.room[i] === placement.cause[i]
                ? undefined
                : placement.labels[placement.room[i]!],
          }
        : undefined,
      instant.moved,
    );
    dayOf[count] = day;
    msOf[count] = instant.ms;
    rankOf[count] = ranks[i]!;
    reminders[count++] = toReminder(item, shared!, instant, owner.duration, why);
  }
  const byDay = orderByDayThenRank(dayOf.subarray(0, count), rankOf.subarray(0, count));
  // Order by `due`, then key. Reminders at one instant nearly always share a planned date, so
  // the list is usually in that order already; wall times other than `at` (an RRULE's BYHOUR) or
  // a DST change can break it, and then it is sorted again in full.
  let ordered = true;
  for (let k = 1; k < count && ordered; k++) {
    const a = byDay[k - 1]!;
    const b = byDay[k]!;
    if (msOf[a]! > msOf[b]! || (msOf[a] === msOf[b] && rankOf[a]! > rankOf[b]!)) {
      ordered = false;
    }
  }
  const order = ordered
    ? byDay
    : Array.from(byDay).sort((a, b) => {
        return msOf[a]! - msOf[b]! || rankOf[a]! - rankOf[b]!;
      });
  const sorted: Reminder[] = new Array(count);
  for (let k = 0; k < count; k++) sorted[k] = reminders[order[k]!]!;
  return sorted;
}

/** The last day of the horizon, refused before today or past {@link LAST_PLANNED_DATE}. */
function horizonEndOf(
  today: string,
  horizon: ReturnType<typeof resolveHorizon>,
  zone: string,
): string {
  if (horizon.kind === 'date' && horizon.value < today) {
    // Past reminders are always planned; a horizon in the past would silently drop them.
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [plan] \`horizon\`: ${horizon.value} is before today (${today} in ${zone}); the horizon is the last day to plan ahead to, and past reminders are always kept, so give today or a later date, or a duration like P6M.`,
      { path: ['horizon'] },
    );
  }
  const end = horizon.kind === 'date' ? horizon.value : addDuration(today, horizon.value);
  if (end > LAST_PLANNED_DATE) {
    const given = horizon.kind === 'date' ? horizon.value : `${horizon.value} from ${today}`;
    throw new RunnerUpError(
      'invalid_options',
      `[runner-up] [plan] \`horizon\`: ${given} reaches past ${LAST_PLANNED_DATE}, the last day runner-up plans; give a shorter duration or an earlier date.`,
      { path: ['horizon'] },
    );
  }
  return end;
}

interface Instant {
  ms: number;
  due: string;
  /** Why the local time differs from the one planned (a spring-forward gap), for `why`; or ''. */
  moved: string;
  local: Reminder['local'];
  /** The status of a reminder in this slot that is neither done nor skipped. */
  pendingStatus: ReminderStatus;
}

/** What the reminders of one series share. */
interface Shared {
  opportunityId: string;
  stepId: string;
  organization: string;
  title: string;
  action: Reminder['action'];
  contact: Reminder['contact'];
  talkingPoints: string[];
  draft: Reminder['draft'];
}

function toReminder(
  item: PlannedItem,
  shared: Shared,
  instant: Instant,
  duration: Reminder['duration'],
  why: string,
): Reminder {
  return {
    key: item.key,
    opportunityId: shared.opportunityId,
    stepId: shared.stepId,
    occurrence: item.occurrence,
    organization: shared.organization,
    title: shared.title,
    action: shared.action,
    contact: shared.contact,
    due: instant.due,
    local: instant.local,
    duration,
    status: item.state === 'pending' ? instant.pendingStatus : item.state,
    why,
    talkingPoints: shared.talkingPoints,
    draft: shared.draft,
  };
}

/**
 * Resolves every cadence the opportunities follow or can be handed over to. A hand-over's cadence
 * is otherwise looked up only when the hand-over happens, so a plugin's cadence that cannot be
 * used would make `plan()` fail only once a touch is recorded; it fails from the start instead.
 */
function checkReachable(pipeline: Pipeline, context: ScheduleContext): void {
  const seen = new Set<string>();
  /** Follows hand-overs from cadence `id`, named at `path`: an unknown one is told there. */
  const reach = (id: string | undefined, path: (string | number)[]) => {
    for (let at = path; id !== undefined && !seen.has(id); ) {
      seen.add(id);
      const next: string | undefined = context.resolve(id, at).rules.thenCadence;
      // As the schedule names a hand-over's place: under the cadence's id.
      at = ['cadences', id, 'rules', 'thenCadence'];
      id = next;
    }
  };
  // Opportunity by opportunity, as the schedule meets them.
  pipeline.opportunities.forEach(({ cadence }, index) => {
    const at = ['opportunities', index, 'cadence'];
    if (typeof cadence === 'string') reach(cadence, at);
    else if (cadence !== false) reach(cadence.rules.thenCadence, [...at, 'rules', 'thenCadence']);
  });
}

/** Whether a contact is `doNotContact`, here or as the same person anywhere in the pipeline. */
function offLimitsOf(
  opportunities: readonly Opportunity[],
  identity: Identity,
): (organization: string, contact: Opportunity['contacts'][number]) => boolean {
  const barred = new Set<string>();
  for (const opportunity of opportunities) {
    for (const contact of opportunity.contacts) {
      if (contact.doNotContact) barred.add(identity(opportunity.organization, contact));
    }
  }
  return (organization, contact) =>
    contact.doNotContact || barred.has(identity(organization, contact));
}
