import type { Client } from '@notionhq/client';
import {
  type Completion,
  checkOptionNames,
  type Reminder,
  RunnerUpError,
  type SyncOptions,
  serviceUrlProblem,
  TimeZoneSchema,
} from '@runner-up/core';
import * as z from 'zod';

/** The properties runner-up reads and writes, by their default names. */
export const NOTION_FIELDS = [
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
] as const;

/** One of the properties runner-up knows, by its default name. */
export type NotionField = (typeof NOTION_FIELDS)[number];

/** Options of `syncNotion` and `notionSink`. */
export interface NotionConnectionOptions {
  /** The integration token (`ntn_...` or `secret_...`). Never logged or put into an error. */
  auth?: string;
  /**
   * The database to sync with. Alone, it must hold exactly one data source (one with several fails
   * with `NotionSeveralDataSourcesError`, listing them); with `dataSourceId`, it is checked that
   * the data source is one of its own. Give this, `dataSourceId`, or both.
   */
  databaseId?: string;
  /**
   * The data source to sync with (Notion API 2025-09-03 and later), for a database with several:
   * in Notion, the database's settings, Manage data sources, ••• and Copy data source ID. Alone,
   * it is used with no database lookup. Give this, `databaseId`, or both.
   */
  dataSourceId?: string;
  /**
   * The API origin, for proxies and emulators.
   * @default 'https://api.notion.com'
   */
  baseUrl?: string;
  /** Property names in your data source, when they differ from the defaults (`{ Due: 'When' }`). */
  fieldMap?: Partial<Record<NotionField, string>>;
  /**
   * Add the properties the data source lacks (one data source update) instead of failing.
   * @default false
   */
  createMissingProperties?: boolean;
  /**
   * Average request rate. Notion allows about 3 requests per second per integration.
   * @default 3
   */
  requestsPerSecond?: number;
  /**
   * Requests in flight at once.
   * @default 3
   */
  maxConcurrency?: number;
  /**
   * Retries of one request after a 429, a 5xx, a timeout or a dropped connection.
   * @default 5
   */
  maxRetries?: number;
  /**
   * First back-off delay after a 5xx, timeout or dropped connection; it doubles each retry, with jitter.
   * A 429 waits for its `Retry-After` instead.
   * @default 500
   */
  retryDelayMs?: number;
  /**
   * Time allowed for one request before it is abandoned and retried.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * The owner's IANA time zone (`owner.timezone` in `runner-up.yaml`), in which a `Done` tick's
   * edit time becomes the completion's date. Give it when the plan may be empty: every reminder
   * carries the owner's zone, so without this option it is read from the reminders, and a sync of
   * no reminders dates its ticks in UTC.
   * @default the zone of the reminders (`reminder.local.timezone`), or `'UTC'` when there are none
   */
  timeZone?: string;
  /**
   * A ready `@notionhq/client` Client (5.x: one with `dataSources`); `auth`, `baseUrl` and
   * `timeoutMs` are then ignored. Create it with `retry: false`, or its own retries add to
   * runner-up's.
   */
  client?: NotionClient;
}

/**
 * What the `client` option needs of a `@notionhq/client` `Client`: the parts the sync calls. Typed
 * by shape, so a 5.x `Client` from your own copy of `@notionhq/client` fits even when it is not
 * the copy this package installed.
 */
export type NotionClient = Pick<Client, 'databases' | 'dataSources' | 'pages'>;

/** Whether `value` has the methods the sync calls on a client. */
function isNotionClient(value: unknown): value is NotionClient {
  const client = value as {
    databases?: { retrieve?: unknown };
    dataSources?: { query?: unknown; retrieve?: unknown; update?: unknown };
    pages?: { create?: unknown; update?: unknown };
  } | null;
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.databases?.retrieve === 'function' &&
    typeof client.dataSources?.query === 'function' &&
    typeof client.dataSources.retrieve === 'function' &&
    typeof client.dataSources.update === 'function' &&
    typeof client.pages?.create === 'function' &&
    typeof client.pages.update === 'function'
  );
}

/** Everything `syncNotion` accepts. */
export interface NotionSyncOptions extends NotionConnectionOptions, SyncOptions {
  /**
   * Called once, after the rows are read and before anything is written, when rows are ticked
   * `Done` (also in a dry run). Return a new plan, for example after recording those completions as
   * touchpoints, and the sync writes that plan instead, so one run leaves the rows matching it.
   * Return `undefined` to keep `reminders`. `report.completed` stays as read.
   */
  replan?: (
    completed: readonly Completion[],
  ) => readonly Reminder[] | undefined | Promise<readonly Reminder[] | undefined>;
}

const FieldMapSchema = z.partialRecord(z.enum(NOTION_FIELDS), z.string().trim().min(1));

/** Validates {@link NotionSyncOptions}. */
export const NotionSyncOptionsSchema = z
  .object({
    // Sent in the Authorization header: a token with a line break or a character outside ASCII
    // (a placeholder `…` copied from the docs) would be refused by fetch itself, and retried.
    auth: z
      .string()
      .min(1)
      .regex(/^[\x21-\x7e]+$/, {
        error:
          'expected the token as it was issued (visible ASCII characters, no spaces or line breaks); it holds another character, such as a line break or the `…` of an example',
      })
      .optional(),
    databaseId: z.string().trim().min(1).optional(),
    dataSourceId: z.string().trim().min(1).optional(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .refine((url) => serviceUrlProblem(url) === undefined, {
        error: (issue) => serviceUrlProblem(String(issue.input)),
      })
      .optional(),
    fieldMap: FieldMapSchema.optional(),
    createMissingProperties: z.boolean().default(false),
    requestsPerSecond: z.number().positive().max(1000).default(3),
    maxConcurrency: z.int().min(1).max(16).default(3),
    maxRetries: z.int().min(0).max(20).default(5),
    retryDelayMs: z.number().min(0).max(60_000).default(500),
    timeoutMs: z.number().positive().max(600_000).default(30_000),
    timeZone: TimeZoneSchema.optional(),
    client: z
      .custom<NotionClient>(isNotionClient, {
        message:
          'expected a `Client` of `@notionhq/client` 5.x (one with `dataSources`, which Notion API 2025-09-03 needs)',
      })
      .optional(),
    dryRun: z.boolean().default(false),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
    onProgress: z
      .custom<NonNullable<SyncOptions['onProgress']>>((v) => typeof v === 'function')
      .optional(),
    replan: z
      .custom<NonNullable<NotionSyncOptions['replan']>>((v) => typeof v === 'function')
      .optional(),
  })
  .strict();

/** Options after defaults. */
export type ResolvedNotionOptions = z.output<typeof NotionSyncOptionsSchema> & {
  names: Record<NotionField, string>;
};

/** Replaces every occurrence of the token in `text`. */
export function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

/** Validates options; errors name the option and never carry the token. */
export function resolveOptions(
  input: unknown,
  { requireTarget = true } = {},
): ResolvedNotionOptions {
  const secret =
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { auth?: unknown }).auth === 'string'
      ? (input as { auth: string }).auth
      : undefined;
  checkOptionNames(input, Object.keys(NotionSyncOptionsSchema.shape), 'notion');
  const result = NotionSyncOptionsSchema.safeParse(input ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.');
      const message =
        issue.code === 'unrecognized_keys'
          ? `[runner-up] [notion] Unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}.`
          : `[runner-up] [notion] Invalid option \`${key}\`: ${scrub(issue.message, secret)}.`;
      return { code: 'invalid_options' as const, message, path: issue.path as (string | number)[] };
    });
    throw new RunnerUpError('invalid_options', issues[0]!.message, {
      path: issues[0]!.path,
      issues,
    });
  }
  const options = result.data;
  if (!options.client && !options.auth) {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [notion] Missing required option `auth` (the integration token, e.g. from NOTION_TOKEN).',
      { path: ['auth'] },
    );
  }
  if (requireTarget && !options.databaseId && !options.dataSourceId) {
    throw new RunnerUpError(
      'invalid_options',
      '[runner-up] [notion] Missing required option `databaseId` (or `dataSourceId`).',
      { path: ['databaseId'] },
    );
  }
  const names = Object.fromEntries(
    NOTION_FIELDS.map((field) => [field, options.fieldMap?.[field] ?? field]),
  ) as Record<NotionField, string>;
  const seen = new Map<string, NotionField>();
  for (const field of NOTION_FIELDS) {
    const other = seen.get(names[field]);
    if (other) {
      throw new RunnerUpError(
        'invalid_options',
        `[runner-up] [notion] \`fieldMap\` maps both \`${other}\` and \`${field}\` to the property ${JSON.stringify(names[field])}.`,
        { path: ['fieldMap', field] },
      );
    }
    seen.set(names[field], field);
  }
  return { ...options, names };
}
