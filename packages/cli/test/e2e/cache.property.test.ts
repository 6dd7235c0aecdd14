/**
 * Metamorphic property of the parse cache: whatever happens to the pipeline file between runs —
 * `runner-up log` and `snooze` (which store what they validated), edits made with plain fs,
 * edits that keep the size or the mtime, an edit undone byte for byte, a bare mtime change, a
 * replacement by rename — `runner-up agenda --json` with the cache prints exactly what it
 * prints with `RUNNER_UP_CACHE=0`.
 */
import {
  copyFileSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../setup/ensure-built';
import { type CliResult, runCli, scratchDir } from '../setup/run-cli';

const FIXTURE = join(import.meta.dirname, '../fixtures/commented.yaml');
const NOW = '2026-12-01T15:00:00Z';
const OPPORTUNITIES = ['acme-telecom-pm', 'northwind-ops'] as const;
const CHANNELS = ['email', 'call', 'linkedin', 'meeting', 'note', 'other'] as const;

beforeAll(ensureBuilt, 600_000);

/** A scratch project: the commented fixture as runner-up.yaml and a cache of its own. */
interface Project {
  cwd: string;
  file: string;
  /** The environment of runs with the cache on, in a directory no other run shares. */
  cached: Record<string, string>;
  /** The same with the cache off. */
  uncached: Record<string, string>;
}

function project(): Project {
  const cwd = scratchDir();
  const file = join(cwd, 'runner-up.yaml');
  copyFileSync(FIXTURE, file);
  const dir = join(cwd, 'cache');
  return {
    cwd,
    file,
    cached: { RUNNER_UP_CACHE_DIR: dir },
    uncached: { RUNNER_UP_CACHE: '0', RUNNER_UP_CACHE_DIR: dir },
  };
}

/** A date from 25 days before NOW to `daysAfter` days after it, `YYYY-MM-DD`. */
const dateNear = (daysAfter: number) =>
  fc
    .integer({ min: -25, max: daysAfter })
    .map((offset) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10));

/** A date in the few weeks around NOW. */
const nearDate = dateNear(40);
/** A date in the few weeks up to NOW: `log --at` takes no date after today. */
const pastDate = dateNear(0);

/** A title plain YAML reads as text. */
const title = fc.stringMatching(/^[A-Z][a-z]{2,9}( [A-Z][a-z]{2,8})?$/);

type Step =
  | {
      kind: 'log';
      opp: number;
      channel: string;
      at: string;
      direction: 'in' | 'out';
      note: string | null;
      cacheOff: boolean;
    }
  | { kind: 'snooze'; opp: number; until: string; cacheOff: boolean }
  | { kind: 'append'; on: string; channel: string; direction: 'in' | 'out' }
  | { kind: 'title'; opp: number; title: string }
  | { kind: 'same-size'; opp: number; day: number; keepMtime: boolean }
  | { kind: 'edit-then-restore'; opp: number; title: string; keepMtime: boolean }
  | { kind: 'touch'; seconds: number }
  | { kind: 'rename'; opp: number; title: string | null };

/**
 * Notes YAML must quote or escape, and any text a shell could pass (no NUL), but blank: `log`
 * refuses an empty or blank `--note` (leave it out when there is nothing to note).
 */
const note = fc.oneof(
  fc.constantFrom(
    'a: b',
    '#hash',
    'x, y',
    ' lead',
    "it's",
    '"q"',
    '[x]',
    '{y}',
    '- dash',
    'ünïcödé 😀',
  ),
  fc
    .string({ unit: 'grapheme', maxLength: 20 })
    .filter((text) => !text.includes('\0') && text.trim() !== ''),
);

const opp = fc.integer({ min: 0, max: OPPORTUNITIES.length - 1 });
const channel = fc.constantFrom(...CHANNELS);
const direction = fc.constantFrom<'in' | 'out'>('in', 'out');

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('log' as const),
    opp,
    channel,
    at: pastDate,
    direction,
    note: fc.option(note),
    cacheOff: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('snooze' as const), opp, until: nearDate, cacheOff: fc.boolean() }),
  fc.record({ kind: fc.constant('append' as const), on: nearDate, channel, direction }),
  fc.record({ kind: fc.constant('title' as const), opp, title }),
  fc.record({
    kind: fc.constant('same-size' as const),
    opp,
    day: fc.integer({ min: 1, max: 28 }),
    keepMtime: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit-then-restore' as const),
    opp,
    title,
    keepMtime: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('touch' as const),
    seconds: fc.integer({ min: -3600, max: 3600 }),
  }),
  fc.record({ kind: fc.constant('rename' as const), opp, title: fc.option(title) }),
);

/** Replaces the `index`-th match of the multiline regex `pattern` (which must match). */
function replaceNth(text: string, pattern: RegExp, index: number, replace: string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'gm'))];
  const match = matches[index];
  if (match?.index === undefined) throw new Error(`no match ${index} of ${pattern} in:\n${text}`);
  return text.slice(0, match.index) + replace + text.slice(match.index + match[0].length);
}

/** The opportunity's own `title:` (steps' titles are indented further). */
const withTitle = (text: string, index: number, value: string) =>
  replaceNth(text, /^ {4}title: .*$/, index, `    title: ${value}`);

/** The opportunity's `decided` date set to day `day` of its month: the file keeps its size. */
const withDecidedDay = (text: string, index: number, day: number) => {
  const lines = [...text.matchAll(/^( {6}decided: \d{4}-\d{2}-)\d{2}/gm)];
  const prefix = lines[index]?.[1];
  if (prefix === undefined) throw new Error(`no decided date ${index}`);
  return replaceNth(
    text,
    /^ {6}decided: \d{4}-\d{2}-\d{2}/,
    index,
    `${prefix}${String(day).padStart(2, '0')}`,
  );
};

/** A touchpoint added by hand at the top of the first opportunity's list. */
const withTouchpoint = (text: string, on: string, channel: string, direction: string) =>
  replaceNth(
    text,
    /^ {6}# comment: inside touchpoints$/,
    0,
    `      # comment: inside touchpoints\n      - { on: ${on}, channel: ${channel}, direction: ${direction} }`,
  );

/** Writes `text` like an editor that saves in place. */
function writeInPlace(file: string, text: string, keepMtimeOf?: { atime: Date; mtime: Date }) {
  writeFileSync(file, text);
  if (keepMtimeOf) utimesSync(file, keepMtimeOf.atime, keepMtimeOf.mtime);
}

const show = (result: CliResult) =>
  `exit ${result.code}\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr}`;

/** Runs a command that must succeed. */
async function ok(args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  const result = await runCli(args, { cwd, env });
  expect(result.code, `runner-up ${args.join(' ')}\n${show(result)}`).toBe(0);
  return result;
}

/** The property: agenda with the cache prints what it prints without. Returns the agenda. */
async function agendaAgrees(p: Project, label: string): Promise<unknown[]> {
  const args = ['agenda', '--json', '--now', NOW];
  const reference = await ok(args, p.cwd, p.uncached);
  const cached = await runCli(args, { cwd: p.cwd, env: p.cached });
  expect(
    { code: cached.code, stdout: cached.stdout, stderr: cached.stderr },
    `${label}\nfile:\n${readFileSync(p.file, 'utf8')}`,
  ).toEqual({ code: 0, stdout: reference.stdout, stderr: reference.stderr });
  const reminders = JSON.parse(reference.stdout) as unknown[];
  expect(Array.isArray(reminders)).toBe(true);
  // The cached run went through the cache: it holds this file's entry.
  expect(
    readdirSync(p.cached.RUNNER_UP_CACHE_DIR!).filter((name) => name.endsWith('.json')),
  ).toHaveLength(1);
  return reminders;
}

async function apply(p: Project, s: Step, label: string): Promise<void> {
  const text = readFileSync(p.file, 'utf8');
  const times = statSync(p.file);
  switch (s.kind) {
    case 'log': {
      const args = ['log', OPPORTUNITIES[s.opp]!, '--channel', s.channel, '--at', s.at];
      args.push('--direction', s.direction, '--now', NOW);
      if (s.note !== null) args.push(`--note=${s.note}`);
      await ok(args, p.cwd, s.cacheOff ? p.uncached : p.cached);
      if (s.note !== null) {
        // The note made it into the file as text (so the edit really changed what is parsed).
        const parsed = parse(readFileSync(p.file, 'utf8')) as {
          opportunities: { touchpoints?: { note?: string }[] }[];
        };
        const notes = parsed.opportunities[s.opp]!.touchpoints!.map((t) => t.note);
        expect(notes).toContain(s.note);
      }
      return;
    }
    case 'snooze':
      await ok(
        ['snooze', OPPORTUNITIES[s.opp]!, '--until', s.until],
        p.cwd,
        s.cacheOff ? p.uncached : p.cached,
      );
      return;
    case 'append':
      writeInPlace(p.file, withTouchpoint(text, s.on, s.channel, s.direction));
      return;
    case 'title':
      writeInPlace(p.file, withTitle(text, s.opp, s.title));
      return;
    case 'same-size': {
      const next = withDecidedDay(text, s.opp, s.day);
      expect(Buffer.byteLength(next)).toBe(Buffer.byteLength(text));
      writeInPlace(p.file, next, s.keepMtime ? times : undefined);
      return;
    }
    case 'edit-then-restore': {
      const original = readFileSync(p.file);
      writeInPlace(p.file, withTitle(text, s.opp, s.title));
      // The cache now holds the edited text...
      await agendaAgrees(p, `${label} (while edited)`);
      // ...and the file goes back to its exact bytes, optionally its mtime too.
      writeFileSync(p.file, original);
      if (s.keepMtime) utimesSync(p.file, times.atime, times.mtime);
      return;
    }
    case 'touch': {
      const when = new Date(times.mtimeMs + s.seconds * 1000);
      utimesSync(p.file, when, when);
      return;
    }
    case 'rename': {
      const next = s.title === null ? text : withTitle(text, s.opp, s.title);
      const temp = join(p.cwd, '.runner-up.yaml.replacement');
      writeFileSync(temp, next);
      renameSync(temp, p.file);
      return;
    }
  }
}

describe('parse cache (metamorphic)', () => {
  it('agenda with the cache prints what it prints without, after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 5 }), async (steps) => {
        const p = project();
        await agendaAgrees(p, 'initial');
        for (const [i, s] of steps.entries()) {
          const label = `step ${i}: ${JSON.stringify(s)} of ${JSON.stringify(steps)}`;
          await apply(p, s, label);
          await agendaAgrees(p, label);
        }
      }),
      { numRuns: 10 },
    );
  }, 300_000);
});
