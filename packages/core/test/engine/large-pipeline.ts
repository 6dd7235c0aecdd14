import type {
  CadenceInput,
  OpportunityInput,
  PipelineInput,
  RunnerUpPlugin,
  StepInput,
} from '../../src';
import { addDays, definePlugin } from '../../src';

/** Small deterministic PRNG (mulberry32): the same seed always gives the same pipeline. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A plugin with one cadence and two talking-point templates. */
export const largePipelinePlugin: RunnerUpPlugin = definePlugin({
  name: 'large-pipeline',
  templates: {
    'value-note': 'Remind {contact.firstName} what you would bring to {organization}.',
    'since-decided': 'It has been a while since {dates.decided}.',
  },
  cadences: {
    'plugin-nudge': {
      steps: [
        {
          id: 'nudge',
          from: 'decided',
          after: 'P10D',
          action: 'linkedin',
          title: 'Nudge {contact.name}',
          talkingPoints: ['{template:value-note}', '{dates.missing}'],
        },
      ],
      repeat: { every: 'P2M', count: 4 },
      rules: { minGapDays: 5 },
    },
  },
});

const stepTitles = [
  'Write to {contact.firstName} about {title}',
  'Call {organization} (R&D, 50% / remote?)',
  'Ping {contact.name} — {dates.kickoff}',
];

const talkingPoints = [
  'Since {dates.decided}, a lot changed.',
  'Line one\r\nline two\rline three\nline four',
  'Ask about {title} at {organization} & café',
  '{template:since-decided}',
  'Unknown {dates.nothing} stays as written',
];

/** Custom cadences covering what the presets do not: RRULEs with other times, lastTouch, hand-overs. */
function customCadences(next: () => number): Record<string, CadenceInput> {
  const pickPoints = (): string[] => talkingPoints.filter(() => next() < 0.4).slice(0, 3);
  const step = (
    id: string,
    from: string,
    after: StepInput['after'],
    action: string,
  ): StepInput => ({
    id,
    from,
    after,
    action: action as StepInput['action'],
    title: stepTitles[Math.floor(next() * stepTitles.length)]!,
    talkingPoints: pickPoints(),
    ...(next() < 0.3 ? { subject: 'About {title}: {organization} ✓' } : {}),
    ...(next() < 0.3 ? { to: 'recruiter' } : {}),
  });
  return {
    'weekly-rrule': {
      steps: [step('first', 'decided', 'P1W', 'email'), step('second', 'lastTouch', 'P2W', 'call')],
      repeat: { rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;BYHOUR=14;BYMINUTE=15', until: 'P9M' },
      rules: { minGapDays: 3, businessDays: false },
    },
    'monthly-rrule': {
      estimates: { kickoff: { from: 'decided', after: { businessDays: 10 } } },
      steps: [step('kick', 'kickoff', 'P2W', 'email')],
      repeat: { rrule: 'FREQ=MONTHLY;BYDAY=1MO,3WE;BYHOUR=2;BYMINUTE=30', count: 8 },
      rules: { stopOn: ['reply', 'won'], restartOnTouch: false },
    },
    'hand-over': {
      steps: [
        step('ask', 'previous', { businessDays: 3 }, 'email'),
        step('again', 'previous', 'P1M', 'linkedin'),
      ],
      repeat: { every: 'P1M', until: '2028-06-30' },
      rules: { maxUnanswered: 2, thenCadence: 'quarterly', minGapDays: 10 },
    },
    'every-fortnight': {
      steps: [
        step('hello', 'winnerStarts', 'P0D', 'meeting'),
        step('note', 'previous', 'PT48H', 'note'),
      ],
      repeat: { every: 'P2W', count: 20 },
      rules: { minGapDays: 0, businessDays: true, stopOn: [] },
    },
  };
}

const presets = [
  'runner-up',
  'runner-up',
  'relocated',
  'proposal-runner-up',
  'silver-medalist',
  'quarterly',
  'weekly-rrule',
  'monthly-rrule',
  'hand-over',
  'every-fortnight',
  'plugin-nudge',
];

const names = ['Dana Lee', 'Sam Ortiz', '  Riley  Chen ', 'Zoë Ångström', 'Pat'];

/**
 * A large pipeline exercising most of what plan() does: every preset, custom and inline cadences,
 * RRULEs at other times of day, estimates, touchpoints (in, out, naming a contact or a reminder),
 * snoozes, stop statuses, contacts without email or off limits, organizations shared between
 * opportunities (so minimum gaps push), and text that needs encoding in a `mailto:`.
 */
export function largePipeline(options: {
  seed: number;
  opportunities: number;
  timezone: string;
  at: string;
  workdays?: PipelineInput['owner']['workdays'];
}): PipelineInput {
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const cadences = customCadences(next);
  const opportunities: OpportunityInput[] = [];
  for (let i = 0; i < options.opportunities; i++) {
    const decided = addDays('2025-09-01', Math.floor(next() * 700));
    const organization = pick([
      `Org ${Math.floor(next() * 400)}`,
      `R&D Lab ${Math.floor(next() * 50)}`,
      'Café Ünïcode',
    ]);
    const contacts: NonNullable<OpportunityInput['contacts']> = [];
    for (let c = Math.floor(next() * 4); c > 0; c--) {
      const name = pick(names);
      // A name is listed once per opportunity.
      if (contacts.some((contact) => contact.name === name)) continue;
      contacts.push({
        name,
        ...(next() < 0.7 ? { role: pick(['hiring-manager', 'recruiter', 'procurement']) } : {}),
        ...(next() < 0.6 ? { email: `p${Math.floor(next() * 300)}+tag@org.example` } : {}),
        ...(next() < 0.1 ? { doNotContact: true } : {}),
      });
    }
    const cadenceChoice = next();
    const cadence: OpportunityInput['cadence'] =
      cadenceChoice < 0.03
        ? false
        : cadenceChoice < 0.1
          ? {
              steps: [
                {
                  id: 'inline',
                  from: pick(['decided', 'previous', 'lastTouch']),
                  after: pick(['P5D', 'P1M', { businessDays: 4 }] as const),
                  title: 'Inline step for {organization}',
                  talkingPoints: ['{template:value-note}'],
                },
              ],
              ...(next() < 0.5 ? { repeat: { every: 'P6W', count: 5 } } : {}),
              rules: { minGapDays: Math.floor(next() * 8) },
            }
          : pick(presets);
    const touchpoints: NonNullable<OpportunityInput['touchpoints']> = [];
    for (let t = Math.floor(next() * 5); t > 0; t--) {
      const kind = next();
      touchpoints.push({
        on: addDays(decided, Math.floor(next() * 260) - 10),
        channel: pick(['email', 'call', 'linkedin', 'meeting'] as const),
        direction: next() < 0.15 ? 'in' : 'out',
        ...(kind < 0.3 && contacts.length > 0 ? { with: pick(contacts).name.toUpperCase() } : {}),
        ...(kind > 0.85
          ? { reminder: `opp-${i}/${pick(['thank-you', 'first', 'kick', 'ask'])}/1` }
          : {}),
      });
    }
    const dateChoice = next();
    const dates: Record<string, string | null> =
      dateChoice < 0.05
        ? {
            decided: null,
            winnerStarts: null,
            shortlisted: addDays(decided, -20),
            interviewed: addDays(decided, -5),
          }
        : {
            decided,
            winnerStarts: next() < 0.5 ? addDays(decided, 14 + Math.floor(next() * 30)) : null,
            ...(next() < 0.2 ? { kickoff: addDays(decided, 40) } : {}),
          };
    opportunities.push({
      id: `opp-${i}`,
      organization,
      title: pick(['Program Manager', 'Data Engineer', 'R&D Lead (50%)', 'Ingénieur réseau']),
      status: pick(['runner-up', 'runner-up', 'runner-up', 'runner-up', 'won', 'lost', 'closed']),
      dates,
      contacts,
      cadence,
      touchpoints,
      ...(next() < 0.08 ? { snoozedUntil: addDays(decided, Math.floor(next() * 120)) } : {}),
    });
  }
  return {
    version: 1,
    owner: {
      name: 'Lynne Ö',
      timezone: options.timezone,
      holidays: ['2026-12-25', '2027-01-01', '2027-07-05', '2027-12-24', '2028-01-03'],
      at: options.at,
      ...(options.workdays ? { workdays: options.workdays } : {}),
    },
    cadences,
    opportunities,
  };
}
