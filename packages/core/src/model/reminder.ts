import * as z from 'zod';
import { ActionSchema } from './pipeline';
import { PlainDateSchema, PlainTimeSchema } from './primitives';

/** Where a reminder stands relative to `now`. */
export const ReminderStatusSchema = z.enum([
  'upcoming',
  'due',
  'overdue',
  'done',
  'skipped',
  'cancelled',
]);
/** Where a reminder stands relative to `now`. */
export type ReminderStatus = z.infer<typeof ReminderStatusSchema>;

/** A ready-to-send message; never sent automatically. */
export const DraftSchema = z.object({
  subject: z.string(),
  body: z.string(),
  /** A `mailto:` link with subject and body, when the contact has an email. */
  mailto: z.string().optional(),
});
/** A ready-to-send message. */
export type Draft = z.infer<typeof DraftSchema>;

/** The contact a reminder addresses. */
export const ReminderContactSchema = z.object({
  name: z.string(),
  role: z.string().optional(),
  email: z.string().optional(),
  /** As written in the file: for a call, the number to dial. */
  phone: z.string().optional(),
  /** As written in the file. */
  linkedin: z.string().optional(),
});

/**
 * One planned follow-up: the stable output of `plan()` and the input of every sink.
 * `agenda --json` prints an array of these.
 */
export const ReminderSchema = z.object({
  /** `<opportunityId>/<stepId>/<occurrence>`: never derived from the date. */
  key: z.string(),
  opportunityId: z.string(),
  stepId: z.string(),
  /** 1 for a step; 1, 2, 3... for the repeats of a series. */
  occurrence: z.int().min(1),
  organization: z.string(),
  title: z.string(),
  action: ActionSchema,
  contact: ReminderContactSchema.nullable(),
  /** ISO instant in UTC, e.g. `2027-03-22T14:30:00.000Z`. */
  due: z.iso.datetime(),
  local: z.object({ date: PlainDateSchema, time: PlainTimeSchema, timezone: z.string() }),
  /** Calendar block length, ISO 8601 (from `owner.duration`). */
  duration: z.string(),
  status: ReminderStatusSchema,
  /** One sentence explaining the date. */
  why: z.string(),
  talkingPoints: z.array(z.string()),
  draft: DraftSchema.nullable(),
});
/** The contact a reminder addresses, as {@link ReminderContactSchema} describes it. */
export type ReminderContact = z.infer<typeof ReminderContactSchema>;

/**
 * One planned follow-up, as {@link ReminderSchema} describes it. The parts `plan()` shares
 * between reminders (`contact`, `local`, `talkingPoints` and `draft`) are frozen, and typed
 * readonly so that an edit that would throw at run time does not compile: copy them to change
 * them (`[...reminder.talkingPoints, 'Ask about Q1']`, `{ ...reminder.draft, subject }`). The
 * reminder's own fields can be set.
 */
export interface Reminder
  extends Omit<z.infer<typeof ReminderSchema>, 'contact' | 'local' | 'talkingPoints' | 'draft'> {
  /** The contact the step addresses, or `null` when the opportunity lists none. */
  contact: Readonly<ReminderContact> | null;
  /** `due` as a wall-clock date and time in the owner's zone, with that zone's IANA name. */
  local: Readonly<z.infer<typeof ReminderSchema>['local']>;
  /** The step's talking points, with placeholders and templates rendered. */
  talkingPoints: readonly string[];
  /** The message to send, for an `email` or `linkedin` step; `null` for any other action. */
  draft: Readonly<Draft> | null;
}
