import fc from 'fast-check';
import type { CadenceInput, OpportunityInput, PipelineInput } from '../../src';
import { addDays } from '../../src';

/** What the generated pipelines may use; properties narrow it where an invariant needs to. */
export interface PipelineShape {
  /** Anchors steps may count from. */
  anchors?: readonly string[];
  /** Allow `maxUnanswered` and hand-overs. @default true */
  handover?: boolean;
  /** Force `businessDays` on every cadence. @default false */
  businessDays?: boolean;
  /** Preset ids opportunities may name. */
  presets?: readonly string[];
  /** Also reference things that do not exist: a missing anchor, an unknown cadence, a bad RRULE. */
  wild?: boolean;
}

const zones = [
  'America/Chicago',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
];
const organizations = ['Acme Telecom', 'Globex', 'Initech', 'Umbrella'];
const people = ['Dana Lee', 'Sam Ortiz', 'Riley Chen', 'Pat Kim'];
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A plain date between 2025 and 2028. */
export const plainDate = fc
  .integer({ min: 0, max: 4 * 365 })
  .map((offset) => addDays('2025-01-01', offset));

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const duration = fc.constantFrom('P0D', 'P1D', 'P3D', 'P1W', 'P3W', 'P1M', 'P3M', 'P1Y', 'PT48H');
const offset = fc.oneof(
  duration,
  fc.integer({ min: 0, max: 6 }).map((businessDays) => ({ businessDays })),
);

function cadence(shape: PipelineShape): fc.Arbitrary<CadenceInput> {
  const anchors = [
    ...(shape.anchors ?? ['decided', 'previous', 'lastTouch', 'winnerStarts']),
    ...(shape.wild ? ['kickoff'] : []),
  ];
  const rrules = [
    'FREQ=MONTHLY;BYDAY=3MO',
    'FREQ=WEEKLY;INTERVAL=2',
    'FREQ=MONTHLY',
    ...(shape.wild
      ? ['FREQ=DAILY;BYDAY=XX', 'DTSTART:20260101T000000Z', 'FREQ=YEARLY;BYMONTH=13']
      : []),
  ];
  const step = fc.record(
    {
      from: fc.constantFrom(...anchors),
      after: offset,
      action: fc.constantFrom('email', 'call', 'linkedin', 'meeting', 'note'),
      title: fc.constantFrom(
        'Write to {contact.firstName}',
        'Call {organization}',
        'About {title}',
      ),
      talkingPoints: fc.array(fc.constantFrom('Since {dates.decided}', 'Hello {contact.name}'), {
        maxLength: 2,
      }),
      urgent: fc.boolean(),
    },
    { requiredKeys: ['from', 'after', 'action', 'title', 'talkingPoints'] },
  );
  const repeat = fc.oneof(
    fc.record(
      {
        every: fc.constantFrom('P1W', 'P1M', 'P3M', 'P6M'),
        until: fc.oneof(plainDate, fc.constantFrom('P6M', 'P18M')),
        count: fc.integer({ min: 1, max: 6 }),
      },
      { requiredKeys: ['every'] },
    ),
    fc.record(
      {
        rrule: fc.constantFrom(...rrules),
        until: fc.oneof(plainDate, fc.constantFrom('P6M', 'P18M')),
        count: fc.integer({ min: 1, max: 6 }),
      },
      { requiredKeys: ['rrule'] },
    ),
  );
  const rules = fc.record(
    {
      businessDays: shape.businessDays ? fc.constant(true) : fc.boolean(),
      stopOn: fc.subarray(['reply', 'won', 'lost', 'closed', 'withdrawn'] as const),
      restartOnTouch: fc.boolean(),
      ...(shape.handover === false
        ? {}
        : { maxUnanswered: fc.integer({ min: 1, max: 4 }), thenCadence: fc.constant('quarterly') }),
      minGapDays: fc.integer({ min: 0, max: 20 }),
    },
    { requiredKeys: shape.businessDays ? ['businessDays'] : [] },
  );
  return fc
    .record(
      {
        steps: fc.array(step, { minLength: 1, maxLength: 4 }),
        repeat,
        rules,
        estimates: fc.constant({ winnerStarts: { from: 'decided', after: 'P3W' } }),
      },
      { requiredKeys: ['steps', 'estimates'] },
    )
    .map((c) => ({ ...c, steps: c.steps.map((s, i) => ({ ...s, id: `step-${i}` })) }));
}

function opportunity(shape: PipelineShape, index: number): fc.Arbitrary<OpportunityInput> {
  const presets = [
    ...(shape.presets ?? ['runner-up', 'relocated', 'quarterly', 'silver-medalist']),
    ...(shape.wild ? ['no-such-cadence', 'proposal-runner-up'] : []),
  ];
  return fc
    .record({
      organization: fc.constantFrom(...organizations),
      // The employer or recruiter side too: steps to the candidate only, gaps per candidate.
      kind: fc.constantFrom('job', 'job', 'contract', 'candidate'),
      status: fc.constantFrom('runner-up', 'runner-up', 'runner-up', 'won', 'lost', 'closed'),
      decided: plainDate,
      winnerStarts: fc.option(plainDate),
      contacts: fc.array(
        fc.record(
          {
            name: fc.constantFrom(...people),
            role: fc.constantFrom('hiring-manager', 'recruiter', 'candidate'),
            email: fc.constantFrom('dana@acme.example', 'sam@globex.example'),
            // One person across opportunities when there is no email, written two ways.
            linkedin: fc.constantFrom(
              'linkedin.com/in/pat-kim',
              'https://www.linkedin.com/in/Pat-Kim/',
            ),
            phone: fc.constantFrom('+1 312 555 0100', '(312) 555-0100'),
            doNotContact: fc.boolean(),
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 3 },
      ),
      cadence: fc.oneof(fc.constantFrom(...presets), cadence(shape)),
      touchpoints: fc.array(
        fc
          .record(
            {
              on: plainDate,
              channel: fc.constantFrom('email', 'call', 'linkedin'),
              direction: fc.constantFrom('in', 'out', 'out', 'out'),
              // A touch of yours they answered (a call picked up) is a reply too.
              answered: fc.boolean(),
              with: fc.constantFrom(...people),
            },
            { requiredKeys: ['on', 'channel'] },
          )
          // Only a touch of yours is answered: on one from them the file refuses it.
          .map(({ answered, ...touch }) =>
            touch.direction === 'in' || answered === undefined ? touch : { ...touch, answered },
          ),
        { maxLength: 5 },
      ),
      snoozedUntil: fc.option(plainDate, { nil: undefined, freq: 5 }),
    })
    .map(({ decided, winnerStarts, snoozedUntil, ...rest }) => ({
      id: `opp-${index}`,
      title: 'Program Manager',
      dates: { decided, winnerStarts },
      ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
      ...rest,
    }));
}

/** Schema-valid pipelines of one to five opportunities. */
export function pipelineArbitrary(shape: PipelineShape = {}): fc.Arbitrary<PipelineInput> {
  return fc
    .record({
      timezone: fc.constantFrom(...zones),
      workdays: fc.subarray([...weekdays], { minLength: 1 }),
      holidays: fc.array(plainDate, { maxLength: 20 }),
      at: time,
      count: fc.integer({ min: 1, max: 5 }),
    })
    .chain(({ count, ...owner }) =>
      fc
        .tuple(...Array.from({ length: count }, (_, i) => opportunity(shape, i)))
        .map((opportunities) => ({
          version: 1 as const,
          owner: { name: 'Lynne', ...owner },
          opportunities,
        })),
    );
}

/** A moment between 2025 and 2028. */
export const nowArbitrary = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
