/**
 * The cadence engine for one opportunity: steps and repeats laid out on plain dates, completed by
 * touchpoints, cut by stop events and hand-overs. Cross-opportunity rules (minimum gaps) and the
 * conversion to instants happen afterwards, in `plan()`.
 *
 * How `previous` works: a step counting from `previous` counts from the date the step before it
 * was planned for, AFTER that step's business-day shift and snooze — the date it shows (a step
 * finished before the snooze ended shows the date before the snooze). With `restartOnTouch` (the
 * default), a step before it that a touchpoint completed counts from the touch's date instead, so an early or late touch moves the rest of the chain.
 * A minimum-gap push (`minGapDays`) moves one reminder only and does not re-anchor the chain.
 *
 * @module
 */

import { RunnerUpError } from '../errors';
import { candidateOf } from '../model/candidate';
import { comparableName } from '../model/names';
import type {
  Cadence,
  Contact,
  Offset,
  Opportunity,
  Rules,
  Step,
  Touchpoint,
} from '../model/pipeline';
import { addBusinessDays, nextWorkday, type WorkCalendar } from '../time/business-days';
import { addDuration, compare, LAST_DATE, weekday } from '../time/plain-date';
import { expandRRule, validateRRule } from '../time/recurrence';
import { describeDuration, describeOffset, weekdayName } from './describe';
import { reminderKey } from './key';

/** What the reminders of one step for one contact share: the step's own and its repeats. */
export interface Series {
  opportunity: Opportunity;
  /** The opportunity's index in the pipeline. */
  opportunityIndex: number;
  step: Step;
  /** The step id as keys show it (prefixed in a hand-over cadence). */
  stepId: string;
  rules: Rules;
  contact: Contact | null;
  /** The opportunity's dates with estimates filled in, for `{dates.<key>}`. */
  dates: Record<string, string | null>;
}

/**
 * A reminder before it has an instant, a status or rendered text.
 *
 * A plan holds tens of thousands of these at once, so what reminders share sits in their
 * {@link Series}, and the `why` sentence is kept as parts, most of them shared, and written once
 * by {@link writeWhy} when the final date is known (a minimum-gap push adds a clause).
 */
export interface PlannedItem {
  series: Series;
  key: string;
  occurrence: number;
  /** Local plain date and wall time in the owner's zone. */
  date: string;
  time: string;
  state: 'pending' | 'done' | 'skipped';
  /** The first clause of `why` is `lead + middle + trail`, e.g. "3 weeks" " after " "decided (…)". */
  lead: string;
  middle: string | number;
  trail: string;
  /** The clauses after it (an estimate, a business-day move, a snooze) joined by `; `, or ''. */
  notes: string;
  /** For a `done` item the date of the touch that completed it; for a `skipped` one, of the reply. */
  closedOn: string;
  /** For the `done` item whose touch ends the cadence by `maxUnanswered`, what follows, else ''. */
  outcome: string;
}

/** Why a pending reminder was pushed by the minimum-gap pass, for its `why`. */
export interface Push {
  to: string;
  gap: number;
  label: string;
  near: string;
  /**
   * For a push onto a touch it joins, when the room it left was another group's (the
   * organization's), who that group's touches are to.
   */
  room?: string | undefined;
}

/**
 * The `why` sentence, `Planned <clause>; <clause>.`, built once per reminder. `moved` says why
 * its local time is not the one planned (a spring-forward gap), or is ''.
 *
 * One array literal joined: a flat string (a template literal this long is a tree of rope nodes,
 * each kept alive with the reminder), and in V8 faster than pushing onto a scratch array. The
 * clause of a state or a push is built first, as a short-lived rope the join copies.
 */
export function writeWhy(item: PlannedItem, push: Push | undefined, moved = ''): string {
  let state = '';
  if (item.state === 'done') state = `; done on ${item.closedOn}${item.outcome}`;
  else if (item.state === 'skipped') state = `; skipped: they replied on ${item.closedOn}`;
  else if (push && push.near === push.to) {
    // Joined a touch to the same person on its day (see applyMinimumGaps).
    state = `; pushed from ${item.date} to ${push.to}, the day of another touch to ${push.label}, to keep ${push.gap} ${push.gap === 1 ? 'day' : 'days'} between touches to ${push.room ?? 'them'}`;
  } else if (push) {
    state = `; pushed from ${item.date} to ${push.to} to keep ${push.gap} ${push.gap === 1 ? 'day' : 'days'} between touches to ${push.label} (another falls on ${push.near})`;
  }
  const notes = item.notes;
  // Most have neither notes nor a moved time: fewer pieces to join.
  if (notes === '' && moved === '') {
    return ['Planned ', item.lead, item.middle, item.trail, state, '.'].join('');
  }
  return [
    'Planned ',
    item.lead,
    item.middle,
    item.trail,
    notes === '' ? '' : '; ',
    notes,
    state,
    moved === '' ? '' : '; ',
    moved,
    '.',
  ].join('');
}

/** What the engine needs from the rest of the plan. */
export interface ScheduleContext {
  calendar: WorkCalendar;
  /** Owner's time of day, `HH:MM`. */
  at: string;
  /** Last local date planned (inclusive). */
  horizonEnd: string;
  /** Resolves a cadence id (custom, plugin, preset) or throws `unknown_cadence`. */
  resolve(id: string, path: ReadonlyArray<string | number>): Cadence;
  /**
   * True for a contact who is `doNotContact` here or, as the same person, in another opportunity.
   * Absent when no contact of the pipeline is.
   */
  offLimits?: (organization: string, contact: Contact) => boolean;
}

/** A touch from them, or one of yours they answered on the spot (a call they picked up). */
const isReply = (touch: IndexedTouch): boolean => touch.direction === 'in' || touch.answered;

/** What the engine reads of a touchpoint, with its index in the opportunity's list. */
interface IndexedTouch {
  on: string;
  direction: Touchpoint['direction'];
  /** A touch of yours they answered on the spot: it completes a step and counts as a reply. */
  answered: boolean;
  reminder: string | undefined;
  index: number;
}

interface Anchor {
  date: string;
  /** "decided (2026-11-20)". */
  label: string;
  /** A sentence clause when the anchor is an estimate. */
  estimate?: string;
  /** For an estimate, how: "4 weeks after decided (2026-11-02)", and so on down its chain. */
  estimatedAs?: string;
}

interface Phase {
  cadence: Cadence;
  /** For messages: the cadence id, or `inline`. */
  name: string;
  /** Where the cadence is defined, for error paths. */
  path: ReadonlyArray<string | number>;
  /** Prefix for step ids of hand-over cadences, so their keys never collide with the first. */
  prefix: string;
  /**
   * What `previous` means for the first step of a hand-over cadence, and the reminder whose `why`
   * says the first cadence hands over (see `outcome`).
   */
  handover?: { date: string; from: string; endedBy: PlannedItem | undefined };
  /** Cadence ids already run, so hand-overs cannot loop. */
  visited: readonly string[];
  /** Set once run: whether a hand-over cadence left out every step and repeat, by the hand-over. */
  nothingLeft?: boolean;
}

/** How many cadences one opportunity runs through, hand-over after hand-over, at most. */
export const HANDOVER_DEPTH = 8;
const NO_TOUCHES: readonly IndexedTouch[] = [];

function applyOffset(date: string, offset: Offset, calendar: WorkCalendar): string {
  return typeof offset === 'string'
    ? addDuration(date, offset)
    : addBusinessDays(date, offset.businessDays, calendar);
}

function compareTouches(a: IndexedTouch, b: IndexedTouch): number {
  return compare(a.on, b.on) || a.index - b.index;
}

/**
 * The touchpoints in date order (then file order), each as one small object of one shape. For a
 * candidate kept warm, only touches with the candidate count: one with someone else at the client
 * (`with:` naming another contact) is for your notes, and neither completes a step nor answers.
 */
function indexTouches(opportunity: Opportunity): readonly IndexedTouch[] {
  const touchpoints = opportunity.touchpoints;
  if (touchpoints.length === 0) return NO_TOUCHES;
  const other = opportunity.kind === 'candidate' ? notTheCandidate(opportunity) : undefined;
  const touches: IndexedTouch[] = [];
  let sorted = true;
  for (let index = 0; index < touchpoints.length; index++) {
    const touch = touchpoints[index]!;
    if (other !== undefined && touch.with !== undefined && other(touch.with)) continue;
    const { on, direction, reminder } = touch;
    const last = touches[touches.length - 1];
    if (last !== undefined && on < last.on) sorted = false;
    touches.push({ on, direction, answered: touch.answered === true, reminder, index });
  }
  if (touches.length === 0) return NO_TOUCHES;
  // Files usually list touchpoints in date order already.
  return sorted ? touches : touches.sort(compareTouches);
}

/**
 * For a candidate's opportunity: whether a touch `with:` a name went to someone other than the
 * candidate — a contact of another name. A name that is no contact's may be the candidate's,
 * misspelt (`runner-up validate` warns of it), and counts as theirs.
 */
function notTheCandidate(opportunity: Opportunity): ((name: string) => boolean) | undefined {
  const candidate = candidateOf(opportunity);
  if (candidate === undefined) return undefined;
  const own = comparableName(candidate.name);
  const others = new Set(
    opportunity.contacts.map((c) => comparableName(c.name)).filter((name) => name !== own),
  );
  if (others.size === 0) return undefined;
  return (name) => others.has(comparableName(name));
}

function earliestDate(opportunity: Opportunity): [key: string, date: string] | undefined {
  let earliest: [string, string] | undefined;
  for (const [key, value] of Object.entries(opportunity.dates)) {
    if (typeof value === 'string' && (!earliest || value < earliest[1])) earliest = [key, value];
  }
  return earliest;
}

/** When the opportunity's follow-up began: the decision, else its earliest known date. */
function origin(opportunity: Opportunity): string | undefined {
  const decided = opportunity.dates.decided;
  return typeof decided === 'string' ? decided : earliestDate(opportunity)?.[1];
}

/**
 * Whether `touch` ticks a reminder of the step whose first reminder is `firstKey`, any
 * occurrence.
 */
function ticks(touch: IndexedTouch, firstKey: string): boolean {
  const key = touch.reminder;
  if (key === undefined) return false;
  const stem = firstKey.slice(0, -1);
  return key.startsWith(stem) && /^[1-9]\d*$/.test(key.slice(stem.length));
}

/**
 * The touches that restart a first step counting from `lastTouch`, in date order (the last is
 * what it counts from): from the start, each outbound touch that comes before the step falls due
 * from the anchor so far. The first one on or after that day, or one ticking the step
 * (`firstKey`), is left to complete it. Touches before the start (the selection itself) and early
 * ticks of the step's repeats are no restarts.
 */
function firstLastTouch(
  step: Step,
  firstKey: string,
  start: string,
  outbound: readonly IndexedTouch[],
  /** On a second pass, the hand-over date: touches after it are the next cadence's. */
  cutoff: string | undefined,
  businessDays: boolean,
  calendar: WorkCalendar,
): IndexedTouch[] {
  const dueFrom = (date: string): string => {
    const due = applyOffset(date, step.after, calendar);
    return businessDays ? nextWorkday(due, calendar) : due;
  };
  const restarts: IndexedTouch[] = [];
  let due = dueFrom(start);
  for (const touch of outbound) {
    if (touch.on < start) continue;
    if (cutoff !== undefined && touch.on > cutoff) break;
    if (touch.reminder === firstKey || touch.on >= due) break;
    if (ticks(touch, firstKey)) continue;
    restarts.push(touch);
    due = dueFrom(touch.on);
  }
  return restarts;
}

/** Plans one opportunity, adding its items to `out`. Adds nothing for `cadence: false`. */
export function scheduleOpportunity(
  context: ScheduleContext,
  opportunity: Opportunity,
  opportunityIndex: number,
  out: PlannedItem[],
): void {
  const ref = opportunity.cadence;
  if (ref === false) return;
  const touches = indexTouches(opportunity);
  const consumed = new Set<number>();
  const oppPath = ['opportunities', opportunityIndex] as const;
  let phase: Phase | undefined =
    typeof ref === 'string'
      ? {
          cadence: context.resolve(ref, [...oppPath, 'cadence']),
          name: ref,
          path: ['cadences', ref],
          prefix: '',
          visited: [ref],
        }
      : {
          cadence: ref,
          name: 'inline',
          path: [...oppPath, 'cadence'],
          prefix: '',
          visited: [],
        };
  for (let depth = 0; phase && depth < HANDOVER_DEPTH; depth++) {
    // Each cadence fills in its own estimates: a hand-over's do not change the first one's texts.
    const dates: Record<string, string | null> = { ...opportunity.dates };
    const next = runPhase(
      context,
      opportunity,
      opportunityIndex,
      touches,
      dates,
      consumed,
      phase,
      out,
    );
    // A cadence handed over to whose steps all fell by the hand-over: say so where the hand-over is.
    const endedBy = phase.handover?.endedBy;
    if (endedBy !== undefined && phase.nothingLeft === true) {
      endedBy.outcome += ', which has nothing left to plan';
    }
    phase = next;
  }
}

/**
 * Puts into `dates` every estimate of a cadence that the dates it counts from allow, for
 * `{dates.<key>}` in its texts: a text may name an estimate that no step counts from. A step that
 * counts from an estimate comes to the same date. An estimate from a date not known yet, from
 * estimates that depend on each other, or past the last date there is, is left out, and its
 * placeholder stays as written.
 */
function fillEstimates(
  estimates: NonNullable<Cadence['estimates']>,
  dates: Record<string, string | null>,
  calendar: WorkCalendar,
): void {
  /** Estimates found to have no date: not walked again. */
  const none = new Set<string>();
  for (const first of Object.keys(estimates)) {
    // Down the chain to a date known (or already estimated), then back up it, each estimate
    // counted from the one below: a loop, not a recursion, for a chain of any length.
    const chain: string[] = [];
    const onChain = new Set<string>();
    let base: string | undefined;
    for (let key = first; ; key = estimates[key]!.from) {
      const value = Object.hasOwn(dates, key) ? dates[key] : undefined;
      if (typeof value === 'string') {
        base = value;
        break;
      }
      // Own entries only, as for the steps; a key met twice is a loop.
      if (none.has(key) || onChain.has(key) || !Object.hasOwn(estimates, key)) break;
      chain.push(key);
      onChain.add(key);
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const date =
        base === undefined ? undefined : applyOffset(base, estimates[chain[i]!]!.after, calendar);
      // Past the last date there is none to write, nor for the estimates counted from it.
      if (date === undefined || date > LAST_DATE) {
        for (let j = i; j >= 0; j -= 1) none.add(chain[j]!);
        break;
      }
      dates[chain[i]!] = date;
      base = date;
    }
  }
}

/** Runs one cadence; returns the hand-over phase when `maxUnanswered` passes it on. */
function runPhase(
  context: ScheduleContext,
  opportunity: Opportunity,
  opportunityIndex: number,
  touches: readonly IndexedTouch[],
  dates: Record<string, string | null>,
  consumed: Set<number>,
  phase: Phase,
  out: PlannedItem[],
): Phase | undefined {
  const { cadence, prefix } = phase;
  const rules = cadence.rules;
  const { calendar } = context;
  if (cadence.estimates) fillEstimates(cadence.estimates, dates, calendar);
  const floor = phase.handover?.date;
  const visible = floor === undefined ? touches : touches.filter((t) => t.on > floor);
  const outbound = visible.length === 0 ? NO_TOUCHES : visible.filter((t) => t.direction === 'out');
  let explicit: Map<string, IndexedTouch> | undefined;
  for (const touch of outbound) {
    if (touch.reminder === undefined) continue;
    explicit ??= new Map();
    if (!explicit.has(touch.reminder)) explicit.set(touch.reminder, touch);
  }
  const implicit = explicit ? outbound.filter((t) => t.reminder === undefined) : outbound;
  const anchors = new Map<string, Anchor | null>();
  let items: PlannedItem[] = [];
  /**
   * On a second pass (see below), the hand-over date: a step planned after it can be completed
   * only by a touch on or before it, or one that names it, as later touches belong to the cadence
   * it hands over to.
   */
  let cutoff: string | undefined;
  /** On a second pass, set when a reply came while the snooze held: the snooze moves nothing. */
  let ignoreSnooze = false;
  /** The touches this pass took, so that a second pass can give them back. */
  const taken: number[] = [];
  /** The latest date of a touch this pass took, or counted from, without it naming a reminder. */
  let latestImplicit = '';
  const take = (index: number): void => {
    consumed.add(index);
    taken.push(index);
  };
  /** Gives back the touches this pass took and plans the cadence again. */
  const planAgain = (): void => {
    for (const index of taken) consumed.delete(index);
    taken.length = 0;
    emitAll();
  };

  const resolveNamed = (key: string, step: Step, chain: string[]): Anchor | null => {
    const cached = anchors.get(key);
    if (cached !== undefined) return cached;
    let anchor: Anchor | null;
    const known = opportunity.dates[key];
    // Own entries only: a date named like an Object.prototype member is no estimate.
    const estimate =
      cadence.estimates && Object.hasOwn(cadence.estimates, key)
        ? cadence.estimates[key]
        : undefined;
    if (typeof known === 'string') {
      anchor = { date: known, label: `${key} (${known})` };
    } else if (estimate) {
      // Estimates that count from each other (either date may be given) came back here: none of
      // them is known yet, so the step waits, as for any date not known yet. (With none of the
      // dates in the opportunity, parsing refused the loop.)
      const base = chain.includes(key) ? null : resolveNamed(estimate.from, step, [...chain, key]);
      if (base === null) {
        anchor = null;
      } else {
        const date = applyOffset(base.date, estimate.after, calendar);
        // For the texts: past the last date there is none to write.
        if (date <= LAST_DATE) dates[key] = date;
        // An estimate counted from another says so too: its date is no more known than this one.
        const estimatedAs = `${describeOffset(estimate.after)} after ${base.label}${base.estimatedAs === undefined ? '' : `, itself estimated as ${base.estimatedAs}`}`;
        anchor = {
          date,
          label: `${key} (${date})`,
          estimate: `${key} is not known yet, so it is estimated as ${estimatedAs}`,
          estimatedAs,
        };
      }
    } else if (Object.hasOwn(opportunity.dates, key)) {
      // Known to exist but not known yet (`null`): the step waits for the date.
      anchor = null;
    } else {
      throw new RunnerUpError(
        'unknown_anchor',
        `[runner-up] Step \`${step.id}\` of cadence \`${phase.name}\` counts from \`${key}\`, which opportunity \`${opportunity.id}\` does not have: add \`dates.${key}\` (or \`null\` until it is known), or an estimate for it to the cadence.`,
        { path: ['opportunities', opportunityIndex, 'dates', key] },
      );
    }
    anchors.set(key, anchor);
    return anchor;
  };

  /** What `previous` means before any step: the hand-over date, else `decided`, else the earliest date. */
  const start = (): Anchor => {
    if (phase.handover) {
      return {
        date: phase.handover.date,
        label: `the hand-over from ${
          phase.handover.from === 'inline'
            ? "the opportunity's own cadence"
            : `cadence \`${phase.handover.from}\``
        } (${phase.handover.date})`,
      };
    }
    const decided = opportunity.dates.decided;
    if (typeof decided === 'string') return { date: decided, label: `decided (${decided})` };
    const earliest = earliestDate(opportunity);
    if (earliest) return { date: earliest[1], label: `${earliest[0]} (${earliest[1]})` };
    const first = touches[0];
    if (first) return { date: first.on, label: `your first touchpoint (${first.on})` };
    throw new RunnerUpError(
      'unknown_anchor',
      `[runner-up] The first step of cadence \`${phase.name}\` counts from \`previous\`, which for a first step is the \`decided\` date, and opportunity \`${opportunity.id}\` has no dates: add \`dates.decided\`.`,
      { path: ['opportunities', opportunityIndex, 'dates'] },
    );
  };

  const barred = context.offLimits;
  const offLimits = (contact: Contact): boolean =>
    contact.doNotContact || barred?.(opportunity.organization, contact) === true;
  /** The contact a step addresses; `undefined` when the one it must address is off limits. */
  const chooseContact = (step: Step): Contact | null | undefined => {
    const contacts = opportunity.contacts;
    if (contacts.length === 0) return null;
    const named = (wanted: string) =>
      contacts.find(
        (c) =>
          (c.role !== undefined && comparableName(c.role) === wanted) ||
          comparableName(c.name) === wanted,
      );
    if (opportunity.kind === 'candidate') {
      // Every step goes to the candidate: the contact whose role is `candidate`, else the first,
      // whatever the step's `to:`. Never to someone else instead, as a message meant for them
      // would make no sense there.
      const candidate = candidateOf(opportunity)!;
      return offLimits(candidate) ? undefined : candidate;
    }
    if (step.to !== undefined) {
      const found = named(comparableName(step.to));
      if (found) return offLimits(found) ? undefined : found;
    }
    return contacts.find((c) => !offLimits(c));
  };

  const complete = (
    key: string,
    windowOpen: string,
    date: string,
    before: string,
  ): string | undefined => {
    const exact = explicit?.get(key);
    if (exact) {
      take(exact.index);
      return exact.on;
    }
    const until = cutoff !== undefined && date > cutoff ? cutoff : undefined;
    for (const touch of implicit) {
      // In date order.
      if (until !== undefined && touch.on > until) break;
      if (before !== '' && touch.on >= before) break;
      if (touch.on >= windowOpen && !consumed.has(touch.index)) {
        take(touch.index);
        if (touch.on > latestImplicit) latestImplicit = touch.on;
        return touch.on;
      }
    }
    return undefined;
  };

  /** The clauses {@link settle} adds to the `why` of the date it settled last. */
  let notes = '';
  const note = (clause: string): void => {
    notes = notes === '' ? clause : `${notes}; ${clause}`;
  };

  /**
   * Set by {@link settle} when the snooze moved the date: the date before it, and the clauses of
   * `why` before the snooze's. A reminder done or skipped before the snooze ended shows that date:
   * the snooze puts off what is still to do, not what was finished. `''` when not snoozed.
   */
  let unsnoozed = '';
  let unsnoozedNotes = '';
  /** Whether the snooze moved any reminder. */
  let snoozeMoved = false;
  /** The reminders the snooze moved and still shows moved, with the date each had before it. */
  let snoozedFrom: Map<PlannedItem, string> | undefined;
  /**
   * The repeats the snooze (`true`) or a move to a workday (`false`) put on the same day as the
   * repeat after them: the latest stands for them, and those still pending are left out (one a
   * touch completed in its own period is shown on its date). Decided when planning, before any
   * touch completes a reminder, so completing the one shown brings none of them back.
   */
  let foldedItems: Map<PlannedItem, boolean> | undefined;

  /** Shifts to a workday and past the snooze; returns the final date. */
  const settle = (date: string): string => {
    let settled = date;
    unsnoozed = '';
    if (rules.businessDays) {
      const moved = nextWorkday(settled, calendar);
      if (moved !== settled) {
        note(
          `moved from ${weekdayName(weekday(settled))} ${settled}${calendar.holidays.has(settled) ? ' (a holiday)' : ''} to the next workday`,
        );
        settled = moved;
      }
    }
    const snooze = ignoreSnooze ? undefined : opportunity.snoozedUntil;
    if (snooze !== undefined && settled < snooze) {
      unsnoozed = settled;
      unsnoozedNotes = notes;
      const to = rules.businessDays ? nextWorkday(snooze, calendar) : snooze;
      note(
        to === snooze
          ? `snoozed from ${settled} until ${snooze}`
          : `snoozed from ${settled} until ${snooze}, then to the next workday`,
      );
      settled = to;
    }
    return settled;
  };

  // The series of the step emitted last; `null` when the contact it must address is off limits.
  // Each step is emitted once, and the last one again for each repeat, straight after: one entry
  // is enough.
  let seriesStep: Step | undefined;
  let series: Series | null = null;
  /** The date {@link emit} gave its item: `previous` counts from the date a reminder shows. */
  let emitted = '';
  /**
   * Whether occurrence `occurrence` of step `stepId`, due `nominal` (before a move to a workday or
   * a snooze), is left out: a cadence handed over to plans nothing on or before the day of the
   * hand-over, which had its touch, and what it would have planned earlier had its time while the
   * first cadence ran. A reminder a touch names (`reminder:`, a tick read back by `sync`) stays,
   * done. Its key is built only then: most reminders are after any hand-over.
   */
  const beforeHandover = (nominal: string, stepId: string, occurrence: number): boolean => {
    if (
      floor !== undefined &&
      nominal <= floor &&
      !explicit?.has(reminderKey(opportunity.id, stepId, occurrence))
    ) {
      return true;
    }
    plannedAny = true;
    return false;
  };
  /** Whether this pass planned any step or repeat, or has one waiting for its date. */
  let plannedAny = false;

  /**
   * Plans `step` on `date`, explained by `lead + middle + trail` and the current `notes`.
   * `foldsBefore` is, for a repeat the snooze or a move to a workday puts on the same day as the
   * next one, the end of its own period (else `''`): such a repeat is left out unless a touch
   * before that date completes it.
   */
  const emit = (
    step: Step,
    stepId: string,
    occurrence: number,
    date: string,
    time: string,
    lead: string,
    middle: string | number,
    trail: string,
    windowOpen: string,
    foldsBefore = '',
  ): string | undefined => {
    emitted = date;
    if (step !== seriesStep) {
      seriesStep = step;
      const contact = chooseContact(step);
      series =
        contact === undefined
          ? null
          : { opportunity, opportunityIndex, step, stepId, rules, contact, dates };
    }
    if (series === null) return undefined;
    const key = reminderKey(opportunity.id, stepId, occurrence);
    const snoozed = unsnoozed !== '';
    const folds = foldsBefore !== '';
    const done = complete(key, windowOpen, date, foldsBefore);
    // Finished while the snooze still held: shown where it was before it.
    const early = snoozed && done !== undefined && done < opportunity.snoozedUntil!;
    const item: PlannedItem = {
      series,
      key,
      occurrence,
      date: early ? unsnoozed : date,
      time,
      state: done === undefined ? 'pending' : 'done',
      lead,
      middle,
      trail,
      notes: early ? unsnoozedNotes : notes,
      closedOn: done ?? '',
      outcome: '',
    };
    if (snoozed) {
      snoozeMoved = true;
      if (!early) {
        snoozedFrom ??= new Map();
        snoozedFrom.set(item, unsnoozed);
      }
    }
    if (folds) {
      foldedItems ??= new Map();
      foldedItems.set(item, snoozed);
    }
    items.push(item);
    emitted = item.date;
    return done;
  };

  /**
   * For a repeat due `nominal` that {@link settle} put on `date`, when the repeat after it (`next`,
   * before any shift) lands on the same day too: the end of its own period. Else `''`.
   * - Snoozed (moved there by the snooze, or due there anyway): the date the next one was due or
   *   the snooze's date, whichever comes first.
   * - Not snoozed, when a move to a workday brought them together (a daily repeat over a weekend,
   *   or a holiday): that workday. Two repeats due on one day (an RRULE's `BYHOUR`) stay apart.
   */
  const foldsBefore = (nominal: string, date: string, next: string | undefined): string => {
    if (next === undefined) return '';
    if (unsnoozed === '') {
      // Only a repeat moved forward can meet the next: one not moved is before it or on its day.
      if (!rules.businessDays || nominal === date || next > date) return '';
      return nextWorkday(next, calendar) === date ? date : '';
    }
    const snooze = opportunity.snoozedUntil!;
    const shifted = rules.businessDays ? nextWorkday(next, calendar) : next;
    if (shifted < snooze) return shifted;
    const landing = rules.businessDays ? nextWorkday(snooze, calendar) : snooze;
    return shifted === landing ? snooze : '';
  };

  let firstAnchor: string | undefined;
  /** Plans every step and repeat of the cadence into `items`. */
  const emitAll = (): void => {
    items = [];
    plannedAny = false;
    seriesStep = undefined;
    series = null;
    snoozeMoved = false;
    snoozedFrom = undefined;
    foldedItems = undefined;
    let prevPlanned: string | undefined;
    let prevEffective: string | undefined;
    /**
     * Whether no step is planned or waiting yet: a step counting from `previous` or `lastTouch`
     * counts from the start then (see {@link start}). A step left out before the hand-over changes
     * nothing: the one after it counts from the step before it, or from the hand-over.
     */
    let fromStart = true;
    /** The last step's date, which its repeats count from; `undefined` while it waits. */
    let lastStepDate: string | undefined;
    /** Whether the last step was left out, falling before the hand-over. */
    let lastLeftOut = false;
    firstAnchor = undefined;
    const steps = cadence.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      let anchor: Anchor | null;
      if (step.from === 'previous') {
        if (fromStart) anchor = start();
        else if (prevEffective === undefined) anchor = null;
        else
          anchor = {
            date: prevEffective,
            label:
              prevEffective === prevPlanned
                ? `the previous step (${prevEffective})`
                : `your touch on ${prevEffective} that completed the previous step`,
          };
      } else if (step.from === 'lastTouch') {
        if (fromStart) {
          const s = start();
          const restarts = firstLastTouch(
            step,
            reminderKey(opportunity.id, prefix + step.id, 1),
            s.date,
            outbound,
            cutoff,
            rules.businessDays,
            calendar,
          );
          const latest = restarts[restarts.length - 1];
          if (latest === undefined) {
            anchor = { date: s.date, label: `${s.label}, as no touch is recorded before it` };
          } else {
            // Each restart is spent on this step: none completes a later one.
            for (const touch of restarts) take(touch.index);
            if (latest.on > latestImplicit) latestImplicit = latest.on;
            anchor = { date: latest.on, label: `your last touch (${latest.on})` };
          }
        } else {
          const reference = rules.restartOnTouch ? prevEffective : prevPlanned;
          let latest: IndexedTouch | undefined;
          if (reference !== undefined && outbound.length > 0) {
            const firstKey = reminderKey(opportunity.id, prefix + step.id, 1);
            // Touches before the start belong to the selection itself.
            const from = start().date;
            for (const touch of outbound) {
              if (touch.on < from) continue;
              // In date order; on a second pass, touches after the hand-over are the next cadence's.
              if (touch.on > reference || (cutoff !== undefined && touch.on > cutoff)) break;
              // A tick of this step or of one of its repeats completes it: it is not what it
              // counts from.
              if (!ticks(touch, firstKey)) latest = touch;
            }
          }
          if (reference === undefined) {
            // The step before waits for a date: so does this one.
            anchor = null;
          } else if (latest) {
            if (latest.on > latestImplicit) latestImplicit = latest.on;
            anchor = { date: latest.on, label: `your last touch (${latest.on})` };
          } else {
            anchor = {
              date: reference,
              label: `the previous step (${reference}), as no touch is recorded by then`,
            };
          }
        }
      } else {
        anchor = resolveNamed(step.from, step, []);
      }
      if (anchor === null) {
        // The anchor is not known yet: this step waits, and so do steps counting from it.
        prevPlanned = undefined;
        prevEffective = undefined;
        fromStart = false;
        lastStepDate = undefined;
        plannedAny = true;
        continue;
      }
      firstAnchor ??= anchor.date;
      notes = anchor.estimate ?? '';
      const offsetDate = applyOffset(anchor.date, step.after, calendar);
      if (beforeHandover(offsetDate, prefix + step.id, 1)) {
        lastStepDate = offsetDate;
        lastLeftOut = true;
        continue;
      }
      const planned = settle(offsetDate);
      // A touch completes the first step not yet done whose anchor date it falls on or after; a
      // step counting from the one before opens no earlier than that one was done or planned.
      const windowOpen =
        (step.from !== 'previous' && step.from !== 'lastTouch') ||
        prevEffective === undefined ||
        prevEffective <= anchor.date
          ? anchor.date
          : prevEffective;
      // "3 weeks after decided (…)"; with no offset, "on the day of decided (…)" (but "0 business
      // days after" a Saturday is the Monday).
      const offset = describeOffset(step.after);
      const sameDay =
        (offset === '0 days' || offset === '0 business days') && offsetDate === anchor.date;
      const done = emit(
        step,
        prefix + step.id,
        1,
        planned,
        context.at,
        sameDay ? 'on the day of' : offset,
        sameDay ? ' ' : ' after ',
        anchor.label,
        windowOpen,
      );
      // `planned`, or for a step done before a snooze the date before it.
      prevPlanned = emitted;
      prevEffective = done !== undefined && rules.restartOnTouch ? done : prevPlanned;
      fromStart = false;
      lastStepDate = prevEffective;
      lastLeftOut = false;
    }

    const repeat = cadence.repeat;
    const last = steps[steps.length - 1]!;
    if (repeat && lastStepDate !== undefined) {
      const base = lastStepDate;
      // "after the last step (…)": one left out before the hand-over is not shown, so say so.
      const baseLabel = lastLeftOut ? `${base}, before the hand-over, so not planned` : base;
      const limitFromUntil =
        repeat.until === undefined
          ? undefined
          : /^\d{4}-/.test(repeat.until)
            ? repeat.until
            : addDuration(base, repeat.until);
      const limit =
        limitFromUntil !== undefined && limitFromUntil < context.horizonEnd
          ? limitFromUntil
          : context.horizonEnd;
      const maxCount = repeat.count ?? Number.POSITIVE_INFINITY;
      let windowOpen = base;
      /**
       * Whether a touch not yet spent, on or after `windowOpen`, could complete a repeat due
       * `nominal`. The first repeat still to do takes the next such touch, so past the horizon
       * this plans at most one repeat per touch, however far ahead the touch lies.
       */
      const touchLeft = (nominal: string): boolean => {
        for (let t = implicit.length - 1; t >= 0; t--) {
          const touch = implicit[t]!;
          if (touch.on < windowOpen) return false;
          if (consumed.has(touch.index)) continue;
          // On a second pass, a repeat after the hand-over takes no touch after it.
          if (cutoff !== undefined && nominal > cutoff && touch.on > cutoff) continue;
          return true;
        }
        return false;
      };
      /**
       * Whether the repeat due `nominal`, whose window opens on `windowOpen`, is planned. Past the
       * horizon, repeats are planned while a touch can still complete them (and dropped by
       * plan()): which reminder a touch completes, and so when a hand-over happens, must not
       * depend on how far the horizon reaches.
       */
      const planned = (nominal: string): boolean =>
        nominal <= limit ||
        (nominal <= LAST_DATE &&
          (limitFromUntil === undefined || nominal <= limitFromUntil) &&
          touchLeft(nominal));
      const stepId = prefix + last.id;
      /**
       * Plans repeat `k`, due `nominal`, whose window opens on `opens` (`nominalOf(j)` gives repeat
       * j's date, or undefined past the repeat's own end); returns where the next one's opens.
       */
      const emitRepeat = (
        nominal: string,
        time: string,
        k: number,
        trail: string,
        opens: string,
        nominalOf: (j: number) => string | undefined,
      ): string => {
        notes = '';
        if (beforeHandover(nominal, stepId, k + 1)) return nominal;
        const date = settle(nominal);
        const original = unsnoozed;
        const folds = k >= maxCount ? '' : foldsBefore(nominal, date, nominalOf(k + 1));
        const done = emit(last, stepId, k + 1, date, time, 'as repeat ', k, trail, opens, folds);
        // A repeat left out counts from the date it had: a touch in its period completes it.
        return done ?? (folds === '' ? date : original !== '' ? original : nominal);
      };
      if (repeat.every !== undefined) {
        const every = repeat.every;
        // Checked on a fixed date: the last step's may be past the last date runner-up plans.
        if (addDuration('2000-01-01', every) <= '2000-01-01') {
          throw new RunnerUpError(
            'invalid_pipeline',
            `[runner-up] \`repeat.every\` of cadence \`${phase.name}\` must be at least one day, got ${every}.`,
            { path: [...phase.path, 'repeat', 'every'] },
          );
        }
        // "as repeat <k> of every 3 months after the last step (…)": all but k shared.
        const trail = ` of every ${describeDuration(every)} after the last step (${baseLabel})`;
        // Anchored: j × the interval from the last step, clamped to the month end each time.
        // Each repeat asks for the next one's date too (see `foldsBefore`): the last is kept.
        let lastJ = 0;
        let lastNominal = base;
        const repeatDate = (j: number): string => {
          if (j !== lastJ) {
            lastJ = j;
            lastNominal = addDuration(base, every, j);
          }
          return lastNominal;
        };
        // Past the horizon too: what a snooze folds must not depend on it.
        const nominalOf = (j: number): string | undefined => {
          const nominal = repeatDate(j);
          return limitFromUntil !== undefined && nominal > limitFromUntil ? undefined : nominal;
        };
        for (let k = 1; k <= maxCount; k++) {
          const nominal = repeatDate(k);
          if (!planned(nominal)) break;
          windowOpen = emitRepeat(nominal, context.at, k, trail, windowOpen, nominalOf);
        }
      } else if (repeat.rrule !== undefined) {
        const problem = validateRRule(repeat.rrule);
        if (problem !== undefined) {
          throw new RunnerUpError(
            'invalid_rrule',
            `[runner-up] \`repeat.rrule\` of cadence \`${phase.name}\` is not a valid RFC 5545 rule: ${problem}`,
            { path: [...phase.path, 'repeat', 'rrule'] },
          );
        }
        // A last step past the last date runner-up plans has no repeats to plan.
        if (base > LAST_DATE) return;
        const max = Number.isFinite(maxCount) ? maxCount + 1 : undefined;
        // Up to the end of a snooze past the horizon, so that what it folds does not depend on
        // the horizon; occurrences after the horizon are not planned.
        const snooze = ignoreSnooze ? undefined : opportunity.snoozedUntil;
        let until = limit;
        if (snooze !== undefined && snooze > limit) {
          until = limitFromUntil !== undefined && limitFromUntil < snooze ? limitFromUntil : snooze;
        }
        const start = { date: base, time: context.at };
        let occurrences = expandRRule(
          repeat.rrule,
          start,
          max === undefined ? { until } : { until, max },
        );
        /** The rule's own end, past which no extension reaches. */
        const end = limitFromUntil ?? LAST_DATE;
        const trail = ` of the rule ${repeat.rrule} after the last step (${baseLabel})`;
        // DTSTART is the last step itself (RFC 5545 counts it as the first instance): skip it.
        let first = 0;
        const skipStart = (): void => {
          while (
            first < occurrences.length &&
            (occurrences[first]!.date < base ||
              (occurrences[first]!.date === base && occurrences[first]!.time <= context.at))
          ) {
            first += 1;
          }
        };
        skipStart();
        // In order: repeat j is occurrence first + j - 1.
        const nominalOf = (j: number): string | undefined => occurrences[first + j - 1]?.date;
        for (let k = 1; k <= maxCount; k++) {
          if (first + k - 1 >= occurrences.length) {
            // Past the range expanded: on, while touches are left (see `planned`), by one
            // occurrence per touch at a time, until the rule itself ends.
            if (until >= end || !touchLeft('')) break;
            const had = occurrences.length;
            const more = had + implicit.length + 1;
            occurrences = expandRRule(repeat.rrule, start, {
              until: end,
              max: max === undefined ? more : Math.min(max, more),
            });
            skipStart();
            if (occurrences.length === had || first + k - 1 >= occurrences.length) break;
          }
          const occurrence = occurrences[first + k - 1]!;
          if (!planned(occurrence.date)) break;
          windowOpen = emitRepeat(
            occurrence.date,
            occurrence.time,
            k,
            trail,
            windowOpen,
            nominalOf,
          );
        }
      }
    }
  };
  emitAll();
  if (floor !== undefined && !plannedAny) phase.nothingLeft = true;

  // Stop events and hand-over, decided from the touchpoints since the cadence began.
  // Replies and unanswered touches count from the decision (or the hand-over), not from
  // exchanges during the selection itself.
  const since = floor ?? origin(opportunity) ?? firstAnchor;
  const relevant = since === undefined ? visible : visible.filter((t) => t.on >= since);
  // A reply comes after the decision: a call on that day telling you that you came second is not
  // one.
  const reply = rules.stopOn.includes('reply')
    ? relevant.find((t) => isReply(t) && (since === undefined || t.on > since))?.on
    : undefined;
  let handover: string | undefined;
  if (rules.maxUnanswered !== undefined) {
    let unanswered = 0;
    // Day by day (touches are in date order): a reply answers the touches of its own day too,
    // whatever order the file lists them in. Only a reply answers: not one on the decision day.
    // A touch of yours they answered is a reply, so no unanswered touch itself.
    for (let t = 0; t < relevant.length && handover === undefined; ) {
      const day = relevant[t]!.on;
      let answered = false;
      let touches = 0;
      for (; t < relevant.length && relevant[t]!.on === day; t++) {
        if (!isReply(relevant[t]!)) touches += 1;
        else if (since === undefined || day > since) answered = true;
      }
      if (answered) unanswered = 0;
      else if (unanswered + touches >= rules.maxUnanswered) handover = day;
      else unanswered += touches;
    }
    if (handover !== undefined && reply !== undefined && reply <= handover) handover = undefined;
  }
  const statusStop = rules.stopOn.includes(opportunity.status as never);
  const next = rules.thenCadence;
  const handsOver =
    !statusStop && handover !== undefined && next !== undefined && !phase.visited.includes(next);
  const stopsHere = !statusStop && handover !== undefined;
  // Plan again, at most twice, when what was planned does not hold:
  // - touches after the hand-over completed steps planned after it: those touches are left to the
  //   cadence handed over to, whatever the horizon;
  // - a reply came while the snooze held, which ends the snooze with the cadence: what was planned
  //   before the reply is skipped where it was planned, and `previous` counts from those dates.
  for (;;) {
    let again = false;
    if (cutoff === undefined && handsOver && latestImplicit > handover!) {
      cutoff = handover;
      again = true;
    }
    if (
      !ignoreSnooze &&
      !statusStop &&
      reply !== undefined &&
      snoozeMoved &&
      reply < opportunity.snoozedUntil!
    ) {
      ignoreSnooze = true;
      again = true;
    }
    if (!again) break;
    planAgain();
  }
  // A snooze, or a move to a workday, can put several reminders of one step on one day (a
  // monthly repeat snoozed for a season, a daily one over a weekend): the latest stands for them,
  // and the ones before it are left out rather than repeated on that day.
  let leftOut: Set<PlannedItem> | undefined;
  if (foldedItems !== undefined) {
    let run = 0;
    // How many of the run the snooze moved; the others a move to a workday.
    let snoozedRun = 0;
    for (const item of items) {
      const snoozed = foldedItems.get(item);
      if (snoozed !== undefined) {
        if (item.state === 'pending') {
          leftOut ??= new Set();
          leftOut.add(item);
          run += 1;
          if (snoozed) snoozedRun += 1;
        }
      } else if (run > 0) {
        const how =
          snoozedRun === run
            ? 'snoozed to the same day'
            : snoozedRun === 0
              ? 'moved to the same workday'
              : 'snoozed or moved to the same day';
        const clause =
          run === 1
            ? `the reminder of this step before it, ${how}, is left out`
            : `the ${run} reminders of this step before it, ${how}, are left out`;
        item.notes = item.notes === '' ? clause : `${item.notes}; ${clause}`;
        run = 0;
        snoozedRun = 0;
      }
    }
  }
  for (const item of items) {
    if (item.state === 'done') {
      // A cadence that `maxUnanswered` stopped plans nothing after the stop: a later touch is
      // one more without a reply, not the completion of a step that no longer comes.
      if (stopsHere && !handsOver && item.closedOn > handover!) continue;
      out.push(item);
      continue;
    }
    if (statusStop) continue;
    if (handover !== undefined) {
      // What was planned by the hand-over stays, even when a snooze moved it past it, until a
      // reply after the hand-over (one before it cancels the hand-over).
      const planned = snoozedFrom?.get(item) ?? item.date;
      if (planned > handover || leftOut?.has(item)) continue;
      if (reply === undefined) out.push(item);
      else if (item.date <= reply) {
        item.state = 'skipped';
        item.closedOn = reply;
        out.push(item);
      }
      continue;
    }
    if (reply !== undefined) {
      if (leftOut?.has(item)) continue;
      if (item.date <= reply) {
        item.state = 'skipped';
        item.closedOn = reply;
        out.push(item);
      }
      continue;
    }
    if (!leftOut?.has(item)) out.push(item);
  }
  /** The reminder whose `why` says the cadence stops or hands over here. */
  let endedBy: PlannedItem | undefined;
  if (stopsHere) {
    // The reminder the last unanswered touch completed says what happens next, so the steps
    // that are no longer planned do not vanish without a word.
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const item = items[i]!;
      if (item.state !== 'done' || item.closedOn !== handover) continue;
      const before = rules.maxUnanswered! - 1;
      const touches =
        before === 0
          ? 'this touch'
          : `this and the ${before === 1 ? 'touch' : `${before} touches`} before it`;
      const cadenceName = phase.name === 'inline' ? 'this cadence' : `cadence \`${phase.name}\``;
      item.outcome = `; no reply to ${touches} (\`maxUnanswered: ${rules.maxUnanswered}\`), so ${cadenceName} ${
        handsOver ? `hands over to \`${next}\`` : 'stops here'
      }`;
      endedBy = item;
      break;
    }
  }
  if (!handsOver) return undefined;
  return {
    cadence: context.resolve(next, [...phase.path, 'rules', 'thenCadence']),
    name: next,
    path: ['cadences', next],
    prefix: `${prefix}${next}.`,
    handover: { date: handover!, from: phase.name, endedBy },
    visited: [...phase.visited, next],
  };
}
