import { type ExtendOrigin, placeInherited, traceOrigin } from '../engine/extend-cadence';
import type { RunnerUpErrorCode } from '../errors';
import type { Cadence, CadenceInput, Pipeline } from '../model/pipeline';
import { parseDuration } from '../model/values';
import type { PluginRegistry } from '../plugin/define-plugin';
import { builtinCadences } from '../presets/cadence-presets';
import { rruleProblem } from './rrule-problem';
import { closest, didYouMean } from './suggest';
import type { DraftIssue } from './zod-issues';

/** A cross-reference problem, with the code it is reported under. */
export interface ReferenceIssue extends DraftIssue {
  code: RunnerUpErrorCode;
}

type Path = Array<string | number>;

/** A cadence as the checks see it: where it is written (if in the file) and what it holds. */
interface KnownCadence {
  cadence: Cadence | CadenceInput;
  /** Path of the cadence in the file; `undefined` for presets and plugin cadences. */
  path: Path | undefined;
  /** Its id, unless it is written inline. */
  id?: string;
  /** The plugin that contributes it, for a plugin's cadence the file does not override. */
  plugin?: string;
}

const SELF_ANCHORS = new Set(['previous', 'lastTouch']);

/**
 * Checks what the schema cannot: unique ids, cadence names that exist, anchors the opportunities
 * have, valid RRULEs. Runs on a pipeline that already passed the schema.
 */
export function checkReferences(
  pipeline: Pipeline,
  registry: Pick<PluginRegistry, 'cadences' | 'plugins'>,
  origins: readonly ExtendOrigin[] = [],
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  // Custom cadences override presets and plugin cadences of the same id.
  const named = new Map<string, KnownCadence>();
  for (const [id, cadence] of Object.entries(builtinCadences))
    named.set(id, { cadence, path: undefined, id });
  for (const [id, cadence] of registry.cadences) {
    const plugin = registry.plugins.find(
      (p) => p.cadences !== undefined && Object.hasOwn(p.cadences, id),
    )?.name;
    named.set(id, { cadence, path: undefined, id, ...(plugin === undefined ? {} : { plugin }) });
  }
  for (const [id, cadence] of Object.entries(pipeline.cadences))
    named.set(id, { cadence, path: ['cadences', id], id });

  const unknownCadence = (name: string, path: Path) => {
    const hint = didYouMean(name, named.keys());
    issues.push({
      code: 'unknown_cadence',
      path,
      target: 'value',
      message: hint
        ? `unknown cadence "${name}"${hint}`
        : `unknown cadence "${name}": name a preset (${Object.keys(builtinCadences).join(', ')}), a cadence under \`cadences:\`, or write \`false\`; a plugin's cadence is known only where its plugin is passed in \`plugins\` (an option of the library: the \`runner-up\` command loads no plugins)`,
    });
  };

  // Cadences written in the file: unique step ids, valid RRULEs, a known `thenCadence`.
  const written: KnownCadence[] = [
    ...Object.entries(pipeline.cadences).map(([id, cadence]) => ({
      cadence,
      path: ['cadences', id] as Path,
    })),
    ...pipeline.opportunities.flatMap((opportunity, index) =>
      typeof opportunity.cadence === 'object'
        ? [{ cadence: opportunity.cadence, path: ['opportunities', index, 'cadence'] as Path }]
        : [],
    ),
  ];
  for (const { cadence, path } of written) {
    const base = path ?? [];
    for (const { index, message } of repeatedStepIds(cadence)) {
      issues.push({
        code: 'duplicate_id',
        path: [...base, 'steps', index, 'id'],
        target: 'value',
        message,
      });
    }
    const short = repeatTooShort(cadence);
    if (short !== undefined) {
      issues.push({
        code: 'invalid_pipeline',
        path: [...base, 'repeat', 'every'],
        target: 'value',
        message: short,
      });
    }
    const rule = cadence.repeat?.rrule;
    const problem = rule === undefined ? undefined : rruleProblem(rule);
    if (problem !== undefined)
      issues.push({
        code: 'invalid_rrule',
        path: [...base, 'repeat', 'rrule'],
        target: 'value',
        message: problem,
      });
    const then = cadence.rules?.thenCadence;
    if (then !== undefined && !named.has(then))
      unknownCadence(then, [...base, 'rules', 'thenCadence']);
  }

  // Opportunities: unique ids, unique contact names, cadences that exist.
  firstUses(
    pipeline.opportunities.map((opportunity) => opportunity.id),
    (id, first, index) =>
      issues.push({
        code: 'duplicate_id',
        path: ['opportunities', index, 'id'],
        target: 'value',
        message: `the opportunity id "${id}" is already used by \`opportunities[${first}]\`; ids must be unique`,
      }),
  );
  pipeline.opportunities.forEach((opportunity, index) => {
    firstUses(
      opportunity.contacts.map((contact) => contact.name),
      (name, first, contactIndex) =>
        issues.push({
          code: 'duplicate_id',
          path: ['opportunities', index, 'contacts', contactIndex, 'name'],
          target: 'value',
          message: `the contact "${name}" is already listed as \`contacts[${first}]\`; give each contact of an opportunity once`,
        }),
    );
    if (typeof opportunity.cadence === 'string' && !named.has(opportunity.cadence))
      unknownCadence(opportunity.cadence, ['opportunities', index, 'cadence']);
  });

  // A hand-over of a preset or a plugin's cadence is not written in the file: it is reported at
  // the first opportunity that comes to it, with the cadence's name; one such a cadence passed on
  // to a cadence of the file by `extends:`, at that `extends:`.
  const handoversChecked = new Set<KnownCadence>();
  pipeline.opportunities.forEach((opportunity, index) => {
    const { cadence } = opportunity;
    if (cadence === false) return;
    let known: KnownCadence | undefined =
      typeof cadence === 'string'
        ? named.get(cadence)
        : { cadence, path: ['opportunities', index, 'cadence'] };
    while (known !== undefined && !handoversChecked.has(known)) {
      handoversChecked.add(known);
      const then: string | undefined = known.cadence.rules?.thenCadence;
      if (then === undefined) break;
      const next = named.get(then);
      if (next === undefined) {
        let at: Path | undefined;
        let from: KnownCadence | undefined = known;
        if (known.path === undefined) at = ['opportunities', index, 'cadence'];
        else {
          // Written in the file, it was reported there (above); inherited, it was not.
          const origin = traceOrigin(origins, [...known.path, 'rules', 'thenCadence']);
          if ('inherited' in origin) {
            at = [...origin.by, 'extends'];
            from = named.get(origin.inherited);
          }
        }
        if (at !== undefined && from !== undefined) {
          const hint = didYouMean(then, named.keys());
          const extended = at[at.length - 1] === 'extends' ? ', which this cadence extends,' : '';
          issues.push({
            code: 'unknown_cadence',
            path: at,
            target: 'value',
            message: `${describeCadence(from)}${extended} hands over to "${then}" (its \`rules.thenCadence\`), which is no cadence here${
              hint ||
              `: not built in, not under \`cadences:\`, and from no plugin given${from.plugin === undefined ? '' : `; plugin \`${from.plugin}\` may need another plugin beside it, or a cadence \`${then}\` under \`cadences:\``}`
            }`,
          });
        }
      }
      known = next;
    }
  });

  issues.push(...checkAnchors(pipeline, named, origins));
  // What a cadence inherited is reported where it is written, once.
  return placeInherited(origins, issues);
}

/** Each step whose id an earlier step of `cadence` has, by its index, and what to say of it. */
export function repeatedStepIds(
  cadence: Pick<Cadence | CadenceInput, 'steps'>,
): { index: number; message: string }[] {
  const repeated: { index: number; message: string }[] = [];
  firstUses(
    cadence.steps.map((step) => step.id),
    (id, first, index) =>
      repeated.push({
        index,
        message: `the step id "${id}" is already used by \`steps[${first}]\` of this cadence; step ids must be unique within a cadence`,
      }),
  );
  return repeated;
}

/** What is wrong with `cadence`'s `repeat.every` when it moves on by less than a day. */
export function repeatTooShort(
  cadence: Pick<Cadence | CadenceInput, 'repeat'>,
): string | undefined {
  const every = cadence.repeat?.every;
  const parts = every === undefined ? undefined : parseDuration(every);
  if (parts && parts.years + parts.months + parts.weeks + parts.days === 0) {
    return `a repeat must move on by at least a day, got ${every}: use days, weeks, months or years, like P2W`;
  }
  return undefined;
}

/** `cadence "<id>"`, and the plugin it comes from. */
function describeCadence(known: KnownCadence): string {
  return `cadence "${known.id}"${known.plugin === undefined ? '' : ` (from plugin \`${known.plugin}\`)`}`;
}

/** Calls `onRepeat(value, firstIndex, index)` for every value seen before. */
function firstUses(
  values: readonly string[],
  onRepeat: (value: string, first: number, index: number) => void,
) {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else onRepeat(value, first, index);
  });
}

/**
 * A step's `from` must be `previous`, `lastTouch`, or a date every opportunity using the cadence
 * has in `dates` (an empty value counts: the date exists but is not known yet) or that the
 * cadence knows how to estimate — `plan()` needs it for each of them. When no opportunity has
 * it, the step is pointed at (a typo there is likelier); else each opportunity lacking it is.
 * An opportunity uses a cadence by naming it, by writing it inline, or through a `thenCadence`
 * hand-over. A first step counting from `previous` or `lastTouch` needs some date (or touchpoint) to start
 * from: with no touch yet, `lastTouch` falls back to where `previous` starts.
 */
function checkAnchors(
  pipeline: Pipeline,
  named: ReadonlyMap<string, KnownCadence>,
  origins: readonly ExtendOrigin[],
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const users = new Map<KnownCadence, number[]>();
  /** `index:cadence` → the cadence that hands over to it, for the message. */
  const handedOver = new Map<string, string>();
  const use = (
    known: KnownCadence | undefined,
    index: number,
    seen: Set<KnownCadence>,
    from?: string,
  ) => {
    if (known === undefined || seen.has(known)) return;
    seen.add(known);
    let list = users.get(known);
    if (list === undefined) {
      list = [];
      users.set(known, list);
    }
    // Opportunities are visited in order, so an index already listed is the last one: looking
    // only there keeps a cadence shared by thousands of opportunities from costing n² steps.
    if (list[list.length - 1] !== index) list.push(index);
    if (from !== undefined && !handedOver.has(`${index}:${known.id}`))
      handedOver.set(`${index}:${known.id}`, from);
    const then = known.cadence.rules?.thenCadence;
    // Checked even before the hand-over happens: it would fail the day it does.
    if (then !== undefined) use(named.get(then), index, seen, known.id ?? 'inline');
  };
  pipeline.opportunities.forEach((opportunity, index) => {
    const { cadence } = opportunity;
    if (cadence === false) return;
    const known =
      typeof cadence === 'string'
        ? named.get(cadence)
        : { cadence, path: ['opportunities', index, 'cadence'] };
    use(known, index, new Set());
    const first = known?.cadence.steps[0];
    const hasStart =
      Object.values(opportunity.dates).some((date) => typeof date === 'string') ||
      opportunity.touchpoints.length > 0;
    if (first !== undefined && SELF_ANCHORS.has(first.from ?? 'previous') && !hasStart) {
      issues.push({
        code: 'unknown_anchor',
        path: ['opportunities', index, 'dates', 'decided'],
        target: 'value',
        message: `missing date \`decided\`: the first step of ${typeof cadence === 'string' ? `cadence "${cadence}"` : 'the cadence'} counts from it; add \`decided: YYYY-MM-DD\` under \`dates\``,
      });
    }
  });

  for (const [known, indexes] of users) {
    const { cadence } = known;
    /** The date `key` comes down to for one opportunity, through estimates: found, or the missing one. */
    const missingAnchor = (index: number, key: string): string | undefined => {
      const dates = pipeline.opportunities[index]!.dates;
      const seen = new Set<string>();
      let current = key;
      while (!Object.hasOwn(dates, current)) {
        const estimate = estimateOf(cadence, current);
        if (estimate === undefined || seen.has(current)) return current;
        seen.add(current);
        current = estimate.from;
      }
      return undefined;
    };
    const reported = new Set<string>();
    // Steps inherited from a preset or a plugin's cadence are checked as the preset's are: per
    // opportunity. Those written in the file (here, or in the file's cadence they come from) can
    // hold a typo.
    const stepsOrigin =
      known.path === undefined ? undefined : traceOrigin(origins, [...known.path, 'steps', 0]);
    const stepsWritten = stepsOrigin !== undefined && 'path' in stepsOrigin;
    const cadenceName =
      (known.id === undefined ? 'this inline cadence' : describeCadence(known)) +
      (stepsOrigin !== undefined && 'inherited' in stepsOrigin && stepsOrigin.inherited !== known.id
        ? ` (with the steps of "${stepsOrigin.inherited}")`
        : '');
    cadence.steps.forEach((step, stepIndex) => {
      const from = step.from ?? 'previous';
      if (SELF_ANCHORS.has(from)) return;
      const missing = indexes.map((index) => missingAnchor(index, from));
      if (missing.every((key) => key === undefined)) return;
      if (known.path !== undefined && stepsWritten && missing.every((key) => key !== undefined)) {
        // Nobody using the cadence has the date: most likely a typo in the step itself.
        if (reported.has(`step:${from}`)) return;
        reported.add(`step:${from}`);
        const dateKeys = indexes.flatMap((index) =>
          Object.keys(pipeline.opportunities[index]!.dates),
        );
        const candidates = [...SELF_ANCHORS, ...dateKeys, ...Object.keys(cadence.estimates ?? {})];
        // The step names an estimate: what is missing is the date its chain of estimates ends at.
        const inEstimates = estimateIssue(cadence, known.path, from, dateKeys);
        // An estimate from a preset is not where the problem lies: the dates are, as below.
        const estimateWritten =
          inEstimates !== undefined && 'path' in traceOrigin(origins, inEstimates[1].path);
        if (inEstimates !== undefined && estimateWritten) {
          const [last, issue] = inEstimates;
          if (!reported.has(`estimate:${last}`)) issues.push(issue);
          reported.add(`estimate:${last}`);
          return;
        }
        if (inEstimates === undefined) {
          issues.push({
            code: 'unknown_anchor',
            path: [...known.path, 'steps', stepIndex, 'from'],
            target: 'value',
            message: `no opportunity using this cadence has a date \`${from}\`${
              didYouMean(from, candidates) ||
              "; count from `previous`, `lastTouch` or a key of the opportunity's `dates`"
            }`,
          });
          return;
        }
      }
      // The planner needs the date for every opportunity that uses the cadence.
      missing.forEach((root, position) => {
        if (root === undefined) return;
        const index = indexes[position]!;
        if (reported.has(`${index}:${root}`)) return;
        reported.add(`${index}:${root}`);
        const via = root === from ? '' : ` (through the estimate of \`${from}\`)`;
        const source = handedOver.get(`${index}:${known.id}`);
        const handover =
          source === undefined
            ? ''
            : `, which ${source === 'inline' ? "the opportunity's own cadence" : `"${source}"`} hands over to,`;
        const typo = closest(root, Object.keys(pipeline.opportunities[index]!.dates));
        const hint =
          typo === undefined
            ? `add \`${root}: YYYY-MM-DD\` under \`dates\` (or \`${root}:\` with no value while it is unknown)`
            : `is \`${typo}\` a typo of it?`;
        issues.push({
          code: 'unknown_anchor',
          path: ['opportunities', index, 'dates', root],
          target: 'value',
          message: `missing date \`${root}\`: ${cadenceName}${handover} counts step "${step.id}" from it${via}; ${hint}`,
        });
      });
    });
  }
  return issues;
}

/** The cadence's estimate of `key`: own entries only, so `toString` is no estimate. */
function estimateOf(cadence: Cadence | CadenceInput, key: string) {
  const estimates = cadence.estimates;
  return estimates !== undefined && Object.hasOwn(estimates, key) ? estimates[key] : undefined;
}

/**
 * For a step counting from `from` when no opportunity has the date: if `from` is an estimate, the
 * problem lies in the estimates — the last one in the chain counts from a date no opportunity has,
 * or the chain loops. Returns that estimate's key and the issue, reported at its `from`.
 */
function estimateIssue(
  cadence: Cadence | CadenceInput,
  path: Path,
  from: string,
  dateKeys: readonly string[],
): [string, ReferenceIssue] | undefined {
  const chain: string[] = [];
  let root = from;
  let estimate = estimateOf(cadence, root);
  while (estimate !== undefined && !chain.includes(root)) {
    chain.push(root);
    root = estimate.from;
    estimate = estimateOf(cadence, root);
  }
  const last = chain[chain.length - 1];
  if (last === undefined) return undefined;
  const example = dateKeys.includes('decided') ? 'decided' : dateKeys[0];
  const suchAs = example === undefined ? '' : `, such as \`${example}\``;
  const message = chain.includes(root)
    ? `the estimates of ${[...chain.slice(chain.indexOf(root)), root].map((key) => `\`${key}\``).join(' → ')} count from each other, so none can be worked out; count one of them from a date the opportunities have${suchAs}`
    : `the estimate of \`${last}\` counts from \`${root}\`, which no opportunity using this cadence has${
        didYouMean(root, [...dateKeys, ...Object.keys(cadence.estimates ?? {})]) ||
        `; add \`${root}: YYYY-MM-DD\` under \`dates\` (or \`${root}:\` while it is unknown)${
          example === undefined ? '' : `, or count the estimate from a date they have${suchAs}`
        }`
      }`;
  return [
    last,
    {
      code: 'unknown_anchor',
      path: [...path, 'estimates', last, 'from'],
      target: 'value',
      message,
    },
  ];
}
