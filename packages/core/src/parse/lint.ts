/**
 * Warnings about a valid pipeline: what the schema allows but most likely is a typo, because it
 * silently does nothing. `runner-up validate` prints them; `plan()` never reads them.
 *
 * @module
 */

import { lookUpCadence } from '../engine/cadence-lookup';
import { checkedPipeline } from '../engine/checked-pipeline';
import {
  type ExtendOrigin,
  originsOfParsed,
  placeInherited,
  traceOrigin,
} from '../engine/extend-cadence';
import { createIdentity } from '../engine/identity';
import { type PlanOptions, resolveNow } from '../engine/options';
import { cadenceSources } from '../engine/resolve-cadence';
import { HANDOVER_DEPTH } from '../engine/schedule';
import { formatPath } from '../errors';
import { candidateOf } from '../model/candidate';
import { comparableName } from '../model/names';
import type {
  Cadence,
  CadenceInput,
  Opportunity,
  Pipeline,
  PipelineInput,
} from '../model/pipeline';
import { listedTimeZones, parseDuration } from '../model/values';
import { createRegistry, type RunnerUpPlugin } from '../plugin/define-plugin';
import { checkOptionNames } from '../plugin/option-names';
import { spacedPlaceholder, stepTexts } from '../plugin/validate-plugin';
import parsedBuiltins from '../presets/builtin-cadences.parsed.json';
import { toLocal } from '../time/zoned';
import { closest, didYouMean } from './suggest';

/** What a {@link PipelineWarning} is about. */
export type PipelineWarningCode =
  /** A touchpoint's `reminder:` names no reminder its opportunity's cadences make. */
  | 'unknown_reminder'
  /** A step's `to:` matches no contact of any opportunity using the cadence. */
  | 'unknown_contact'
  /**
   * A `{placeholder}` in a step's text that nothing fills; in a preset's or a plugin's cadence, a
   * `{dates.<key>}` no opportunity following it has.
   */
  | 'unknown_placeholder'
  /** An offset whose hours, minutes or seconds are not whole days: reminders fall at `owner.at`. */
  | 'partial_day'
  /**
   * A touchpoint dated after today (with the `now` option): it records a contact that has not
   * happened, yet may already complete a reminder and move the steps counting from it, or count
   * as their reply.
   */
  | 'future_touchpoint'
  /**
   * A `thenCadence` that leads back to a cadence the opportunity already followed: a hand-over
   * never goes back, so that cadence stops instead of handing over.
   */
  | 'handover_cycle'
  /**
   * A `thenCadence` in rules without `maxUnanswered`: the hand-over comes after that many touches
   * with no reply, so it never comes.
   */
  | 'handover_without_limit'
  /**
   * `owner.timezone` in other letter case than its usual spelling (`europe/berlin`): it works
   * here, and is written as it stands into calendars, where clients may match names exactly.
   */
  | 'time_zone_spelling'
  /**
   * A candidate you keep warm (`kind: candidate`) following a preset written for the one who came
   * second, or the `silver-medalist` preset on an opportunity that is not `kind: candidate`.
   */
  | 'candidate_cadence'
  /**
   * A `kind: candidate` with no contacts, or with several and none of them `role: candidate`: its
   * steps address no one, or go to the first listed, who may be someone at the client.
   */
  | 'candidate_contact'
  /** A touchpoint's `with:` that names no contact of its opportunity. */
  | 'unknown_touch_contact'
  /**
   * A contact who is `doNotContact` in another opportunity, as the same person (by email, LinkedIn
   * or phone, else name at the organization): nothing is planned for them here either.
   */
  | 'do_not_contact_elsewhere';

/** Something in a valid pipeline that is most likely a mistake. */
export interface PipelineWarning {
  /** What kind of mistake it is: a stable code to branch on. */
  code: PipelineWarningCode;
  /** Where it is, e.g. `['opportunities', 0, 'touchpoints', 2, 'reminder']`. */
  path: (string | number)[];
  /** One sentence: what was written, and what it does (or does not do). */
  message: string;
}

/** Options of {@link lintPipeline}. */
export interface LintOptions {
  /** The plugins `plan()` will be given: their cadences and templates count as known. */
  plugins?: readonly RunnerUpPlugin[];
  /**
   * The moment it is, as `plan()` takes it: with it, touchpoints dated after that day in the
   * owner's zone are reported (`future_touchpoint`). Without it, none are: lintPipeline never
   * reads the clock.
   */
  now?: PlanOptions['now'];
}

/** A cadence an opportunity follows, directly or through hand-overs. */
interface Followed {
  cadence: Cadence;
  /** Where the file defines it; `undefined` for presets and plugin cadences. */
  path: (string | number)[] | undefined;
  /** What its step ids are prefixed with in reminder keys (`quarterly.` after a hand-over). */
  prefix: string;
  /** The id it is followed by; `undefined` for a cadence written inline. */
  id: string | undefined;
}

const NAMED_PLACEHOLDERS = ['contact.name', 'contact.firstName', 'organization', 'title'];
const BRACED = /\{([^{}\s]*)\}/g;

/** The built-in presets written for the one who came second, and what gives them away. */
const SECOND_SIDE_PRESETS: ReadonlyMap<string, string> = new Map([
  ['runner-up', 'it thanks them and says you are still interested'],
  ['relocated', 'it thanks them and says you are still interested'],
  ['proposal-runner-up', 'it thanks them and says you are still interested'],
  ['quarterly', 'its hello brings news from your side to someone at the organization'],
]);

/**
 * The built-in preset whose steps the opportunity's cadence follows: the preset it names, or the
 * one at the end of its `extends:` chain when no cadence along it wrote steps of its own.
 */
function presetSteps(
  ref: Opportunity['cadence'],
  pipeline: Pipeline,
  pluginCadences: ReadonlyMap<string, unknown>,
): string | undefined {
  if (ref === false) return undefined;
  const builtins = parsedBuiltins as Readonly<Record<string, { steps: unknown }>>;
  let cadence: { extends?: unknown; steps?: unknown } | undefined;
  let id: string | undefined;
  if (typeof ref === 'string') {
    if (Object.hasOwn(pipeline.cadences, ref)) cadence = pipeline.cadences[ref];
    else if (pluginCadences.has(ref)) cadence = pluginCadences.get(ref) as typeof cadence;
    else return Object.hasOwn(builtins, ref) ? ref : undefined;
    id = ref;
  } else cadence = ref;
  const own = cadence;
  // Resolved cadences carry their base's steps: follow the chain to its preset, then compare.
  for (let hops = 0; cadence !== undefined && hops < 20; hops++) {
    const base = cadence.extends;
    if (typeof base !== 'string') return undefined;
    if (base !== id && Object.hasOwn(pipeline.cadences, base)) {
      id = base;
      cadence = pipeline.cadences[base];
    } else if (pluginCadences.has(base)) {
      id = base;
      cadence = pluginCadences.get(base) as typeof cadence;
    } else if (Object.hasOwn(builtins, base)) {
      const same = JSON.stringify(own?.steps) === JSON.stringify(builtins[base]!.steps);
      return same ? base : undefined;
    } else return undefined;
  }
  return undefined;
}

/**
 * A built-in preset's steps on the wrong side: a candidate you keep warm following steps written
 * for the one who came second, or `silver-medalist`'s on an opportunity that is not a candidate.
 * A cadence that redefines a preset's id, or writes steps of its own, is the file's to fit.
 */
function candidateMismatch(
  opportunity: Opportunity,
  pipeline: Pipeline,
  pluginCadences: ReadonlyMap<string, unknown>,
): { field: 'kind' | 'cadence'; message: string } | undefined {
  const ref = opportunity.cadence;
  const preset = presetSteps(ref, pipeline, pluginCadences);
  if (preset === undefined) return undefined;
  const which =
    ref === preset
      ? `cadence \`${preset}\`, which is`
      : `${typeof ref === 'string' ? `cadence \`${ref}\`` : 'a cadence'} with the steps of \`${preset}\`,`;
  const giveaway = SECOND_SIDE_PRESETS.get(preset);
  if (opportunity.kind === 'candidate' && giveaway !== undefined) {
    return {
      field: 'kind',
      message: `\`kind: candidate\` follows ${which} written for the one who came second (${giveaway}): give it \`cadence: silver-medalist\`, or a cadence of your own`,
    };
  }
  if (opportunity.kind !== 'candidate' && preset === 'silver-medalist') {
    return {
      field: 'cadence',
      message: `${which.replace(/, which is$|,$/, '')} keeps warm a candidate you passed over: add \`kind: candidate\`, so that its steps go to the candidate only and \`minGapDays\` spaces touches per candidate rather than per organization`,
    };
  }
  return undefined;
}

/** A hand-over that leads back to a cadence already followed, where the file sets it. */
interface Loop {
  path: (string | number)[];
  /** The cadence ids in order, ending with the one led back to. */
  chain: string[];
}

/**
 * The cadences `opportunity` follows, the first one and those it hands over to; a hand-over back
 * to one of them is added to `loops`.
 */
function followed(
  pipeline: Pipeline,
  opportunity: Opportunity,
  index: number,
  resolve: (id: string, path: (string | number)[]) => Cadence | undefined,
  loops: Loop[],
): Followed[] {
  const ref = opportunity.cadence;
  if (ref === false) return [];
  const first =
    typeof ref === 'string'
      ? resolve(ref, ['opportunities', index, 'cadence'])
      : (ref as Cadence | undefined);
  if (first === undefined) return [];
  const inFile = (id: string) => Object.hasOwn(pipeline.cadences ?? {}, id);
  const list: Followed[] = [
    {
      cadence: first,
      path:
        typeof ref !== 'string'
          ? ['opportunities', index, 'cadence']
          : inFile(ref)
            ? ['cadences', ref]
            : undefined,
      prefix: '',
      id: typeof ref === 'string' ? ref : undefined,
    },
  ];
  const visited = new Set(typeof ref === 'string' ? [ref] : []);
  let prefix = '';
  let id = typeof ref === 'string' ? ref : undefined;
  for (let cadence = first, depth = 1; depth < HANDOVER_DEPTH; depth++) {
    const next = cadence.rules.thenCadence;
    if (next !== undefined && visited.has(next) && id !== undefined && inFile(id)) {
      loops.push({ path: ['cadences', id, 'rules', 'thenCadence'], chain: [...visited, next] });
    }
    if (next === undefined || visited.has(next)) break;
    // Where the hand-over is written: the inline cadence's, else the named one's.
    const from: (string | number)[] =
      id === undefined ? ['opportunities', index, 'cadence'] : ['cadences', id];
    const resolved = resolve(next, [...from, 'rules', 'thenCadence']);
    if (resolved === undefined) break;
    visited.add(next);
    prefix = `${prefix}${next}.`;
    list.push({
      cadence: resolved,
      path: inFile(next) ? ['cadences', next] : undefined,
      prefix,
      id: next,
    });
    cadence = resolved;
    id = next;
  }
  return list;
}

/**
 * Looks for what a valid pipeline allows but most likely did not mean, because it silently does
 * nothing:
 * - a touchpoint's `reminder:` that names no reminder of its opportunity (a step id that is not
 *   in its cadence, another opportunity's id, or a repeat past the cadence's `count`): the touch
 *   completes nothing;
 * - a step's `to:` that matches no contact's role or name in any opportunity using the cadence:
 *   the step goes to the first contact instead;
 * - a `{placeholder}` in a step's title, talking points, subject or body that nothing fills
 *   (`{contact.lastName}`, a `{dates.<key>}` no opportunity using it has, also inside a template
 *   it pulls in, an unknown `{template:<id>}`): it stays in the text as written;
 * - a step's or estimate's `after` with hours, minutes or seconds that make no whole day
 *   (`PT1H`): reminders fall at the owner's `at`, so only whole days count;
 * - a `thenCadence` leading back to a cadence the opportunity already followed (`ping` hands over
 *   to `pong`, which hands back to `ping`): a hand-over never goes back, so that cadence stops;
 * - `owner.timezone` in other letter case than its usual spelling (`europe/berlin`);
 * - `kind: candidate` with a preset written for the one who came second, or the
 *   `silver-medalist` preset without `kind: candidate`; a `kind: candidate` with no contacts, or
 *   whose contacts have no `role: candidate` (its steps go to the first listed);
 * - a touchpoint's `with:` that names no contact of its opportunity;
 * - a contact who is `doNotContact` in another opportunity, as the same person: nothing is
 *   planned for them here either;
 * - with `now`, a touchpoint dated after today.
 *
 * Steps are checked in full only in cadences the file defines; the presets and plugin cadences
 * are meant to fit any opportunity, so of theirs only a `{dates.<key>}` that no opportunity
 * following the cadence has is told: at the first such opportunity's `cadence`, at the
 * `thenCadence` handing over to it, or at the `extends` of a file's cadence built on it. Returns the warnings in the order of the file (empty when there are
 * none). A pipeline that is not the output of `parsePipeline` (built in code) is checked first,
 * as `plan()` checks it: an invalid one throws the `RunnerUpError` parsing would. Give it the
 * `plugins` parsing was given: a plugin's cadence left out is refused with `unknown_cadence`, as
 * `plan()` refuses it.
 *
 * @example
 * for (const w of lintPipeline(pipeline)) console.warn(formatPath(w.path), w.message)
 */
export function lintPipeline(
  input: Pipeline | PipelineInput,
  options: LintOptions = {},
): PipelineWarning[] {
  checkOptionNames(options, ['plugins', 'now'] satisfies (keyof LintOptions)[], 'lint');
  const registry = createRegistry(options.plugins ?? []);
  const pipeline = checkedPipeline(input, registry);
  const sources = cadenceSources(pipeline, registry.cadences);
  // Every cadence named is known to the parse the pipeline went through (checked above, or
  // parsing's own output): one unknown here is a plugin's, left out of `plugins`, which plan()
  // would refuse too.
  const resolve = (id: string, path: (string | number)[]): Cadence | undefined =>
    lookUpCadence(id, sources, path, true, 'lintPipeline()');
  const warnings: PipelineWarning[] = [];
  const zone = pipeline.owner.timezone;
  const today =
    options.now === undefined ? undefined : toLocal(resolveNow(options.now, zone), zone).date;
  /** The opportunities using each cadence the file defines, by the cadence's path. */
  const users = new Map<
    string,
    { path: (string | number)[]; cadence: Cadence; opportunities: Opportunity[] }
  >();

  /**
   * The presets and plugin cadences followed, by id: the opportunities following each, where the
   * first names it, and the cadence it was handed over from there, if any.
   */
  const outside = new Map<
    string,
    {
      id: string;
      cadence: Cadence;
      opportunities: Opportunity[];
      where: (string | number)[];
      from: string | undefined;
    }
  >();

  /**
   * Warnings of a date or template the opportunities or plugins lack, which a file's cadence can
   * inherit from a plugin's by `extends`: each with what to say it brings in.
   */
  const broughtIn = new Map<PipelineWarning, string>();

  const spelled = listedTimeZones().find(
    (name) => name !== zone && name.toLowerCase() === zone.toLowerCase(),
  );
  if (spelled !== undefined) {
    warnings.push({
      code: 'time_zone_spelling',
      path: ['owner', 'timezone'],
      message: `\`timezone: ${zone}\` works here, but it is written as it stands into calendars, whose clients may match zone names exactly: write \`${spelled}\``,
    });
  }
  const elsewhere = doNotContactElsewhere(pipeline);
  const loops = new Map<string, Loop>();
  pipeline.opportunities.forEach((opportunity, index) => {
    const mismatch = candidateMismatch(opportunity, pipeline, registry.cadences);
    if (mismatch !== undefined) {
      warnings.push({
        code: 'candidate_cadence',
        path: ['opportunities', index, mismatch.field],
        message: mismatch.message,
      });
    }
    const found: Loop[] = [];
    const cadences = followed(pipeline, opportunity, index, resolve, found);
    // A candidate handed over to a cadence with a job seeker's steps gets them all the same.
    if (mismatch === undefined && opportunity.kind === 'candidate') {
      for (let k = 1; k < cadences.length; k++) {
        const id = cadences[k]!.prefix.slice(0, -1).split('.').pop()!;
        const after = candidateMismatch(
          { ...opportunity, cadence: id },
          pipeline,
          registry.cadences,
        );
        if (after === undefined) continue;
        const from = cadences[k - 1]!.path;
        warnings.push({
          code: 'candidate_cadence',
          path:
            from === undefined
              ? ['opportunities', index, 'cadence']
              : [...from, 'rules', 'thenCadence'],
          message: `after a hand-over, ${after.message.replace(/: give it .*$/, ': hand over to a cadence written for candidates, or to none')}`,
        });
        break;
      }
    }
    for (const loop of found) {
      const key = loop.path.join('\u0000');
      if (!loops.has(key)) loops.set(key, loop);
    }
    cadences.forEach(({ cadence, path, id }, k) => {
      if (path === undefined) {
        // A preset or a plugin's cadence: only its dates are checked, told where it is named
        // first: the opportunity's `cadence:`, or the `thenCadence` of the file's cadence that
        // hands over to it.
        if (!outside.has(id!)) {
          const before = cadences[k - 1];
          outside.set(id!, {
            id: id!,
            cadence,
            opportunities: [],
            where:
              before?.path === undefined
                ? ['opportunities', index, 'cadence']
                : [...before.path, 'rules', 'thenCadence'],
            from: before?.id,
          });
        }
        outside.get(id!)!.opportunities.push(opportunity);
        return;
      }
      const key = path.join('\u0000');
      const entry = users.get(key) ?? { path, cadence, opportunities: [] };
      entry.opportunities.push(opportunity);
      users.set(key, entry);
    });
    if (opportunity.kind === 'candidate' && opportunity.contacts.length === 0) {
      warnings.push({
        code: 'candidate_contact',
        path: ['opportunities', index],
        message:
          'a `kind: candidate` entry with no contacts: its steps address no one ("your contact"); list the candidate under `contacts:` with `role: candidate`',
      });
    }
    if (opportunity.kind === 'candidate' && opportunity.contacts.length > 0) {
      const roles = opportunity.contacts.map((c) => c.role?.trim().toLowerCase());
      // One contact without a role is the candidate; one with another role, or several, may not be.
      const alone = opportunity.contacts.length === 1 && roles[0] === undefined;
      if (!alone && !roles.includes('candidate')) {
        warnings.push({
          code: 'candidate_contact',
          path: ['opportunities', index, 'contacts'],
          message: `no contact has \`role: candidate\`, so every step goes to the first listed, ${opportunity.contacts[0]!.name.trim()}: give the candidate \`role: candidate\``,
        });
      }
    }
    opportunity.contacts.forEach((contact, c) => {
      const barredBy = elsewhere(opportunity, contact);
      if (barredBy !== undefined) {
        warnings.push({
          code: 'do_not_contact_elsewhere',
          path: ['opportunities', index, 'contacts', c],
          message:
            barredBy.opportunity === opportunity.id
              ? `${contact.name.trim()} is the same person as ${barredBy.name}, marked \`doNotContact\` in this opportunity, so nothing is planned for them either`
              : `${contact.name.trim()} is \`doNotContact\` in \`${barredBy.opportunity}\`, and the same person here, so nothing is planned for them here either`,
        });
      }
    });
    const contactNames = opportunity.contacts.map((c) => c.name);
    const candidate = opportunity.kind === 'candidate' ? candidateOf(opportunity) : undefined;
    /** A touch with someone other than the candidate, on a candidate's entry: it counts for nothing. */
    const notWithCandidate = (name: string | undefined): boolean =>
      candidate !== undefined &&
      name !== undefined &&
      comparableName(name) !== comparableName(candidate.name) &&
      contactNames.some((other) => comparableName(other) === comparableName(name));
    opportunity.touchpoints.forEach((touch, t) => {
      if (
        touch.with !== undefined &&
        contactNames.length > 0 &&
        !contactNames.some((name) => comparableName(name) === comparableName(touch.with!))
      ) {
        const toCandidate =
          opportunity.kind === 'candidate' ? ': it counts as a touch with the candidate' : '';
        warnings.push({
          code: 'unknown_touch_contact',
          path: ['opportunities', index, 'touchpoints', t, 'with'],
          message: `\`with: ${touch.with}\` names no contact of this opportunity${toCandidate}${didYouMean(touch.with, contactNames)}`,
        });
      }
      const problem =
        touch.reminder === undefined
          ? undefined
          : reminderProblem(touch.reminder, opportunity, cadences);
      if (today !== undefined && touch.on > today) {
        // What it does already, said only when it does it.
        const effect =
          opportunity.cadence === false || notWithCandidate(touch.with)
            ? ''
            : touch.direction === 'in'
              ? ', yet this one already counts as their reply'
              : problem !== undefined
                ? touch.answered === true
                  ? ', yet this one already counts as their reply'
                  : ''
                : touch.answered === true
                  ? ', yet this one already completes a reminder and counts as their reply'
                  : ', yet this one already completes a reminder and moves the steps counting from it';
        warnings.push({
          code: 'future_touchpoint',
          path: ['opportunities', index, 'touchpoints', t, 'on'],
          message: `\`on: ${touch.on}\` is after today (${today} in ${zone}): a touchpoint records a contact that happened${effect} (a typo in the date? To put follow-ups off, use \`snoozedUntil\`)`,
        });
      }
      if (problem !== undefined) {
        warnings.push({
          code: 'unknown_reminder',
          path: ['opportunities', index, 'touchpoints', t, 'reminder'],
          message: `\`reminder: ${touch.reminder}\` ${problem}, so this touchpoint completes no reminder`,
        });
      }
    });
  });

  for (const { path, chain } of loops.values()) {
    const back = chain[chain.length - 1]!;
    const stops = chain[chain.length - 2]!;
    warnings.push({
      code: 'handover_cycle',
      path,
      message: `\`thenCadence: ${back}\` leads back to a cadence already followed (${chain.map((id) => `\`${id}\``).join(' → ')}): a hand-over never goes back, so \`${stops}\` stops after its \`maxUnanswered\` instead of handing over`,
    });
  }
  for (const { path, cadence, opportunities } of users.values()) {
    const dateKeys = dateKeysOf(opportunities, cadence);
    const offsets: [(string | number)[], unknown][] = [
      ...Object.entries(cadence.estimates ?? {}).map(
        ([key, estimate]): [(string | number)[], unknown] => [
          [...path, 'estimates', key, 'after'],
          estimate.after,
        ],
      ),
      ...cadence.steps.map((step, s): [(string | number)[], unknown] => [
        [...path, 'steps', s, 'after'],
        step.after,
      ]),
    ];
    const { thenCadence, maxUnanswered } = cadence.rules;
    if (thenCadence !== undefined && maxUnanswered === undefined) {
      warnings.push({
        code: 'handover_without_limit',
        path: [...path, 'rules', 'thenCadence'],
        message: `\`thenCadence: ${thenCadence}\` takes over after \`maxUnanswered\` touches with no reply, and this cadence sets no \`maxUnanswered\`, so it never hands over: add one, like \`maxUnanswered: 3\``,
      });
    }
    for (const [offsetPath, after] of offsets) {
      const problem = typeof after === 'string' ? partialDay(after) : undefined;
      if (problem !== undefined) {
        warnings.push({ code: 'partial_day', path: offsetPath, message: problem });
      }
    }
    cadence.steps.forEach((step, s) => {
      const stepPath = [...path, 'steps', s];
      if (step.to !== undefined) {
        // Compared as plan() compares it.
        const wanted = comparableName(step.to);
        // A candidate's steps go to the candidate whatever `to:` says: only the others count.
        const withContacts = opportunities.filter(
          (o) => o.contacts.length > 0 && o.kind !== 'candidate',
        );
        const matches = withContacts.some((o) =>
          o.contacts.some(
            (c) =>
              (c.role !== undefined && comparableName(c.role) === wanted) ||
              comparableName(c.name) === wanted,
          ),
        );
        if (withContacts.length > 0 && !matches) {
          const names = [
            ...new Set(withContacts.flatMap((o) => o.contacts.map((c) => c.role ?? c.name))),
          ];
          warnings.push({
            code: 'unknown_contact',
            path: [...stepPath, 'to'],
            message: `\`to: ${step.to}\` matches no contact's role or name in the opportunities using this cadence, so the step goes to their first contact${didYouMean(step.to, names)}`,
          });
        }
      }
      for (const [textPath, text] of stepTexts([step])) {
        for (const { message, brought } of placeholderProblems(
          text,
          dateKeys,
          registry.templates,
        )) {
          const warning: PipelineWarning = {
            code: 'unknown_placeholder',
            path: [...stepPath, ...textPath.slice(2)],
            message,
          };
          warnings.push(warning);
          if (brought) broughtIn.set(warning, '');
        }
      }
    });
  }
  for (const { id, cadence, opportunities, where, from } of outside.values()) {
    const dateKeys = dateKeysOf(opportunities, cadence);
    /** Each date missing, with the texts it is written in: one warning each, naming them all. */
    const fields = new Map<string, string[]>();
    for (const [path, text] of stepTexts(cadence.steps)) {
      for (const { key, template } of missingDates(text, dateKeys, registry.templates)) {
        const through = template === undefined ? '' : ` (through \`{template:${template}}\`)`;
        fields.set(key, [...(fields.get(key) ?? []), `\`${formatPath(path)}\`${through}`]);
      }
    }
    const handedOver = from === undefined ? '' : `after the hand-over from \`${from}\`, `;
    for (const [key, written] of fields) {
      const warning: PipelineWarning = {
        code: 'unknown_placeholder',
        path: where,
        message: `${handedOver}cadence \`${id}\` writes \`{dates.${key}}\` in ${listed(written)}, but no opportunity following it has a date \`${key}\`, so it stays in the text as written: add \`${key}\` under \`dates:\`${didYouMean(key, dateKeys)}`,
      };
      warnings.push(warning);
      // Placed at a `thenCadence`, which a file's cadence may inherit by `extends` in turn.
      if (from !== undefined) broughtIn.set(warning, 'a hand-over: ');
    }
  }
  // What a cadence inherited is told where it is written, once; a preset's, not at all. A plugin
  // cadence's `{dates.<key>}` that this cadence's opportunities lack, or `{template:<id>}` that no
  // plugin given has, would reach their reminders as written: it is told at the `extends` that
  // brings it in.
  const origins = inheritance(pipeline, registry.cadences);
  for (const [w, warning] of warnings.entries()) {
    const what = broughtIn.get(warning);
    if (what === undefined) continue;
    const origin = traceOrigin(origins, warning.path);
    if (!('inherited' in origin) || !registry.cadences.has(origin.inherited)) continue;
    warnings[w] = {
      ...warning,
      path: [...origin.by, 'extends'],
      message: `\`extends: ${origin.inherited}\` brings in ${what}${warning.message}`,
    };
  }
  const placed = placeInherited(origins, warnings);
  // In the order of the file: the owner, its cadences, then each opportunity (its inline cadence
  // before its touchpoints); found in order within each.
  const cadenceIds = Object.keys(pipeline.cadences ?? {});
  const rank = ({ path }: PipelineWarning): number =>
    path[0] === 'owner'
      ? -1
      : path[0] === 'cadences'
        ? cadenceIds.indexOf(path[1] as string)
        : cadenceIds.length + (path[1] as number) * 2 + (path[2] === 'cadence' ? 0 : 1);
  return placed.sort((a, b) => rank(a) - rank(b));
}

/** Where each extending cadence of a parsed pipeline differs from its base. */
function inheritance(
  pipeline: Pipeline,
  pluginCadences: ReadonlyMap<string, CadenceInput>,
): ExtendOrigin[] {
  const written = [
    ...Object.entries(pipeline.cadences ?? {}).map(([id, cadence]) => ({
      path: ['cadences', id],
      id: id as string | undefined,
      cadence,
    })),
    ...pipeline.opportunities.flatMap((opportunity, index) =>
      typeof opportunity.cadence === 'object'
        ? [
            {
              path: ['opportunities', index, 'cadence'],
              id: undefined,
              cadence: opportunity.cadence,
            },
          ]
        : [],
    ),
  ];
  // A copy of the registry's map: what a plugin's cadence is counts here, not whether it can be
  // used (a `{template:<id>}` no plugin given has is told where it is inherited).
  const plugins = new Map(pluginCadences);
  return originsOfParsed(written, new Set(Object.keys(pipeline.cadences ?? {})), (name, inFile) => {
    if (inFile) return pipeline.cadences[name];
    try {
      return lookUpCadence(name, { plugins }, [], false);
    } catch {
      return undefined;
    }
  });
}

/** Why `key` names no reminder of `opportunity`, or `undefined` when it may. */
function reminderProblem(
  key: string,
  opportunity: Opportunity,
  cadences: readonly Followed[],
): string | undefined {
  const stepIds = cadences.flatMap(({ cadence, prefix }) =>
    cadence.steps.map((step) => prefix + step.id),
  );
  /**
   * Steps with a second occurrence, the last step of a cadence that repeats, and their last
   * occurrence: the step itself is the first, so `count: 4` repeats end at the fifth.
   */
  const repeated = new Map(
    cadences.flatMap(({ cadence, prefix }) =>
      cadence.repeat === undefined
        ? []
        : [
            [
              prefix + cadence.steps[cadence.steps.length - 1]!.id,
              (cadence.repeat.count ?? Number.POSITIVE_INFINITY) + 1,
            ] as const,
          ],
    ),
  );
  const shape = /^(.+)\/([^/]+)\/([1-9]\d*)$/.exec(key);
  if (shape === null) {
    return 'is not a reminder key (`<opportunity>/<step>/<occurrence>`, as `runner-up agenda --json` shows it)';
  }
  const [, opportunityId, stepId] = shape;
  if (opportunityId !== opportunity.id) {
    return `names opportunity \`${opportunityId}\`, not this one (\`${opportunity.id}\`)`;
  }
  if (stepIds.length === 0) return 'names a step, and this opportunity follows no cadence';
  if (!stepIds.includes(stepId!)) {
    const suggestion = closest(stepId!, stepIds);
    return `names step \`${stepId}\`, which its cadence does not have${
      suggestion === undefined
        ? ` (its steps: ${stepIds.map((id) => `\`${id}\``).join(', ')})`
        : ` (did you mean \`${opportunity.id}/${suggestion}/${shape[3]}\`?)`
    }`;
  }
  const occurrence = Number(shape[3]);
  const last = repeated.get(stepId!) ?? 1;
  if (occurrence > 1 && last === 1) {
    return `names occurrence ${shape[3]} of step \`${stepId}\`, which does not repeat: its only reminder is \`${opportunity.id}/${stepId}/1\``;
  }
  if (occurrence > last) {
    return `names occurrence ${shape[3]} of step \`${stepId}\`, whose repeat ends after \`count: ${last - 1}\`: its reminders are \`${opportunity.id}/${stepId}/1\` to \`${opportunity.id}/${stepId}/${last}\``;
  }
  return undefined;
}

/** Why the clock part of `duration` is lost, or `undefined` when it makes whole days. */
function partialDay(duration: string): string | undefined {
  const parts = parseDuration(duration);
  if (parts === undefined) return undefined;
  const seconds = parts.hours * 3600 + parts.minutes * 60 + parts.seconds;
  if (seconds % 86_400 === 0) return undefined;
  const days = parts.weeks * 7 + parts.days + Math.floor(seconds / 86_400);
  const nothing = days === 0 && parts.years === 0 && parts.months === 0;
  return `\`after: ${duration}\`: reminders fall at the owner's \`at\` time, so only whole days count and ${
    nothing ? 'this offset moves nothing' : 'the part of a day left over is dropped'
  }`;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The dates a cadence's texts can fill: those of the opportunities following it, and its estimates. */
function dateKeysOf(opportunities: readonly Opportunity[], cadence: Cadence): Set<string> {
  return new Set([
    ...opportunities.flatMap((o) => Object.keys(o.dates)),
    ...Object.keys(cadence.estimates ?? {}),
  ]);
}

/**
 * Each placeholder in `text` that nothing fills, once, as a message, in the order they appear;
 * then a placeholder written with spaces inside its braces, and each `{dates.<key>}` inside a
 * template the text pulls in that nothing fills.
 */
function placeholderProblems(
  text: string,
  dateKeys: ReadonlySet<string>,
  templates: ReadonlyMap<string, string>,
): { message: string; brought: boolean }[] {
  const names = new Set(Array.from(text.matchAll(BRACED), (match) => match[1]!));
  const spaced = spacedPlaceholder(text);
  // `brought`: a date or template, which the opportunities or the plugins given lack, rather than
  // a mistake in the text.
  const problems = [...names].flatMap((name) => {
    const message = placeholderProblem(name, dateKeys, templates);
    if (message === undefined) return [];
    return [{ message, brought: name.startsWith('dates.') || name.startsWith('template:') }];
  });
  if (spaced !== undefined) {
    problems.push({
      message: `\`${spaced.whole}\` has spaces inside its braces, so it is not a placeholder and stays in the text as written; write \`{${spaced.name}}\``,
      brought: false,
    });
  }
  for (const { key, template } of missingDates(text, dateKeys, templates)) {
    if (template === undefined) continue;
    problems.push({
      message: `\`{dates.${key}}\` in \`{template:${template}}\`: no opportunity using this cadence has a date \`${key}\`, so it stays in the text as written${didYouMean(key, dateKeys)}`,
      brought: true,
    });
  }
  return problems;
}

/**
 * The `{dates.<key>}` of `text`, and of the templates it pulls in, that no key of `dateKeys`
 * fills: each once, with the template it is written in, if any.
 */
function missingDates(
  text: string,
  dateKeys: ReadonlySet<string>,
  templates: ReadonlyMap<string, string>,
): { key: string; template: string | undefined }[] {
  const missing: { key: string; template: string | undefined }[] = [];
  const seen = new Set<string>();
  const scan = (from: string, template: string | undefined) => {
    for (const [, name] of from.matchAll(BRACED)) {
      if (name!.startsWith('template:') && template === undefined) {
        const id = name!.slice('template:'.length);
        const pulled = templates.get(id);
        if (pulled !== undefined) scan(pulled, id);
        continue;
      }
      if (!name!.startsWith('dates.')) continue;
      const key = name!.slice('dates.'.length);
      // Template ids are never empty, so '' stands for the text itself.
      const seenKey = `${template ?? ''}\u0000${key}`;
      if (dateKeys.has(key) || seen.has(seenKey)) continue;
      seen.add(seenKey);
      missing.push({ key, template });
    }
  };
  scan(text, undefined);
  return missing;
}

/** Why the placeholder `{name}` is filled by nothing, or `undefined` when something fills it. */
function placeholderProblem(
  name: string,
  dateKeys: ReadonlySet<string>,
  templates: ReadonlyMap<string, string>,
): string | undefined {
  if (NAMED_PLACEHOLDERS.includes(name)) return undefined;
  if (name.startsWith('dates.')) {
    const key = name.slice('dates.'.length);
    if (dateKeys.has(key)) return undefined;
    return `\`{${name}}\`: no opportunity using this cadence has a date \`${key}\`, so it stays in the text as written${didYouMean(key, dateKeys)}`;
  }
  if (name.startsWith('template:')) {
    const id = name.slice('template:'.length);
    if (id === '') {
      return '`{template:}` names no template, so it stays in the text as written: write its id, like `{template:<id>}`';
    }
    if (templates.has(id)) return undefined;
    // With no plugin at all (the `runner-up` command loads none), say where templates come from.
    return `\`{${name}}\`: no plugin given contributes a template \`${id}\`${templates.size === 0 ? ' (templates come from plugins passed to the library in `plugins`; the `runner-up` command loads none)' : ''}, so it stays in the text as written${didYouMean(id, templates.keys())}`;
  }
  const suggestion = closest(name, [
    ...NAMED_PLACEHOLDERS,
    ...[...dateKeys].map((key) => `dates.${key}`),
  ]);
  return `\`{${name}}\` is not a placeholder, so it stays in the text as written${
    suggestion === undefined
      ? ' (placeholders: `{contact.name}`, `{contact.firstName}`, `{organization}`, `{title}`, `{dates.<key>}`)'
      : `; did you mean \`{${suggestion}}\`?`
  }`;
}

/**
 * For a contact not marked `doNotContact` who is the same person as one marked so in another
 * opportunity: that opportunity's id.
 */
function doNotContactElsewhere(
  pipeline: Pipeline,
): (
  opportunity: Opportunity,
  contact: Opportunity['contacts'][number],
) => { opportunity: string; name: string } | undefined {
  const marked = pipeline.opportunities.some((o) => o.contacts.some((c) => c.doNotContact));
  if (!marked) return () => undefined;
  const identity = createIdentity(pipeline.opportunities);
  /** Each barred person → where they are marked: this opportunity first, else the first listed. */
  const barred = new Map<string, { opportunity: string; name: string }[]>();
  for (const opportunity of pipeline.opportunities) {
    for (const contact of opportunity.contacts) {
      if (!contact.doNotContact) continue;
      const key = identity(opportunity.organization, contact);
      const marks = barred.get(key) ?? [];
      marks.push({ opportunity: opportunity.id, name: contact.name.trim() });
      barred.set(key, marks);
    }
  }
  return (opportunity, contact) => {
    if (contact.doNotContact) return undefined;
    const marks = barred.get(identity(opportunity.organization, contact));
    if (marks === undefined) return undefined;
    return marks.find((mark) => mark.opportunity === opportunity.id) ?? marks[0];
  };
}
