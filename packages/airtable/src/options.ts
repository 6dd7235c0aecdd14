import {
  type Completion,
  checkOptionNames,
  type Reminder,
  RunnerUpError,
  type SyncProgress,
  serviceUrlProblem,
  TimeZoneSchema,
} from '@runner-up/core';
import * as z from 'zod';

/**
 * The fields the sync knows. Each is called by its own name in the table except `DoneAt`, whose
 * default name is `Done at`; a {@link AirtableOptions.fieldMap} renames them.
 */
export const AIRTABLE_FIELDS = [
  'Name',
  'Key',
  'Due',
  'Opportunity',
  'Organization',
  'Contact',
  'Action',
  'Status',
  'Why',
  'Done',
  'Notes',
  'DoneAt',
] as const;

/** One of the fields the sync knows, by its default name. */
export type AirtableField = (typeof AIRTABLE_FIELDS)[number];

/** The logical field names, for `fieldMap` keys. */
export const AirtableFieldSchema = z.enum(AIRTABLE_FIELDS);

const fetchSchema = z.custom<typeof fetch>((value) => typeof value === 'function', {
  error: 'expected a fetch function',
});
const signalSchema = z.custom<AbortSignal>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function',
  { error: 'expected an AbortSignal' },
);
const progressSchema = z.custom<(progress: SyncProgress) => void>(
  (value) => typeof value === 'function',
  { error: 'expected a function' },
);
const replanSchema = z.custom<NonNullable<AirtableOptions['replan']>>(
  (value) => typeof value === 'function',
  { error: 'expected a function' },
);

/**
 * The options of {@link syncAirtable}, {@link airtableSink} and {@link airtablePlugin}, validated with
 * zod. The token is checked for presence only and never echoed back in a message.
 */
export const AirtableOptionsSchema = z.object({
  token: z
    .string({ error: 'expected a personal access token (a string)' })
    .min(1, { error: 'expected a personal access token, got an empty string' })
    // Sent in the Authorization header: a line break or a character outside ASCII (a
    // placeholder `…` copied from the docs) would be refused by fetch itself, and retried.
    .regex(/^[\x21-\x7e]+$/, {
      error:
        'expected the token as it was issued (visible ASCII characters, no spaces or line breaks); it holds another character, such as a line break or the `…` of an example',
    }),
  baseId: z
    .string({ error: 'expected a base id like appXXXXXXXXXXXXXX' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected a base id like appXXXXXXXXXXXXXX' }),
  table: z.string({ error: 'expected a table name or id' }).min(1, {
    error: 'expected a table name or id, got an empty string',
  }),
  endpointUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .refine((url) => serviceUrlProblem(url) === undefined, {
      error: (issue) => serviceUrlProblem(String(issue.input)),
    })
    .default('https://api.airtable.com'),
  fieldMap: z.partialRecord(AirtableFieldSchema, z.string().min(1)).default({}),
  requestsPerSecond: z.number().positive().default(5),
  maxRetries: z.int().min(0).max(20).default(5),
  timeoutMs: z.int().positive().max(600_000).default(30_000),
  rateLimitWaitMs: z.int().min(0).max(60_000).default(30_000),
  retryDelayMs: z.int().min(0).max(60_000).default(500),
  checkSchema: z.boolean().default(true),
  typecast: z.boolean().default(true),
  timeZone: TimeZoneSchema.optional(),
  dryRun: z.boolean().default(false),
  signal: signalSchema.optional(),
  onProgress: progressSchema.optional(),
  replan: replanSchema.optional(),
  fetch: fetchSchema.optional(),
});

/** Options of the Airtable sync. */
export interface AirtableOptions {
  /**
   * A personal access token with the scopes `data.records:read`, `data.records:write` and
   * `schema.bases:read`. Never printed, logged or put in an error.
   */
  token: string;
  /** The base id, `appXXXXXXXXXXXXXX` (from the base's URL). */
  baseId: string;
  /** The table's name or id (`tblXXXXXXXXXXXXXX`). */
  table: string;
  /**
   * Where the Airtable Web API lives; point it at a proxy or an emulator.
   * @default 'https://api.airtable.com'
   */
  endpointUrl?: string;
  /**
   * Your names for the fields the sync uses, e.g. `{ Due: 'Follow up on' }`. `DoneAt` names an
   * optional "Last modified time" field watching `Done`; when the table has it, a completion is dated
   * by it.
   * @default {} (the field names of the table in the docs; `DoneAt` is `Done at`)
   */
  fieldMap?: Partial<Record<AirtableField, string>>;
  /**
   * Airtable's limit of requests per second per base (5). The client spaces its requests 10%
   * wider than this (one every 220 ms at 5), counted across every sync of the base in the process
   * that sends with the same `fetch`.
   * @default 5
   */
  requestsPerSecond?: number;
  /**
   * Retries of one request after a 429, a 5xx, a timeout or a dropped connection.
   * @default 5
   */
  maxRetries?: number;
  /**
   * How long one request may take before it is abandoned and retried. At most 600000 (ten
   * minutes), as for the Notion sink.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * How long to wait after a 429 that carries no `Retry-After`. Airtable blocks a base for 30 seconds
   * after it exceeds the rate limit, so the default waits that long. At most 60000: no wait, this one
   * or a `Retry-After`, is longer than 60 seconds.
   * @default 30000
   */
  rateLimitWaitMs?: number;
  /**
   * First wait before retrying a 5xx, a timeout or a dropped connection; doubles on each retry, up
   * to 60 seconds. At most 60000.
   * @default 500
   */
  retryDelayMs?: number;
  /**
   * Read the table's schema first (metadata API, needs `schema.bases:read`) and stop with a list of
   * missing or mistyped fields.
   * @default true
   */
  checkSchema?: boolean;
  /**
   * Let Airtable add missing single-select options (`Action`, `Status`) instead of rejecting them.
   * @default true
   */
  typecast?: boolean;
  /**
   * The owner's IANA time zone (`owner.timezone` in `runner-up.yaml`), in which a `Done at` instant
   * (or, without `Done at`, the `Due` of a reminder no longer planned) becomes the completion's date.
   * Give it when the plan may be empty: every reminder carries the owner's zone, so without this
   * option it is read from the reminders, and a sync of no reminders dates its ticks in UTC.
   * @default the zone of the reminders (`reminder.local.timezone`), or `'UTC'` when there are none
   */
  timeZone?: string;
  /**
   * Read and compute the report, write nothing.
   * @default false
   */
  dryRun?: boolean;
  /** Stops the sync between requests; it then rejects with a `RunnerUpError` of code `aborted`. */
  signal?: AbortSignal;
  /** Called as records are read and written. */
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Called once, after the records are read and before anything is written, when records are ticked
   * `Done` (also in a dry run). Return a new plan, for example after recording those completions as
   * touchpoints, and the sync writes that plan instead, so one run leaves the table matching it.
   * Return `undefined` to keep the reminders given. `report.completed` stays as read.
   */
  replan?: (
    completed: readonly Completion[],
  ) => readonly Reminder[] | undefined | Promise<readonly Reminder[] | undefined>;
  /**
   * The `fetch` to use.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/** {@link AirtableOptions} after defaults are applied. */
export type ResolvedAirtableOptions = z.output<typeof AirtableOptionsSchema>;

/**
 * Validates options and applies defaults. Throws `invalid_options` naming the option; the token's value
 * never appears in the message.
 */
export function parseAirtableOptions(options: unknown): ResolvedAirtableOptions {
  checkOptionNames(options, Object.keys(AirtableOptionsSchema.shape), 'airtable');
  const result = AirtableOptionsSchema.safeParse(options ?? {});
  if (result.success) {
    checkDistinctFields(result.data.fieldMap);
    return result.data;
  }
  const issues = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.');
    const given = (options ?? {}) as Record<string, unknown>;
    const top = issue.path[0];
    const missing = issue.path.length === 1 && typeof top === 'string' && given[top] === undefined;
    const message = missing
      ? `[runner-up] [airtable] Missing required option \`${name}\`.`
      : `[runner-up] [airtable] Invalid option \`${name}\`: ${issue.message}.`;
    return { code: 'invalid_options' as const, message, path: issue.path as (string | number)[] };
  });
  const first = issues[0]!;
  const message =
    issues.length === 1 ? first.message : issues.map((issue) => issue.message).join('\n');
  throw new RunnerUpError('invalid_options', message, { path: first.path, issues });
}

/** The table's field names, with the `fieldMap` applied. */
export type FieldNames = Record<AirtableField, string>;

const DEFAULT_NAMES: Partial<Record<AirtableField, string>> = { DoneAt: 'Done at' };

/**
 * Refuses a field map that sends two fields to one column: the sync would write one over the
 * other, or over `Notes`, which is the user's.
 */
function checkDistinctFields(fieldMap: Partial<Record<AirtableField, string>>): void {
  const names = resolveFieldNames(fieldMap);
  const seen = new Map<string, AirtableField>();
  for (const field of AIRTABLE_FIELDS) {
    const other = seen.get(names[field]);
    if (other) {
      const mapped = fieldMap[field] === undefined ? other : field;
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] [airtable] \`fieldMap\` maps both \`${other}\` and \`${field}\` to the field ${JSON.stringify(names[field])}; give each its own field.`,
        { path: ['fieldMap', mapped] },
      );
    }
    seen.set(names[field], field);
  }
}

/** Applies a field map to the default names. */
export function resolveFieldNames(fieldMap: Partial<Record<AirtableField, string>>): FieldNames {
  const names = {} as FieldNames;
  for (const field of AIRTABLE_FIELDS)
    names[field] = fieldMap[field] ?? DEFAULT_NAMES[field] ?? field;
  return names;
}
