import { createFaultInjector, type FaultInjector, type FaultPlan } from '../emulator/faults.js';
import {
  createRequestCounter,
  type EmulatorRequest,
  type EmulatorResult,
  faultResult,
  type RequestCounter,
  startHttpEmulator,
} from '../emulator/http.js';
import { createTokenBucket, type TokenBucketOptions } from '../emulator/rate-limit.js';
import { instantWithOffset, localToInstant } from './time.js';

/**
 * An in-memory emulator of the parts of the Notion API (version 2025-09-03) that a sync uses:
 * databases retrieve, data sources retrieve/update/query, pages create/retrieve/update.
 * Shapes follow https://developers.notion.com/reference (object, error and pagination
 * references); limits follow https://developers.notion.com/reference/request-limits.
 */

/** The property types the emulator understands. */
export type NotionPropertyType =
  | 'title'
  | 'rich_text'
  | 'date'
  | 'select'
  | 'checkbox'
  | 'number'
  | 'multi_select'
  | 'url'
  | 'email';

/** A property definition, as in a data source's `properties`. */
export interface NotionPropertyDefinition {
  id: string;
  name: string;
  type: NotionPropertyType;
  /** Select options, for `select` and `multi_select`. */
  options?: Array<{ id: string; name: string; color: string }>;
}

/** A stored page. Property values are kept in Notion's response shape. */
export interface NotionPageRecord {
  id: string;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
  /** Insertion order, for stable `created_time` sorting. */
  seq: number;
  properties: Record<string, Record<string, unknown>>;
}

/** One data source of the emulated database, with its own properties and pages. */
export interface NotionDataSourceRecord {
  id: string;
  /** As the database's `data_sources` lists it; also the data source's `title`. */
  name: string;
  /** Properties, by name. */
  properties: Map<string, NotionPropertyDefinition>;
  pages: Map<string, NotionPageRecord>;
}

/** The emulator's state; tests may read and edit it directly. */
export interface NotionEmulatorState {
  databaseId: string;
  /** The first data source's id. */
  dataSourceId: string;
  /** False for a database with no data source (see {@link NotionEmulatorOptions.withoutDataSource}). */
  hasDataSource: boolean;
  title: string;
  /** The first data source's properties, by name. */
  properties: Map<string, NotionPropertyDefinition>;
  /** The first data source's pages. */
  pages: Map<string, NotionPageRecord>;
  /**
   * Every data source of the database, in the order `databases.retrieve` lists them: the first
   * (`dataSourceId`, whose maps `properties` and `pages` above are), then
   * {@link NotionEmulatorOptions.moreDataSources}. Empty with `withoutDataSource`.
   */
  dataSources: NotionDataSourceRecord[];
}

/** A data source the emulated database holds besides the first. */
export interface NotionEmulatorDataSource {
  id: string;
  /** Its name in the database's `data_sources`. */
  name: string;
  /**
   * Its properties, name to type.
   * @default the runner-up schema
   */
  properties?: Record<string, NotionPropertyType>;
}

/** Options of {@link startNotionEmulator}. */
export interface NotionEmulatorOptions {
  /**
   * The integration token requests must carry as `Authorization: Bearer <token>`.
   * @default 'secret_test_token'
   */
  token?: string;
  /** Answer 429 `rate_limited` beyond this rate. @default no limit */
  rateLimit?: TokenBucketOptions;
  /** Injected failures. */
  faults?: FaultPlan;
  /** `Retry-After` seconds on injected 429s. @default 1 */
  faultRetryAfterSeconds?: number;
  /** How long a `timeout` fault holds a request before dropping it. @default 1000 */
  timeoutHoldMs?: number;
  /**
   * The data source's properties, name to type.
   * @default the runner-up schema (Name, Key, Due, Opportunity, Organization, Contact, Action, Status, Why, Done, Notes)
   */
  properties?: Record<string, NotionPropertyType>;
  /** @default '11111111-1111-4111-8111-111111111111' */
  databaseId?: string;
  /** @default '22222222-2222-4222-8222-222222222222' */
  dataSourceId?: string;
  /**
   * Make a database that has no data source, as one whose data source was moved to another
   * database (its views then link to a source that lives elsewhere). `databases.retrieve` answers
   * the database with an empty `data_sources` array, as Notion's database object documents
   * (https://developers.notion.com/reference/database), and every request for `dataSourceId` (or
   * a page created with the database as parent) answers 404 `object_not_found`.
   * @default false
   */
  withoutDataSource?: boolean;
  /**
   * More data sources in the database, after the first (`dataSourceId`): since API version
   * 2025-09-03 a database can hold several. `databases.retrieve` then lists them all in
   * `data_sources` as `{ id, name }`, the first one first, as Notion's database object documents
   * (https://developers.notion.com/reference/database). Each has its own properties and pages and
   * answers at `/v1/data_sources/{id}` like the first; a page created with the database as its
   * parent is refused (400 `validation_error`), since it does not say which data source it is for.
   * Cannot be combined with `withoutDataSource`.
   * @default none
   */
  moreDataSources?: NotionEmulatorDataSource[];
  /** The clock for timestamps. @default Date.now */
  now?: () => number;
}

/** One request the emulator received, for assertions. */
export interface NotionRequestLogEntry {
  method: string;
  path: string;
  body: unknown;
  status: number | 'dropped';
}

/** A running Notion emulator. */
export interface NotionEmulator {
  /** Pass as `baseUrl` to `@notionhq/client` (the client appends `/v1/`). */
  url: string;
  token: string;
  databaseId: string;
  dataSourceId: string;
  state: NotionEmulatorState;
  /** Requests received, as reads (GET, query) and writes (POST pages, PATCH). Faulted ones count. */
  requests: RequestCounter;
  /** Every request received, in order. */
  log: NotionRequestLogEntry[];
  faults: FaultInjector;
  /**
   * Pages (not in trash) of the first data source, or of the data source `dataSourceId`, in
   * creation order, as Notion would render them.
   */
  pages(dataSourceId?: string): Array<Record<string, unknown>>;
  /** Edits a page's properties directly (as a person in the Notion UI), by name, in request shape. */
  editPage(pageId: string, properties: Record<string, unknown>): void;
  /** Copies a page, as "Duplicate" in the Notion UI. Returns the new page id. */
  duplicatePage(pageId: string): string;
  close(): Promise<void>;
}

/** The runner-up default schema. */
export const RUNNER_UP_NOTION_PROPERTIES: Readonly<Record<string, NotionPropertyType>> = {
  Name: 'title',
  Key: 'rich_text',
  Due: 'date',
  Opportunity: 'rich_text',
  Organization: 'rich_text',
  Contact: 'rich_text',
  Action: 'select',
  Status: 'select',
  Why: 'rich_text',
  Done: 'checkbox',
  Notes: 'rich_text',
};

const NOTION_VERSION_RE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * The API version the emulator models: the first with data sources (`/v1/data_sources`, and a
 * database listing its `data_sources`). An older one gets other answers from Notion, so the
 * emulator refuses it rather than answer as if it were this one.
 */
const FIRST_VERSION = '2025-09-03';
const MAX_TEXT = 2000;
const MAX_ARRAY = 100;
const MAX_PAGE_SIZE = 100;
/**
 * The largest request body Notion takes: "500KB overall"
 * (https://developers.notion.com/reference/request-limits), read as 500,000 bytes, the stricter
 * reading, so a client that fits here fits there.
 */
const MAX_BODY_BYTES = 500_000;

class NotionHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new NotionHttpError(400, 'validation_error', message);

const errorBody = (status: number, code: string, message: string) => ({
  object: 'error',
  status,
  code,
  message,
  request_id: '00000000-0000-4000-8000-000000000000',
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const normalizeId = (id: string) => {
  const hex = id.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : id;
};

/**
 * Starts a Notion emulator on 127.0.0.1 with one database holding one data source (none with
 * `withoutDataSource`, several with `moreDataSources`).
 */
export async function startNotionEmulator(
  options: NotionEmulatorOptions = {},
): Promise<NotionEmulator> {
  const token = options.token ?? 'secret_test_token';
  const now = options.now ?? Date.now;
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const faults = createFaultInjector(options.faults);
  const requests = createRequestCounter();
  const log: NotionRequestLogEntry[] = [];
  let idCounter = 0;
  let seq = 0;
  const newId = () => {
    idCounter += 1;
    return `33333333-0000-4000-8000-${String(idCounter).padStart(12, '0')}`;
  };
  let propertyCounter = 0;
  const newPropertyId = () => {
    propertyCounter += 1;
    return `p${propertyCounter.toString(36)}`;
  };
  if (options.withoutDataSource && options.moreDataSources?.length) {
    throw new Error('withoutDataSource and moreDataSources cannot be combined');
  }
  const dataSource = (
    id: string,
    name: string,
    properties: Record<string, NotionPropertyType>,
  ): NotionDataSourceRecord => {
    const record: NotionDataSourceRecord = { id, name, properties: new Map(), pages: new Map() };
    for (const [property, type] of Object.entries(properties)) {
      record.properties.set(property, {
        id: type === 'title' ? 'title' : newPropertyId(),
        name: property,
        type,
        ...(type === 'select' || type === 'multi_select' ? { options: [] } : {}),
      });
    }
    return record;
  };
  const title = 'runner-up reminders';
  const first = dataSource(
    options.dataSourceId ?? '22222222-2222-4222-8222-222222222222',
    title,
    options.properties ?? RUNNER_UP_NOTION_PROPERTIES,
  );
  const more = (options.moreDataSources ?? []).map((d) =>
    dataSource(d.id, d.name, d.properties ?? RUNNER_UP_NOTION_PROPERTIES),
  );
  const state: NotionEmulatorState = {
    databaseId: options.databaseId ?? '11111111-1111-4111-8111-111111111111',
    dataSourceId: first.id,
    hasDataSource: !options.withoutDataSource,
    title,
    properties: first.properties,
    pages: first.pages,
    dataSources: options.withoutDataSource ? [] : [first, ...more],
  };
  // Notion rounds `created_time` and `last_edited_time` down to the minute (its changelog: "Last
  // edited and created time properties are now rounded"), so rows made within a minute tie.
  const iso = () => new Date(Math.floor(now() / 60_000) * 60_000).toISOString();

  const propertyByNameOrId = (source: NotionDataSourceRecord, nameOrId: string) =>
    source.properties.get(nameOrId) ??
    [...source.properties.values()].find((p) => p.id === nameOrId);

  const renderDefinition = (p: NotionPropertyDefinition) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    [p.type]:
      p.type === 'select' || p.type === 'multi_select'
        ? { options: p.options ?? [] }
        : p.type === 'number'
          ? { format: 'number' }
          : {},
  });

  const renderDataSource = (source: NotionDataSourceRecord) => ({
    object: 'data_source',
    id: source.id,
    created_time: '2026-01-01T00:00:00.000Z',
    last_edited_time: iso(),
    title: [richTextItem(source.name)],
    description: [],
    icon: null,
    cover: null,
    parent: { type: 'database_id', database_id: state.databaseId },
    database_parent: { type: 'page_id', page_id: '44444444-4444-4444-8444-444444444444' },
    archived: false,
    in_trash: false,
    is_inline: false,
    url: `https://www.notion.so/${source.id.replace(/-/g, '')}`,
    public_url: null,
    properties: Object.fromEntries(
      [...source.properties.values()].map((p) => [p.name, renderDefinition(p)]),
    ),
  });

  const renderDatabase = () => ({
    object: 'database',
    id: state.databaseId,
    created_time: '2026-01-01T00:00:00.000Z',
    last_edited_time: iso(),
    title: [richTextItem(state.title)],
    description: [],
    icon: null,
    cover: null,
    parent: { type: 'page_id', page_id: '44444444-4444-4444-8444-444444444444' },
    is_inline: false,
    in_trash: false,
    is_locked: false,
    url: `https://www.notion.so/${state.databaseId.replace(/-/g, '')}`,
    public_url: null,
    data_sources: state.dataSources.map((d) => ({ id: d.id, name: d.name })),
  });

  const emptyValue = (p: NotionPropertyDefinition): Record<string, unknown> => {
    switch (p.type) {
      case 'title':
      case 'rich_text':
      case 'multi_select':
        return { [p.type]: [] };
      case 'checkbox':
        return { checkbox: false };
      default:
        return { [p.type]: null };
    }
  };

  const renderPage = (source: NotionDataSourceRecord, page: NotionPageRecord) => ({
    object: 'page',
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: { object: 'user', id: '55555555-5555-4555-8555-555555555555' },
    last_edited_by: { object: 'user', id: '55555555-5555-4555-8555-555555555555' },
    cover: null,
    icon: null,
    parent: {
      type: 'data_source_id',
      data_source_id: source.id,
      database_id: state.databaseId,
    },
    archived: page.inTrash,
    in_trash: page.inTrash,
    is_locked: false,
    properties: Object.fromEntries(
      [...source.properties.values()].map((p) => {
        const stored = page.properties[p.name] ?? emptyValue(p);
        return [p.name, { id: p.id, type: p.type, ...renderValue(p, stored) }];
      }),
    ),
    url: `https://www.notion.so/${page.id.replace(/-/g, '')}`,
    public_url: null,
  });

  /** Notion renders dates set with a time zone as an instant with UTC offset and `time_zone: null`. */
  const renderValue = (p: NotionPropertyDefinition, stored: Record<string, unknown>) => {
    if (p.type !== 'date' || !isRecord(stored.date)) return stored;
    const date = stored.date as { start: string; end: string | null; time_zone: string | null };
    if (!date.time_zone) return stored;
    const zone = date.time_zone;
    const render = (value: string | null) =>
      value === null ? null : instantWithOffset(localToInstant(value, zone), zone);
    return { date: { start: render(date.start), end: render(date.end), time_zone: null } };
  };

  // ---- request validation -------------------------------------------------------------

  const checkRichTextArray = (value: unknown, where: string): Array<Record<string, unknown>> => {
    if (!Array.isArray(value))
      throw validation(
        `body failed validation: ${where} should be an array, instead was \`${JSON.stringify(value)}\`.`,
      );
    if (value.length > MAX_ARRAY) {
      throw validation(
        `body failed validation: ${where}.length should be ≤ \`${MAX_ARRAY}\`, instead was \`${value.length}\`.`,
      );
    }
    return value.map((item, i) => {
      const at = `${where}[${i}]`;
      if (!isRecord(item) || !isRecord(item.text) || typeof item.text.content !== 'string') {
        throw validation(
          `body failed validation: ${at}.text.content should be defined, instead was \`undefined\`.`,
        );
      }
      const content = item.text.content;
      if (content.length > MAX_TEXT) {
        throw validation(
          `body failed validation: ${at}.text.content.length should be ≤ \`${MAX_TEXT}\`, instead was \`${content.length}\`.`,
        );
      }
      return richTextItem(content);
    });
  };

  const checkDateString = (value: unknown, where: string, withZone: boolean) => {
    if (typeof value !== 'string')
      throw validation(
        `body failed validation: ${where} should be a string, instead was \`${JSON.stringify(value)}\`.`,
      );
    const local = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/;
    const offset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
    if (
      withZone ? !/T/.test(value) || !local.test(value) : !local.test(value) && !offset.test(value)
    ) {
      throw validation(
        withZone
          ? `body failed validation: ${where} must be a date-time without a UTC offset when time_zone is set, instead was \`${value}\`.`
          : `body failed validation: ${where} should be a valid ISO 8601 date string, instead was \`${value}\`.`,
      );
    }
    return value;
  };

  const checkSelect = (p: NotionPropertyDefinition, value: unknown, where: string) => {
    if (value === null) return null;
    if (!isRecord(value) || (typeof value.name !== 'string' && typeof value.id !== 'string')) {
      throw validation(
        `body failed validation: ${where} should be an object with \`name\` or \`id\`, instead was \`${JSON.stringify(value)}\`.`,
      );
    }
    p.options ??= [];
    let option = p.options.find((o) => o.name === value.name || o.id === value.id);
    if (!option) {
      if (typeof value.name !== 'string')
        throw validation(`${where}.id does not match an option of ${p.name}.`);
      if (value.name.includes(','))
        throw validation(`Invalid select option, commas not allowed: ${value.name}`);
      if (value.name.length > 100)
        throw validation(
          `body failed validation: ${where}.name.length should be ≤ \`100\`, instead was \`${value.name.length}\`.`,
        );
      option = { id: newPropertyId(), name: value.name, color: 'default' };
      p.options.push(option);
    }
    return { id: option.id, name: option.name, color: option.color };
  };

  const checkPropertyValues = (source: NotionDataSourceRecord, body: Record<string, unknown>) => {
    const input = body.properties;
    if (input === undefined) return {};
    if (!isRecord(input))
      throw validation('body failed validation: body.properties should be an object.');
    const out: Record<string, Record<string, unknown>> = {};
    for (const [key, value] of Object.entries(input)) {
      const p = propertyByNameOrId(source, key);
      if (!p) throw validation(`${key} is not a property that exists.`);
      const where = `body.properties.${p.name}`;
      if (!isRecord(value))
        throw validation(`body failed validation: ${where} should be an object.`);
      if (!(p.type in value)) {
        throw validation(`${p.name} is expected to be ${p.type}.`);
      }
      const v = value[p.type];
      switch (p.type) {
        case 'title':
        case 'rich_text':
          out[p.name] = { [p.type]: checkRichTextArray(v, `${where}.${p.type}`) };
          break;
        case 'checkbox':
          if (typeof v !== 'boolean')
            throw validation(
              `body failed validation: ${where}.checkbox should be a boolean, instead was \`${JSON.stringify(v)}\`.`,
            );
          out[p.name] = { checkbox: v };
          break;
        case 'select':
          out[p.name] = { select: checkSelect(p, v, `${where}.select`) };
          break;
        case 'date': {
          if (v === null) {
            out[p.name] = { date: null };
            break;
          }
          if (!isRecord(v))
            throw validation(
              `body failed validation: ${where}.date should be an object or \`null\`.`,
            );
          const zone = v.time_zone ?? null;
          if (zone !== null) {
            if (typeof zone !== 'string' || !isZone(zone)) {
              throw validation(
                `body failed validation: ${where}.date.time_zone should be a valid IANA time zone, instead was \`${JSON.stringify(zone)}\`.`,
              );
            }
          }
          out[p.name] = {
            date: {
              start: checkDateString(v.start, `${where}.date.start`, zone !== null),
              end:
                v.end == null ? null : checkDateString(v.end, `${where}.date.end`, zone !== null),
              time_zone: zone,
            },
          };
          break;
        }
        case 'number':
          if (v !== null && typeof v !== 'number')
            throw validation(`body failed validation: ${where}.number should be a number.`);
          out[p.name] = { number: v };
          break;
        default:
          out[p.name] = { [p.type]: v };
      }
    }
    return out;
  };

  /** A page and the data source holding it. */
  const pageById = (id: string) => {
    const wanted = normalizeId(id);
    for (const source of state.dataSources) {
      for (const page of source.pages.values())
        if (normalizeId(page.id) === wanted) return { source, page };
    }
    return undefined;
  };

  const dataSourceOr404 = (id: string): NotionDataSourceRecord => {
    const source = state.dataSources.find((d) => normalizeId(d.id) === normalizeId(id));
    if (!source) {
      throw new NotionHttpError(
        404,
        'object_not_found',
        `Could not find data_source with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
      );
    }
    return source;
  };

  /** The data source a new page goes to: its `data_source_id`, or its database's only one. */
  const parentDataSource = (parent: Record<string, unknown>, target: string) => {
    if (parent.data_source_id !== undefined) return dataSourceOr404(target);
    if (normalizeId(target) !== normalizeId(state.databaseId)) {
      throw new NotionHttpError(
        404,
        'object_not_found',
        `Could not find database with ID: ${target}.`,
      );
    }
    const [only, ...others] = state.dataSources;
    if (!only) {
      throw new NotionHttpError(
        404,
        'object_not_found',
        `Could not find a data source in database with ID: ${target}.`,
      );
    }
    // A database parent names no data source; with several, which one is meant is unknown
    // (https://developers.notion.com/docs/upgrade-guide-2025-09-03).
    if (others.length > 0) {
      throw validation(
        `Database with ID: ${target} has ${state.dataSources.length} data sources. Use a data_source_id parent to say which one the page is for.`,
      );
    }
    return only;
  };

  // ---- query ----------------------------------------------------------------------------

  const plainText = (value: Record<string, unknown> | undefined, type: string) => {
    const items = (value?.[type] as Array<{ plain_text: string }> | undefined) ?? [];
    return items.map((i) => i.plain_text).join('');
  };

  const matches = (
    source: NotionDataSourceRecord,
    page: NotionPageRecord,
    filter: unknown,
  ): boolean => {
    if (filter === undefined) return true;
    if (!isRecord(filter))
      throw validation('body failed validation: body.filter should be an object.');
    if (Array.isArray(filter.and)) return filter.and.every((f) => matches(source, page, f));
    if (Array.isArray(filter.or)) return filter.or.some((f) => matches(source, page, f));
    if (typeof filter.property !== 'string')
      throw validation('body failed validation: body.filter.property should be defined.');
    const p = propertyByNameOrId(source, filter.property);
    if (!p) throw validation(`Could not find property with name or id: ${filter.property}`);
    const condition = filter[p.type];
    if (!isRecord(condition))
      throw validation(
        `body failed validation: body.filter.${p.type} should be defined, instead was \`undefined\`.`,
      );
    const stored = page.properties[p.name];
    if (p.type === 'title' || p.type === 'rich_text') {
      const text = plainText(stored, p.type);
      if (condition.is_not_empty === true) return text !== '';
      if (condition.is_empty === true) return text === '';
      if (typeof condition.equals === 'string') return text === condition.equals;
      if (typeof condition.contains === 'string') return text.includes(condition.contains);
    }
    if (p.type === 'checkbox' && typeof condition.equals === 'boolean') {
      return ((stored?.checkbox as boolean | undefined) ?? false) === condition.equals;
    }
    if (p.type === 'select' && typeof condition.equals === 'string') {
      return (stored?.select as { name?: string } | null | undefined)?.name === condition.equals;
    }
    throw validation(
      `The emulator does not support this ${p.type} filter: ${JSON.stringify(condition)}`,
    );
  };

  /**
   * What one entry of `sorts` orders pages by: a timestamp, or a property of a type whose value
   * has an order (text, number, checkbox, select, date). Empty values sort first, ascending.
   */
  const sortKey = (
    source: NotionDataSourceRecord,
    sort: unknown,
    index: number,
  ): { value: (page: NotionPageRecord) => string | number; descending: boolean } => {
    const at = `body.sorts[${index}]`;
    if (!isRecord(sort)) throw validation(`body failed validation: ${at} should be an object.`);
    if (sort.direction !== 'ascending' && sort.direction !== 'descending')
      throw validation(
        `body failed validation: ${at}.direction should be "ascending" or "descending", instead was \`${JSON.stringify(sort.direction)}\`.`,
      );
    const descending = sort.direction === 'descending';
    if (sort.timestamp === 'created_time') return { value: (page) => page.createdTime, descending };
    if (sort.timestamp === 'last_edited_time')
      return { value: (page) => page.lastEditedTime, descending };
    if (typeof sort.property !== 'string')
      throw validation(
        `body failed validation: ${at} should have a property, or a timestamp of created_time or last_edited_time.`,
      );
    const p = propertyByNameOrId(source, sort.property);
    if (!p) throw validation(`Could not find sort property with name or id: ${sort.property}`);
    const stored = (page: NotionPageRecord) => page.properties[p.name];
    switch (p.type) {
      case 'title':
      case 'rich_text':
        return { value: (page) => plainText(stored(page), p.type), descending };
      case 'number':
        return {
          value: (page) => (stored(page)?.number as number | null) ?? -Infinity,
          descending,
        };
      case 'checkbox':
        return { value: (page) => ((stored(page)?.checkbox as boolean) ? 1 : 0), descending };
      case 'select':
        return {
          value: (page) => (stored(page)?.select as { name?: string } | null)?.name ?? '',
          descending,
        };
      case 'date':
        return {
          value: (page) => (stored(page)?.date as { start?: string } | null)?.start ?? '',
          descending,
        };
      default:
        throw validation(`The emulator does not sort by a ${p.type} property: ${p.name}`);
    }
  };

  const query = (source: NotionDataSourceRecord, body: Record<string, unknown>) => {
    const pageSize = body.page_size ?? MAX_PAGE_SIZE;
    if (
      typeof pageSize !== 'number' ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > MAX_PAGE_SIZE
    ) {
      throw validation(
        `body failed validation: body.page_size should be ≤ \`${MAX_PAGE_SIZE}\`, instead was \`${JSON.stringify(pageSize)}\`.`,
      );
    }
    const list = [...source.pages.values()].filter(
      (p) => !p.inTrash && matches(source, p, body.filter),
    );
    // Without sorts, the order pages were created in; each sort in turn otherwise ("sorts … the
    // first has the highest precedence", Notion's query reference), and ties by id (below).
    list.sort((a, b) => a.seq - b.seq);
    const sorts = body.sorts ?? [];
    if (!Array.isArray(sorts))
      throw validation('body failed validation: body.sorts should be an array.');
    const keys = sorts.map((sort, index) => sortKey(source, sort, index));
    if (keys.length > 0) {
      list.sort((a, b) => {
        for (const { value, descending } of keys) {
          const x = value(a);
          const y = value(b);
          if (x === y) continue;
          const order = x < y ? -1 : 1;
          return descending ? -order : order;
        }
        // Ties (two rows made within one minute) in no order a client may count on: not the order
        // they were made in, which Notion cannot tell within a minute, nor by id: by id from the
        // largest, so a client keeping the first one listed is found out.
        return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
      });
    }
    let start = 0;
    if (body.start_cursor !== undefined) {
      start = list.findIndex((p) => p.id === body.start_cursor);
      if (start < 0)
        throw validation(
          `body failed validation: body.start_cursor should be a valid cursor, instead was \`${JSON.stringify(body.start_cursor)}\`.`,
        );
    }
    const slice = list.slice(start, start + pageSize);
    const next = list[start + pageSize];
    return {
      object: 'list',
      results: slice.map((page) => renderPage(source, page)),
      next_cursor: next ? next.id : null,
      has_more: next !== undefined,
      type: 'page_or_data_source',
      page_or_data_source: {},
      request_id: '00000000-0000-4000-8000-000000000000',
    };
  };

  // ---- data source update -----------------------------------------------------------------

  const updateDataSource = (source: NotionDataSourceRecord, body: Record<string, unknown>) => {
    const input = body.properties;
    if (input !== undefined) {
      if (!isRecord(input))
        throw validation('body failed validation: body.properties should be an object.');
      for (const [key, value] of Object.entries(input)) {
        const existing = propertyByNameOrId(source, key);
        if (value === null) {
          if (existing) {
            if (existing.type === 'title') throw validation('Cannot delete the title property.');
            source.properties.delete(existing.name);
          }
          continue;
        }
        if (!isRecord(value))
          throw validation(
            `body failed validation: body.properties.${key} should be an object or \`null\`.`,
          );
        const type = Object.keys(value).find((k) => k !== 'name' && k !== 'description') as
          | NotionPropertyType
          | undefined;
        const name = typeof value.name === 'string' ? value.name : (existing?.name ?? key);
        if (
          type === 'title' &&
          existing?.type !== 'title' &&
          [...source.properties.values()].some((p) => p.type === 'title')
        ) {
          throw validation('A data source can only have one title property.');
        }
        if (existing) {
          source.properties.delete(existing.name);
          source.properties.set(name, {
            ...existing,
            name,
            ...(type ? { type } : {}),
            ...(type === 'select' ? { options: selectOptions(value.select) } : {}),
          });
        } else {
          if (!type)
            throw validation(
              `body failed validation: body.properties.${key} should define a type.`,
            );
          source.properties.set(name, {
            id: newPropertyId(),
            name,
            type,
            ...(type === 'select' || type === 'multi_select'
              ? { options: selectOptions((value as Record<string, unknown>)[type]) }
              : {}),
          });
        }
      }
    }
    return renderDataSource(source);
  };

  const selectOptions = (config: unknown) =>
    isRecord(config) && Array.isArray(config.options)
      ? config.options.filter(isRecord).map((o) => ({
          id: newPropertyId(),
          name: String(o.name),
          color: typeof o.color === 'string' ? o.color : 'default',
        }))
      : [];

  // ---- routing ------------------------------------------------------------------------------

  const route = (req: EmulatorRequest): { kind: 'read' | 'write'; run: () => unknown } => {
    const body = isRecord(req.body) ? req.body : {};
    const parts = req.path.replace(/\/+$/, '').split('/').filter(Boolean);
    if (parts[0] !== 'v1')
      throw new NotionHttpError(400, 'invalid_request_url', 'Invalid request URL.');
    const [, resource, id, sub] = parts;
    if (resource === 'databases' && id && !sub && req.method === 'GET') {
      return {
        kind: 'read',
        run: () => {
          if (normalizeId(id) !== normalizeId(state.databaseId)) {
            throw new NotionHttpError(
              404,
              'object_not_found',
              `Could not find database with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
            );
          }
          return renderDatabase();
        },
      };
    }
    if (resource === 'data_sources' && id) {
      if (!sub && req.method === 'GET')
        return {
          kind: 'read',
          run: () => renderDataSource(dataSourceOr404(id)),
        };
      if (!sub && req.method === 'PATCH')
        return {
          kind: 'write',
          run: () => updateDataSource(dataSourceOr404(id), body),
        };
      if (sub === 'query' && req.method === 'POST')
        return {
          kind: 'read',
          run: () => query(dataSourceOr404(id), body),
        };
    }
    if (resource === 'pages') {
      if (!id && req.method === 'POST') {
        return {
          kind: 'write',
          run: () => {
            const parent = body.parent;
            if (!isRecord(parent))
              throw validation(
                'body failed validation: body.parent should be defined, instead was `undefined`.',
              );
            const target = parent.data_source_id ?? parent.database_id;
            if (typeof target !== 'string')
              throw validation(
                'body failed validation: body.parent.data_source_id should be defined.',
              );
            const source = parentDataSource(parent, target);
            const properties = checkPropertyValues(source, body);
            const title = [...source.properties.values()].find((p) => p.type === 'title');
            const stamp = iso();
            seq += 1;
            const page: NotionPageRecord = {
              id: newId(),
              createdTime: stamp,
              lastEditedTime: stamp,
              inTrash: false,
              seq,
              properties:
                title && !properties[title.name]
                  ? { ...properties, [title.name]: { title: [] } }
                  : properties,
            };
            source.pages.set(page.id, page);
            return renderPage(source, page);
          },
        };
      }
      if (id && !sub && (req.method === 'GET' || req.method === 'PATCH')) {
        return {
          kind: req.method === 'GET' ? 'read' : 'write',
          run: () => {
            const found = pageById(id);
            if (!found)
              throw new NotionHttpError(
                404,
                'object_not_found',
                `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
              );
            const { source, page } = found;
            if (req.method === 'PATCH') {
              const properties = checkPropertyValues(source, body);
              if (page.inTrash && body.in_trash !== false && body.archived !== false) {
                throw validation(
                  "Can't edit block that is archived. You must unarchive the block before editing.",
                );
              }
              Object.assign(page.properties, properties);
              if (typeof body.in_trash === 'boolean') page.inTrash = body.in_trash;
              else if (typeof body.archived === 'boolean') page.inTrash = body.archived;
              page.lastEditedTime = iso();
            }
            return renderPage(source, page);
          },
        };
      }
    }
    throw new NotionHttpError(
      400,
      'invalid_request_url',
      `Invalid request URL: ${req.method} ${req.path}`,
    );
  };

  const holdMs = options.timeoutHoldMs ?? 1000;
  const handle = (req: EmulatorRequest): EmulatorResult => {
    const respond = (
      status: number,
      body: unknown,
      headers?: Record<string, string>,
    ): EmulatorResult => {
      log.push({ method: req.method, path: req.path, body: req.body, status });
      return { status, body, ...(headers ? { headers } : {}) };
    };
    const fail = (error: NotionHttpError, headers?: Record<string, string>) =>
      respond(error.status, errorBody(error.status, error.code, error.message), headers);

    let routed: ReturnType<typeof route>;
    try {
      routed = route(req);
    } catch (error) {
      if (error instanceof NotionHttpError) return fail(error);
      throw error;
    }
    requests.record(routed.kind);

    const fault = faults.next();
    if (fault === 'drop') {
      log.push({ method: req.method, path: req.path, body: req.body, status: 'dropped' });
      return { drop: true };
    }
    if (fault && fault !== 'timeout') {
      const result = faultResult(fault, {
        holdMs,
        retryAfterSeconds: options.faultRetryAfterSeconds ?? 1,
        errorBody,
      });
      if (!('drop' in result))
        log.push({ method: req.method, path: req.path, body: req.body, status: result.status });
      return result;
    }

    const auth = req.headers.authorization;
    if (auth !== `Bearer ${token}`) {
      return fail(new NotionHttpError(401, 'unauthorized', 'API token is invalid.'));
    }
    const version = req.headers['notion-version'];
    if (typeof version !== 'string' || !NOTION_VERSION_RE.test(version)) {
      return fail(
        new NotionHttpError(
          400,
          'missing_version',
          `Notion-Version header failed validation: Notion-Version header should be defined, instead was \`${String(version)}\`.`,
        ),
      );
    }
    if (version < FIRST_VERSION) {
      return fail(
        new NotionHttpError(
          400,
          'validation_error',
          `Notion-Version \`${version}\` is before ${FIRST_VERSION}, the first with data sources, which is what this emulator answers as; send Notion-Version ${FIRST_VERSION} or later.`,
        ),
      );
    }
    if (bucket) {
      const taken = bucket.take(now());
      if (!taken.ok) {
        return fail(
          new NotionHttpError(
            429,
            'rate_limited',
            'You have been rate limited. Please try again in a few minutes.',
          ),
          // Retry-After is delay-seconds, a whole number (RFC 9110 §10.2.3).
          { 'retry-after': String(Math.max(1, Math.ceil(taken.retryAfterSeconds))) },
        );
      }
    }
    // A body that is not JSON, and one past the size limit, are refused before any work is done
    // (https://developers.notion.com/reference/status-codes, .../request-limits).
    if (typeof req.body === 'string') {
      return fail(new NotionHttpError(400, 'invalid_json', 'Error parsing JSON body.'));
    }
    if (req.bodyBytes > MAX_BODY_BYTES) {
      return fail(
        validation(
          `Request body too large: ${req.bodyBytes} bytes, the limit is ${MAX_BODY_BYTES} (500KB).`,
        ),
      );
    }
    let result: EmulatorResult;
    try {
      result = respond(200, routed.run());
    } catch (error) {
      if (error instanceof NotionHttpError) result = fail(error);
      else throw error;
    }
    // A `timeout` fault is the worst case for a client: the write is applied, the answer is lost.
    if (fault === 'timeout') return { drop: true, afterMs: holdMs };
    return result;
  };

  const server = await startHttpEmulator(handle);

  return {
    url: server.url,
    token,
    databaseId: state.databaseId,
    dataSourceId: state.dataSourceId,
    state,
    requests,
    log,
    faults,
    pages: (dataSourceId = state.dataSourceId) => {
      const source = state.dataSources.find((d) => normalizeId(d.id) === normalizeId(dataSourceId));
      if (!source && normalizeId(dataSourceId) !== normalizeId(state.dataSourceId))
        throw new Error(`no data source ${dataSourceId}`);
      return [...(source ?? first).pages.values()]
        .filter((p) => !p.inTrash)
        .sort((a, b) => a.seq - b.seq)
        .map((page) => renderPage(source ?? first, page));
    },
    editPage(pageId, properties) {
      const found = pageById(pageId);
      if (!found) throw new Error(`no page ${pageId}`);
      Object.assign(found.page.properties, checkPropertyValues(found.source, { properties }));
      found.page.lastEditedTime = iso();
    },
    duplicatePage(pageId) {
      const found = pageById(pageId);
      if (!found) throw new Error(`no page ${pageId}`);
      const { source, page } = found;
      seq += 1;
      const copy: NotionPageRecord = {
        ...structuredClone(page),
        id: newId(),
        seq,
        createdTime: iso(),
        lastEditedTime: iso(),
      };
      source.pages.set(copy.id, copy);
      return copy.id;
    },
    close: () => server.close(),
  };
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function richTextItem(content: string) {
  return {
    type: 'text',
    text: { content, link: null },
    annotations: {
      bold: false,
      italic: false,
      strikethrough: false,
      underline: false,
      code: false,
      color: 'default',
    },
    plain_text: content,
    href: null,
  };
}
