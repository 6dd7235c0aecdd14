import {
  ChannelSchema,
  cadenceSources,
  candidateOf,
  comparableName,
  isRunnerUpError,
  LAST_PLANNED_DATE,
  lintPipeline,
  type Pipeline,
  PlainDateSchema,
  plan,
  type Reminder,
  RunnerUpError,
  resolveCadence,
} from '@runner-up/core';
import { type CliContext, dateIn, shellWord } from '../context';
import { editPipelineFileParsed, findOpportunity } from '../file/pipeline-file';
import { closestName, didYouMean } from '../output/closest-name';
import { escapeControls } from '../output/terminal-text';

/** Options of the `log` command. */
export interface LogOptions {
  /** `email`, `call`, `linkedin`, `meeting`, `note` or `other` (required). */
  channel?: string;
  /** The contact's name: not empty or blank. */
  with?: string;
  /** `out` (you reached out) or `in` (they did). @default 'out' */
  direction?: string;
  /** A touch of yours they answered on the spot (a call they picked up): also their reply. */
  answered?: boolean;
  note?: string;
  /** The date of the contact. @default today in the owner's zone */
  at?: string;
}

/** Checks a `YYYY-MM-DD` flag value. */
export function parseDateFlag(flag: string, value: string): string {
  const date = PlainDateSchema.safeParse(value);
  if (!date.success) {
    // Core's wording, which says why a date of the right shape is none (February has 28 days).
    const why = date.error.issues[0]?.message.replace(/^expected a date like 2026-11-20, got /, '');
    throw new RunnerUpError(
      'invalid_options',
      `\`--${flag}\` expects a date like 2026-11-20, got ${why ?? JSON.stringify(value)}.`,
      { path: [flag] },
    );
  }
  return value;
}

/** `runner-up log <opportunity>`: records a touchpoint in the file, keeping everything else as it was. */
export async function logCommand(
  ctx: CliContext,
  opportunityId: string,
  options: LogOptions,
): Promise<void> {
  // Checked here rather than by commander, which would ask for `--channel` before it noticed a
  // missing `<opportunity>` (`runner-up log` alone).
  if (options.channel === undefined) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--channel\` is required: one of ${ChannelSchema.options.join(', ')} (\`${ctx.commandLine(`log ${shellWord(opportunityId)} --channel call`)}\`).`,
      { path: ['channel'] },
    );
  }
  const channel = ChannelSchema.safeParse(options.channel);
  if (!channel.success) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--channel\` must be one of ${ChannelSchema.options.join(', ')}; got ${JSON.stringify(options.channel)}.${didYouMean(options.channel, ChannelSchema.options)}`,
      { path: ['channel'] },
    );
  }
  const direction = options.direction ?? 'out';
  if (direction !== 'in' && direction !== 'out') {
    throw new RunnerUpError(
      'invalid_options',
      `\`--direction\` must be one of in, out; got ${JSON.stringify(direction)}.${didYouMean(direction, ['in', 'out'])}`,
      { path: ['direction'] },
    );
  }
  if (options.answered === true && direction === 'in') {
    throw new RunnerUpError(
      'invalid_options',
      '`--answered` is for a touch of yours (`--direction out`) that they answered on the spot, such as a call they picked up; a touch from them (`--direction in`) is their reply already, so leave `--answered` out.',
      { path: ['answered'] },
    );
  }
  if (options.with !== undefined && options.with.trim() === '') {
    throw new RunnerUpError(
      'invalid_options',
      `\`--with\` expects the name of the person you were in touch with, got ${JSON.stringify(options.with)}; leave it out when there was nobody in particular.`,
      { path: ['with'] },
    );
  }
  // A name typed with combining accents is written as the file's names are (NFC): `Léa` pasted
  // from some input methods has its accent as a character of its own.
  if (options.with !== undefined) options = { ...options, with: options.with.normalize('NFC') };
  if (options.note !== undefined && options.note.trim() === '') {
    throw new RunnerUpError(
      'invalid_options',
      `\`--note\` expects what was said, got ${JSON.stringify(options.note)}; leave it out when there is nothing to note.`,
      { path: ['note'] },
    );
  }
  const at = options.at === undefined ? undefined : parseDateFlag('at', options.at);
  const { result, before, after } = await editPipelineFileParsed(
    ctx.file,
    (editor, pipeline) => {
      const { node, index } = findOpportunity(editor.doc, pipeline, opportunityId, ctx.file);
      const zone = pipeline.owner.timezone;
      const today = dateIn(ctx.nowIn(zone), zone);
      // A touchpoint records a contact that happened: one planned ahead is a snooze.
      if (at !== undefined && at > today) {
        throw new RunnerUpError(
          'invalid_options',
          `\`--at\` ${at} is after today, ${today} in ${zone}: a touchpoint records a contact that already happened. To plan one for later, run \`${ctx.commandLine(`snooze ${shellWord(opportunityId)} --until ${at}`)}\`.`,
          { path: ['at'] },
        );
      }
      const touchpoint: Record<string, string | boolean> = {
        on: at ?? today,
        channel: channel.data,
      };
      if (options.with !== undefined) touchpoint.with = options.with;
      touchpoint.direction = direction;
      if (options.answered === true) touchpoint.answered = true;
      if (options.note !== undefined) touchpoint.note = options.note;
      editor.appendToList(node, 'touchpoints', touchpoint);
      return {
        changed: true,
        touchpoint,
        warnings: withWarnings(pipeline, index, options.with),
      };
    },
    { env: ctx.env, onLockWait: (message) => ctx.err(message) },
  );
  const zone = after.owner.timezone;
  const today = dateIn(ctx.nowIn(zone), zone);
  /** What `log` says on stderr after the result, and in `warnings` with `--json`. */
  const notes: CommandWarning[] = [];
  for (const warning of result.warnings) {
    notes.push({ ...warning, message: `Warning: ${warning.message}` });
  }
  // The touchpoint is written: a plan that cannot be made (a `--now` near the last day runner-up
  // plans) only leaves out which reminder it completes, and must not read as a failed `log`.
  let effect: TouchEffect = {
    completed: [],
    recounted: [],
    released: [],
    stopped: 0,
    addressee: undefined,
  };
  let known = true;
  try {
    effect = touchEffect(
      before,
      after,
      opportunityId,
      String(result.touchpoint.on),
      ctx.nowIn(zone),
    );
    // Only a reply stops follow-ups (one from them, or a touch of yours they answered). After
    // another touch, a reminder can leave the plan for other reasons (a repeat pushed past the
    // horizon), which is no stop.
    if (direction !== 'in' && options.answered !== true) effect.stopped = 0;
  } catch (error) {
    if (!isRunnerUpError(error)) throw error;
    known = false;
    // The plans it compares reach EFFECT_MONTHS ahead: no option of `log` sets that, so core's
    // advice (a shorter horizon) is not given.
    const reason =
      error.path[0] === 'horizon'
        ? `it plans ${EFFECT_MONTHS} months ahead of today (${today}), which reaches past ${LAST_PLANNED_DATE}, the last day runner-up plans`
        : error.message.replace(/^\[runner-up\] (?:\[\w+\] )?/, '');
    notes.push({
      code: 'completion_unknown',
      message: `Note: the touchpoint is recorded, but which reminder it completes could not be worked out: ${reason}`,
    });
  }
  const ahead = effect.completed.filter((c) => c.plannedFor > today);
  if (ahead.length > 0) {
    const which = ahead.map((c) => `${c.key}, planned for ${c.plannedFor}`).join('; ');
    notes.push({
      code: 'completes_later_reminder',
      message: `Note: this touch completes ${which}, after today (${today}): a touch completes the first step not yet completed whose anchor date it falls on or after. If you did not mean that, remove the touchpoint from ${ctx.file}, or add \`reminder: <key>\` to it to name the reminder it completes.`,
    });
  }
  const candidateNote = notCandidateNote(after, opportunityId, options.with, effect);
  if (candidateNote !== undefined)
    notes.push({ code: 'not_the_candidate', message: candidateNote });
  if (ctx.json) {
    ctx.out(
      JSON.stringify({
        opportunityId,
        touchpoint: result.touchpoint,
        completed: effect.completed.map((c) => c.key),
        recounted: effect.recounted.map((c) => ({ key: c.key, by: c.by })),
        released: effect.released,
        stopped: effect.stopped,
        ends: effect.ends ?? null,
        warnings: notes.map(jsonWarning),
      }),
    );
  } else {
    const who = options.with ? ` with ${escapeControls(options.with)}` : '';
    const completes = !known
      ? ''
      : effect.completed.length === 0
        ? ' It completes no planned reminder.'
        : ` It completes ${effect.completed.map((c) => `${c.key}, planned for ${c.plannedFor}`).join('; ')}.`;
    const recounted = effect.recounted
      .map((c) => ` The touch of ${c.by} now completes ${c.key}, planned for ${c.plannedFor}.`)
      .join('');
    const released = effect.released
      .map((day) => ` The touch of ${day} now completes no reminder.`)
      .join('');
    const stopped =
      effect.stopped === 0
        ? ''
        : ` As a reply, it stops the follow-ups: ${effect.stopped === 1 ? '1 planned reminder is' : `${effect.stopped} planned reminders are`} dropped.`;
    const ends =
      effect.ends === undefined
        ? ''
        : ` ${effect.ends[0]!.toUpperCase()}${effect.ends.slice(1)}${/(?:stops here|nothing left to plan)$/.test(effect.ends) ? `: nothing more is planned for ${opportunityId}` : ''}.`;
    const status = stoppingStatus(after, opportunityId);
    const closed =
      status === undefined
        ? ''
        : ` ${opportunityId} is \`${status}\`, so nothing more is planned for it.`;
    ctx.out(
      `${ctx.colors.green('✓')} Logged ${result.touchpoint.channel}${who} on ${result.touchpoint.on} for ${opportunityId}.${completes}${recounted}${released}${stopped}${ends}${closed}`,
    );
  }
  // The result first, then the warnings about it, as `snooze` does; with --json too.
  for (const note of notes) ctx.err(`[runner-up] ${note.message}`);
}

/**
 * The opportunity's status when its cadence stops on it (`won`, `closed`, `withdrawn`, or `lost`
 * where a cadence says so): a touch recorded then completes a step, and nothing follows it.
 */
function stoppingStatus(pipeline: Pipeline, opportunityId: string): string | undefined {
  const opportunity = pipeline.opportunities.find((o) => o.id === opportunityId);
  const cadence = opportunity?.cadence;
  if (opportunity === undefined || cadence === undefined || cadence === false) return undefined;
  let stopOn: readonly string[];
  try {
    stopOn =
      typeof cadence === 'string'
        ? resolveCadence(cadence, cadenceSources(pipeline)).rules.stopOn
        : cadence.rules.stopOn;
  } catch (error) {
    // A cadence the CLI cannot see (a plugin's) was refused when the file was read: say nothing.
    if (isRunnerUpError(error)) return undefined;
    throw error;
  }
  return stopOn.includes(opportunity.status) ? opportunity.status : undefined;
}

/** A warning or note of `log` or `snooze`: on stderr, and in `warnings` with `--json`. */
export interface CommandWarning {
  code: string;
  message: string;
}

/** A warning as `--json` prints it: its message without the `Warning:` or `Note:` stderr starts with. */
export function jsonWarning({ code, message }: CommandWarning): CommandWarning {
  return { code, message: message.replace(/^(Warning|Note): /, '') };
}

/** A reminder a touch completed, and the day it had been planned for. */
interface Completed {
  key: string;
  plannedFor: string;
}

/**
 * The day the touch that completed `reminder` fell on, or `undefined` when it is not done: the date
 * of the last `; done on YYYY-MM-DD` in its `why` (core writes that clause after every other but
 * the outcome, and text before it may hold anything, such as the name of a date).
 */
function doneOn(reminder: Reminder | undefined): string | undefined {
  if (reminder?.status !== 'done') return undefined;
  const at = reminder.why.lastIndexOf('; done on ');
  const date = at < 0 ? '' : reminder.why.slice(at + 10, at + 20);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
}

/** Whether a reminder is still to be done: `upcoming`, `due` or `overdue`. */
const isPending = (reminder: Reminder | undefined) =>
  reminder?.status === 'upcoming' || reminder?.status === 'due' || reminder?.status === 'overdue';

/** How far ahead the plans before and after a touch are compared, to tell what it did. */
const EFFECT_MONTHS = 24;

/**
 * What the touch just recorded did, found by planning the file as it was and as it is now, at
 * the same `now` (so the rules are core's, not a copy of them):
 * - `completed`: the reminders of the opportunity done by a touch on its day now and not before,
 *   with the day each had been planned for. A touch dated before another one already recorded
 *   completes an earlier step, and the later touch then completes the next one: that one is in
 *   `recounted`, not `completed`. A later touch left with no step to complete is in `released`.
 * - `stopped`: how many reminders are skipped now and were not before (a reply ends a cadence).
 * - `addressee`: who the opportunity's reminders go to.
 */
function touchEffect(
  before: Pipeline,
  after: Pipeline,
  opportunityId: string,
  on: string,
  now: string,
): TouchEffect {
  const was = new Map(
    plan(before, { now, horizon: `P${EFFECT_MONTHS}M` })
      .filter((r) => r.opportunityId === opportunityId)
      .map((r) => [r.key, r]),
  );
  const completed: Completed[] = [];
  const recounted: Array<Completed & { by: string }> = [];
  let ends: string | undefined;
  // Reminders still to do before, and skipped or gone from the plan now: a reply stops them (those
  // dated before it are kept as skipped, the later ones are planned no more).
  const still = new Set<string>();
  /** The days of the touches that complete a reminder now. */
  const nowDone: string[] = [];
  for (const r of plan(after, { now, horizon: `P${EFFECT_MONTHS}M` })) {
    if (r.opportunityId !== opportunityId) continue;
    const earlier = was.get(r.key);
    if (r.status !== 'skipped') still.add(r.key);
    const by = doneOn(r);
    if (by !== undefined) nowDone.push(by);
    if (by === undefined || by === doneOn(earlier)) continue;
    const done = { key: r.key, plannedFor: earlier?.local.date ?? r.local.date };
    if (by === on) {
      completed.push(done);
      // Core's own words, when this touch was the last unanswered one the cadence allows.
      const end = UNANSWERED_END.exec(r.why);
      if (end !== null) ends = end[1];
    } else recounted.push({ ...done, plannedFor: r.local.date, by });
  }
  let stopped = 0;
  for (const [key, r] of was) if (isPending(r) && !still.has(key)) stopped += 1;
  // Touches that completed a reminder before and none now: this one took their step, and no
  // step was left for them.
  const completing = new Set(nowDone);
  const released = [...new Set([...was.values()].map(doneOn))]
    .filter((day): day is string => day !== undefined && day !== on && !completing.has(day))
    .sort();
  const addressee = [...was.values()].find((r) => r.contact !== null)?.contact?.name;
  return { completed, recounted, released, stopped, addressee, ends };
}

/**
 * The clause of a done reminder's `why` that says its touch was the last unanswered one its
 * cadence allows (`maxUnanswered`): "no reply to this and the 2 touches before it
 * (`maxUnanswered: 3`), so cadence `silver-medalist` stops here"; a hand-over to a cadence whose
 * steps all fell by then adds ", which has nothing left to plan".
 */
const UNANSWERED_END =
  /; (no reply to [^;]*\(`maxUnanswered: \d+`\), so (?:this cadence|cadence `[^`]*`) (?:stops here|hands over to `[^`]*`(?:, which has nothing left to plan)?))/;

/** What a touch did to the opportunity's reminders (see {@link touchEffect}). */
interface TouchEffect {
  completed: Completed[];
  /** Reminders another touch completes now: this one, dated before it, took the step it did. */
  recounted: Array<Completed & { by: string }>;
  /** The days of recorded touches that completed a reminder before this one, and none now. */
  released: string[];
  /** How many reminders still to do before are skipped or no longer planned now. */
  stopped: number;
  addressee: string | undefined;
  /** When this touch ends the cadence or hands it over (`maxUnanswered`), core's words for it. */
  ends?: string | undefined;
}

/**
 * For a `kind: candidate` entry, a touch with someone at the client who is not the candidate
 * completes no step (only touches with the candidate count): say so, rather than let it look like
 * a follow-up done.
 */
function notCandidateNote(
  pipeline: Pipeline,
  opportunityId: string,
  name: string | undefined,
  effect: TouchEffect,
): string | undefined {
  const opportunity = pipeline.opportunities.find((o) => o.id === opportunityId);
  if (opportunity?.kind !== 'candidate' || name === undefined || effect.completed.length > 0) {
    return undefined;
  }
  const wanted = comparableName(name);
  const contact = opportunity.contacts.find((c) => comparableName(c.name) === wanted);
  const candidate = effect.addressee;
  if (contact === undefined || candidate === undefined) return undefined;
  if (comparableName(contact.name) === comparableName(candidate)) return undefined;
  return `Note: ${contact.name} is not the candidate of ${opportunityId} (${candidate}), and only touches with the candidate complete a step of a \`kind: candidate\` entry, so this one completes none. It is recorded all the same.`;
}

/**
 * What may be wrong with the `--with` of a touch just recorded: a name that is no contact's (a
 * typo, most likely), and the one the touch went to marked `doNotContact`, here or as the same
 * person in another opportunity. Without `--with`, or with a name that is no contact's, a touch
 * on a candidate entry went to the candidate; without `--with`, one on an opportunity with one
 * contact went to that contact.
 */
function withWarnings(
  pipeline: Pipeline,
  index: number,
  name: string | undefined,
): CommandWarning[] {
  const opportunity = pipeline.opportunities[index]!;
  if (opportunity.contacts.length === 0) return [];
  const warnings: CommandWarning[] = [];
  const wanted = name === undefined ? undefined : comparableName(name);
  const named =
    wanted === undefined
      ? undefined
      : opportunity.contacts.find((c) => comparableName(c.name) === wanted);
  const candidate = candidateOf(opportunity);
  if (name !== undefined && named === undefined) {
    const names = opportunity.contacts.map((c) => c.name);
    const meant = closestName(name, names);
    // For a candidate, a name that is no contact's is taken for the candidate's, misspelt: say
    // what to do when it was someone at the client instead.
    const counts =
      candidate === undefined
        ? ''
        : meant !== undefined && meant !== candidate.name
          ? ` As written it counts as a touch with the candidate, ${candidate.name}; if it was with ${meant}, write \`with: ${meant}\` in the file, and it completes no step.`
          : ' It counts as a touch with the candidate.';
    const hint =
      meant === undefined
        ? ` (its contacts: ${names.join(', ')}).`
        : `; did you mean \`${meant}\`?`;
    warnings.push({
      code: 'unknown_contact',
      message: `\`--with ${name}\` names no contact of ${opportunity.id}${hint}${counts}`,
    });
  }
  const touched =
    named ??
    candidate ??
    (name === undefined && opportunity.contacts.length === 1 ? opportunity.contacts[0] : undefined);
  if (touched?.doNotContact) {
    warnings.push({
      code: 'do_not_contact',
      message: `${touched.name} is \`doNotContact\` in ${opportunity.id}: the touch is recorded, and nothing is planned for them.`,
    });
  } else if (touched !== undefined) {
    // The same person marked so in another opportunity, as `validate` finds them.
    const at = opportunity.contacts.indexOf(touched);
    const elsewhere = lintPipeline(pipeline).find(
      (warning) =>
        warning.code === 'do_not_contact_elsewhere' &&
        warning.path[1] === index &&
        warning.path[3] === at,
    );
    if (elsewhere !== undefined) {
      warnings.push({
        code: 'do_not_contact',
        message: `${elsewhere.message}; the touch is recorded.`,
      });
    }
  }
  return warnings;
}
