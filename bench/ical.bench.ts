/**
 * `pnpm bench ical`: a 50,000-reminder calendar. Times `toIcs` and a full feed request (ETag
 * included), and, in the same run, ical-generator building and serializing the same events
 * directly — the baseline the ratio is against. Markdown on stdout, progress on stderr.
 */

import { availableParallelism, loadavg } from 'node:os';
import type { Reminder } from '@runner-up/core';
import { createFeedHandler, toCalendar, toIcs } from '@runner-up/ical';
import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';

const COUNT = 50_000;
const NOW = '2026-11-30T12:00:00Z';
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney'] as const;
const ACTIONS = ['email', 'call', 'linkedin', 'meeting', 'note'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Reminders spread over three zones and two years, with the text a real plan carries. */
function reminders(count: number): Reminder[] {
  const out: Reminder[] = [];
  const start = Date.parse('2026-12-01T14:30:00Z');
  for (let i = 0; i < count; i++) {
    const timezone = ZONES[i % ZONES.length]!;
    const due = new Date(start + Math.floor(i / 3) * 63 * 60_000);
    const local = formatter(timezone).formatToParts(due);
    const part = (type: string) => local.find((p) => p.type === type)!.value;
    const opp = `org-${i % 997}-pm`;
    out.push({
      key: `${opp}/check-in/${i + 1}`,
      opportunityId: opp,
      stepId: 'check-in',
      occurrence: i + 1,
      organization: `Organization ${i % 997}, Inc.`,
      title: `Check in with Dana about the roll-out #${i}`,
      action: ACTIONS[i % ACTIONS.length]!,
      contact: { name: 'Dana Lee', role: 'hiring-manager', email: 'dana@example.com' },
      due: due.toISOString(),
      local: {
        date: `${part('year')}-${part('month')}-${part('day')}`,
        time: `${part('hour')}:${part('minute')}`,
        timezone,
      },
      duration: 'PT30M',
      status: 'upcoming',
      why: 'Five weeks after the last touch (2026-10-27), moved to Monday because the 1st is a Sunday.',
      talkingPoints: [
        'Ask how the first ninety days of the new hire are going.',
        'Offer local or contract help if the need has grown.',
      ],
      draft: {
        subject: 'Checking in',
        body: 'Hi Dana,\nHow is the new role going? Happy to help if anything comes up.\n— Lynne',
        mailto: 'mailto:dana@example.com?subject=Checking%20in',
      },
    });
  }
  return out;
}

/** The same events built with ical-generator directly, the way a user without this package would. */
function icalGenerator(list: readonly Reminder[]): string {
  const calendar = ical({ name: 'Runner-up follow-ups', prodId: '//bench//bench//EN' });
  const stamp = new Date(NOW);
  for (const r of list) {
    const start = new Date(r.due);
    calendar.createEvent({
      id: `${r.key}@runner-up`,
      stamp,
      start,
      end: new Date(start.getTime() + 30 * 60_000),
      summary: r.title,
      description: `${r.why}\n\n${r.talkingPoints.join('\n')}\n\n${r.draft?.body ?? ''}`,
      categories: [{ name: r.action }, { name: r.organization }],
      url: r.draft?.mailto ?? null,
      status: ICalEventStatus.CONFIRMED,
      alarms: [{ type: ICalAlarmType.display, trigger: 900, description: r.title }],
    });
  }
  return calendar.toString();
}

/** The median; for an even count the lower middle value (the faster run, for the baselines). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Median wall time and median CPU time (user + system) of `runs` runs, in ms. */
async function time(label: string, runs: number, fn: () => unknown | Promise<unknown>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await fn();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    console.error(`  ${label} run ${i + 1}/${runs}: ${wall.at(-1)!.toFixed(0)} ms`);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms | ${t.cpu.toFixed(0)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

const list = reminders(COUNT);
const baseRss = process.resourceUsage().maxRSS;
// Warm up the JIT on a small calendar so the first timed run is not all compilation.
for (let i = 0; i < 3; i++) toIcs(list.slice(0, 2000), { now: NOW });

const bytes = Buffer.byteLength(toIcs(list, { now: NOW }));
const ours = await time('toIcs', 7, () => toIcs(list, { now: NOW }));
const oursRss = process.resourceUsage().maxRSS;
// The baselines below keep both cores busy for minutes, so the load at the end says little about
// the conditions `toIcs` was timed in.
const oursLoad = loadavg()[0]!;

const token = 'bench-token-0123456789abcdef';
const handler = createFeedHandler({ token, load: () => list, now: () => new Date(NOW) });
const feedUrl = `http://bench.test/feed/${token}.ics`;
const feed = await time('feed GET (new content)', 5, async () => {
  // A fresh handler each run, so every request renders and stamps from scratch.
  const fresh = createFeedHandler({ token, load: () => list, now: () => new Date(NOW) });
  await (await fresh(new Request(feedUrl))).text();
});
const etag = (await handler(new Request(feedUrl))).headers.get('etag')!;
const revalidate = await time('feed GET If-None-Match (304)', 5, () =>
  handler(new Request(feedUrl, { headers: { 'if-none-match': etag } })),
);
const feedRss = process.resourceUsage().maxRSS;

// ical-generator 10.2.0 takes minutes here, so fewer runs of the baselines.
const generator = await time('ical-generator direct', 2, () => icalGenerator(list));
const viaCalendar = await time('toCalendar().toString()', 1, () =>
  toCalendar(list, { now: NOW }).toString(),
);

const ratio = ours.wall / generator.wall;
const cpuRatio = ours.cpu / generator.cpu;
console.log(
  [
    `${COUNT.toLocaleString('en-US')} reminders in 3 zones over 2 years, ${(bytes / 1024 / 1024).toFixed(1)} MB of iCalendar; medians; Node ${process.version}; load average ${oursLoad.toFixed(1)} on ${availableParallelism()} cores while \`toIcs\` was timed, ${loadavg()[0]!.toFixed(1)} at the end (a shared machine: CPU time is the steadier number). Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench ical\`.`,
    '',
    '| what | wall time | CPU time | peak RSS |',
    '| --- | ---: | ---: | ---: |',
    `| \`toIcs\` (own RFC 5545 writer) | ${ms(ours)} | ${mb(oursRss)} (${mb(baseRss)} before) |`,
    `| feed request, new content (render + fingerprint + ETag) | ${ms(feed)} | ${mb(feedRss)} |`,
    `| feed request, If-None-Match → 304 | ${ms(revalidate)} | |`,
    `| baseline: ical-generator 10.2.0 building the same events | ${ms(generator)} | |`,
    `| \`toCalendar\` + ical-generator \`toString()\` | ${ms(viaCalendar)} | |`,
    '',
    `Ratio \`toIcs\` / ical-generator: **${ratio.toFixed(3)}** wall, **${cpuRatio.toFixed(3)}** CPU (target ≤ 1.2). \`toIcs\` under 1 s: **${ours.wall < 1000 ? 'yes' : 'no'}** (wall), **${ours.cpu < 1000 ? 'yes' : 'no'}** (CPU).`,
  ].join('\n'),
);
