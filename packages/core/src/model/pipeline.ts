import * as z from 'zod';
import { registerValidators } from '../parse/validated';
import {
  DurationSchema,
  PlainDateSchema,
  PlainTimeSchema,
  SlugSchema,
  TimeZoneSchema,
  WeekdaySchema,
} from './primitives';
import { MAX_DURATION_NUMBER, parseDuration } from './values';

/** What a step asks you to do. */
export const ActionSchema = z.enum(['email', 'call', 'linkedin', 'meeting', 'note']);
/** What a step asks you to do: `email`, `call`, `linkedin`, `meeting` or `note`. */
export type Action = z.infer<typeof ActionSchema>;

/**
 * An offset from an anchor: an ISO 8601 duration, or a count of business days. The count has the
 * bound of a duration's numbers: 999999 workdays are some 3,800 years, so more is a typo.
 */
export const OffsetSchema = z.union([
  DurationSchema,
  z.strictObject({
    businessDays: z
      .int()
      .min(0)
      .max(MAX_DURATION_NUMBER, {
        error: (issue) =>
          `must be at most ${MAX_DURATION_NUMBER} business days (some 3,800 years), got ${String(issue.input)}`,
      }),
  }),
]);
/** An offset from an anchor: `P3W`, or `{ businessDays: 1 }`. */
export type Offset = z.infer<typeof OffsetSchema>;

/** One step of a cadence. */
export const StepSchema = z.strictObject({
  /** Unique within its cadence; part of every reminder key made from this step. */
  id: SlugSchema,
  /** How long after the anchor the step falls. */
  after: OffsetSchema,
  /**
   * The anchor: a key of the opportunity's `dates`, `previous` (the step before, as planned or done)
   * or `lastTouch` (the latest outbound touchpoint). `previous` is the step before's date after its
   * business-day shift and snooze; with `restartOnTouch`, the date of the touch that completed it.
   * @default 'previous'
   */
  from: z.string().min(1).default('previous'),
  /** @default 'email' */
  action: ActionSchema.default('email'),
  /** What to do, with placeholders like `{contact.firstName}` and `{organization}`. */
  title: z.string().min(1),
  /** Why the touch matters and what to say. Placeholders are rendered. */
  talkingPoints: z.array(z.string()).default([]),
  /** Which contact to address: a role or a name. Defaults to the first reachable contact. */
  to: z.string().optional(),
  /**
   * News that should not wait (telling a candidate they came second): `minGapDays` never moves this
   * step's reminder, which counts as a recorded touch does: every other reminder keeps its own gap
   * from it, before or after. Its repeats (of a last step) are follow-ups like any.
   * @default false
   */
  urgent: z.boolean().optional(),
  /** Subject line of the email draft, with placeholders. Defaults to one naming the role. */
  subject: z.string().min(1).optional(),
  /**
   * The message of the draft, with placeholders, between its greeting and its sign-off.
   * Defaults to an outline of the talking points.
   */
  body: z.string().min(1).optional(),
});
/** One step of a cadence, as written. */
export type StepInput = z.input<typeof StepSchema>;
/** One step of a cadence, with defaults applied. */
export type Step = z.output<typeof StepSchema>;

/** How a cadence continues after its last step. Give exactly one of `every` or `rrule`. */
export const RepeatSchema = z
  .strictObject({
    /** An anchored interval: the k-th date is the last step's date plus k times this duration. */
    every: DurationSchema.optional(),
    /** An RFC 5545 RRULE without DTSTART, e.g. `FREQ=MONTHLY;BYDAY=3MO`. */
    rrule: z.string().min(1).optional(),
    /** Last date of the series, or a duration after the last step (`P18M`). */
    until: z.union([PlainDateSchema, DurationSchema]).optional(),
    /** Maximum number of repeats. */
    count: z.int().min(1).optional(),
  })
  .refine((repeat) => (repeat.every === undefined) !== (repeat.rrule === undefined), {
    error: 'give exactly one of `every` or `rrule`',
  });
/** How a cadence continues after its last step. */
export type Repeat = z.output<typeof RepeatSchema>;

/** Events that stop a cadence. `reply` is an inbound touchpoint; the others are statuses. */
export const StopEventSchema = z.enum(['reply', 'won', 'lost', 'closed', 'withdrawn']);
/** An event that stops a cadence. */
export type StopEvent = z.infer<typeof StopEventSchema>;

/** Rules that shape when and whether steps fall. */
export const RulesSchema = z.strictObject({
  /**
   * Move a date that falls on a non-workday or holiday to the next workday.
   * @default true
   */
  businessDays: z.boolean().default(true),
  /** @default ['reply', 'won', 'closed', 'withdrawn'] */
  stopOn: z.array(StopEventSchema).default(['reply', 'won', 'closed', 'withdrawn']),
  /**
   * An outbound touch re-anchors `previous` and `lastTouch` steps.
   * @default true
   */
  restartOnTouch: z.boolean().default(true),
  /** After this many outbound touches with no reply, stop (or hand over to `thenCadence`). */
  maxUnanswered: z.int().min(1).optional(),
  /** The cadence to continue with once `maxUnanswered` is reached. */
  thenCadence: z.string().min(1).optional(),
  /**
   * Minimum days between touches to the same contact or organization, across opportunities; at
   * most 999999.
   * @default 0
   */
  minGapDays: z
    .int()
    .min(0)
    .max(MAX_DURATION_NUMBER, {
      error: (issue) =>
        `must be at most ${MAX_DURATION_NUMBER} days (some 2,700 years), got ${String(issue.input)}`,
    })
    .default(0),
});
/** Rules that shape when and whether steps fall. */
export type Rules = z.output<typeof RulesSchema>;

/**
 * How to estimate an anchor date the opportunity does not know yet (missing or `null`):
 * `after` counted `from` another date. Reminders that use an estimate say so in their `why`.
 */
export const EstimateSchema = z.strictObject({
  /** The date to count from: a key of the opportunity's `dates` (or another estimate). */
  from: z.string().min(1),
  /** How long after it. */
  after: OffsetSchema,
});
/** How to estimate an unknown anchor date, e.g. `{ from: 'decided', after: 'P3W' }`. */
export type Estimate = z.output<typeof EstimateSchema>;

/** A follow-up cadence: ordered steps, an optional repeat and rules. */
export const CadenceSchema = z.strictObject({
  /**
   * Another cadence this one is written as: a built-in preset, a plugin's cadence or another
   * cadence under `cadences:`. Its fields are taken, and those given here replace them (`rules`
   * and `estimates` key by key). Resolved when the pipeline is parsed, so a parsed cadence always
   * has its steps; the id stays here to say where they came from.
   */
  extends: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Estimates for anchor dates that may be unknown, by date key (`winnerStarts: { from: decided, after: P3W }`). */
  estimates: z.record(z.string(), EstimateSchema).optional(),
  steps: z.array(StepSchema).min(1, { error: 'a cadence needs at least one step' }),
  repeat: RepeatSchema.optional(),
  rules: RulesSchema.default(RulesSchema.parse({})),
});
/** A cadence as written in the file. */
export type CadenceInput = z.input<typeof CadenceSchema>;
/**
 * A cadence as written that builds on another: `extends` and only the fields that differ
 * (`steps` becomes optional). Accepted under `cadences:`, inline and in a plugin's cadences.
 */
export type ExtendingCadenceInput = Omit<CadenceInput, 'extends' | 'steps'> & {
  extends: string;
  steps?: CadenceInput['steps'];
};
/** A cadence with defaults applied. */
export type Cadence = z.output<typeof CadenceSchema>;

/** Text that must say something: not empty, and not only spaces. */
const NamedText = z.string().regex(/\S/, { error: 'must not be blank' });

/** A person at the organization. */
export const ContactSchema = z.strictObject({
  name: NamedText,
  /** e.g. `hiring-manager`, `recruiter`, `procurement`. Steps can address a contact by role. */
  role: z.string().optional(),
  email: z.email({ error: 'expected an email address like dana@acme.example' }).optional(),
  phone: z.string().optional(),
  linkedin: z.string().optional(),
  /** Nothing is ever planned for this contact. */
  doNotContact: z.boolean().default(false),
});
/** A person at the organization. */
export type Contact = z.output<typeof ContactSchema>;

/** Channels a touchpoint can use. */
export const ChannelSchema = z.enum(['email', 'call', 'linkedin', 'meeting', 'note', 'other']);
/** A channel a touchpoint used. */
export type Channel = z.infer<typeof ChannelSchema>;

/** A contact that happened, in either direction. */
export const TouchpointSchema = z
  .strictObject({
    on: PlainDateSchema,
    channel: ChannelSchema,
    /** The contact's name. */
    with: z.string().optional(),
    /** `in` is a reply or approach from them, `out` is yours. @default 'out' */
    direction: z.enum(['in', 'out']).default('out'),
    /**
     * For a touch of yours, that they answered it on the spot (a call they picked up, a meeting
     * held): it completes a step as any touch of yours does, and counts as their reply too.
     * @default false
     */
    answered: z.boolean().optional(),
    note: z.string().optional(),
    /** The reminder key this touch completes, when it was recorded from a reminder. */
    reminder: z.string().optional(),
  })
  .refine((touch) => !(touch.answered === true && touch.direction === 'in'), {
    path: ['answered'],
    message:
      '`answered: true` is for a touch of yours (`direction: out`) that they answered on the spot, such as a call they picked up; a touch from them (`direction: in`) is their reply already, so remove `answered`',
  });
/** A contact that happened. */
export type Touchpoint = z.output<typeof TouchpointSchema>;

/**
 * Kinds of opportunity. `candidate` is the employer or recruiter side: the opportunity is a
 * runner-up candidate you keep warm, its contact is that candidate and its `organization` the one
 * that hired someone else (your client, or your own company), so `minGapDays` spaces touches per
 * candidate and never per organization.
 */
export const OpportunityKindSchema = z.enum([
  'job',
  'contract',
  'proposal',
  'partnership',
  'candidate',
  'other',
]);
/** Where an opportunity stands. */
export const OpportunityStatusSchema = z.enum([
  'prospect',
  'applied',
  'interviewing',
  'finalist',
  'runner-up',
  'won',
  'lost',
  'withdrawn',
  'closed',
]);
/** Where an opportunity stands. */
export type OpportunityStatus = z.infer<typeof OpportunityStatusSchema>;

/** A job, contract or proposal you came second for (or, on the employer side, a candidate). */
export const OpportunitySchema = z.strictObject({
  /** Stable slug; reminder keys derive from it. */
  id: SlugSchema,
  /** @default 'job' */
  kind: OpportunityKindSchema.default('job'),
  organization: NamedText,
  title: NamedText,
  /** @default 'runner-up' */
  status: OpportunityStatusSchema.default('runner-up'),
  /** Named anchors steps count from; `null` means known to exist but not yet known. */
  dates: z.record(z.string(), PlainDateSchema.nullable()).default({}),
  contacts: z.array(ContactSchema).default([]),
  /**
   * A preset id, a custom cadence id, an inline cadence, or `false` for none.
   * @default 'runner-up'
   */
  cadence: z.union([z.string().min(1), CadenceSchema, z.literal(false)]).default('runner-up'),
  touchpoints: z.array(TouchpointSchema).default([]),
  /** Nothing falls before this date; what would have is moved to it. */
  snoozedUntil: PlainDateSchema.optional(),
  notes: z.string().optional(),
  url: z.string().optional(),
});
/** An opportunity as written (its inline cadence may `extends:` another). */
export type OpportunityInput = Omit<z.input<typeof OpportunitySchema>, 'cadence'> & {
  cadence?: z.input<typeof OpportunitySchema>['cadence'] | ExtendingCadenceInput;
};
/** An opportunity with defaults applied. */
export type Opportunity = z.output<typeof OpportunitySchema>;

/** Who the reminders are for, and when they may fall. */
export const OwnerSchema = z.strictObject({
  name: NamedText,
  email: z.email().optional(),
  /** IANA zone; every reminder time is in it. */
  timezone: TimeZoneSchema,
  /** @default ['mon', 'tue', 'wed', 'thu', 'fri'] */
  workdays: z
    .array(WeekdaySchema)
    .min(1, { error: 'give at least one workday' })
    .default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** @default [] */
  holidays: z.array(PlainDateSchema).default([]),
  /** Time of day reminders fall at. @default '09:00' */
  at: PlainTimeSchema.default('09:00'),
  /** Calendar block length; not zero (an event must end after it starts). @default 'PT30M' */
  duration: DurationSchema.refine(
    (value) => {
      const parts = parseDuration(value);
      return parts === undefined || Object.values(parts).some((n) => n > 0);
    },
    {
      error: (issue) =>
        `a calendar block needs a length, got ${String(issue.input)}: give one like PT30M`,
    },
  ).default('PT30M'),
});
/** The owner of a pipeline. */
export type Owner = z.output<typeof OwnerSchema>;

/** The whole `runner-up.yaml` file, version 1. */
export const PipelineSchema = z.strictObject({
  version: z.literal(1, { error: 'expected `version: 1`' }),
  owner: OwnerSchema,
  cadences: z.record(SlugSchema, CadenceSchema).default({}),
  opportunities: z.array(OpportunitySchema).default([]),
});
/**
 * A pipeline as {@link PipelineSchema} checks it, once `extends:` is resolved: every cadence has
 * its `steps`. {@link PipelineInput} retypes its `cadences` and `opportunities` to let a cadence
 * that `extends:` another leave them out.
 */
type SchemaInput = z.input<typeof PipelineSchema>;
/** A pipeline as written (defaults optional; a cadence may `extends:` another). */
export type PipelineInput = Omit<SchemaInput, 'cadences' | 'opportunities'> & {
  cadences?: Record<string, CadenceInput | ExtendingCadenceInput>;
  opportunities?: OpportunityInput[];
};
/** A validated pipeline with defaults applied. */
export type Pipeline = z.output<typeof PipelineSchema>;

// The engine validates through this registration rather than importing the schemas (see
// registerValidators): whoever loads the schemas makes them available to plan().
registerValidators({ pipeline: PipelineSchema, cadence: CadenceSchema });
