import { createFaultInjector, type FaultInjector, type FaultPlan } from '../emulator/faults.js';
import {
  createRequestCounter,
  type EmulatorRequest,
  type EmulatorResult,
  startHttpEmulator,
} from '../emulator/http.js';
import { createSlidingWindow, type RateLimiter } from '../emulator/rate-limit.js';
import { FormulaError, formulaFields, matchesFormula, parseFormula } from './formula.js';

/**
 * An in-memory emulator of the parts of the Airtable Web API the `@runner-up/airtable` sink uses
 * (https://airtable.com/developers/web/api/introduction): list records with `pageSize`, `offset`,
 * `fields[]` and `filterByFormula`; create and update at most 10 records a request, `performUpsert`
 * with `fieldsToMergeOn`, `typecast`; the metadata tables endpoint; Airtable-shaped errors; a
 * per-base rate limit of 5 requests a second that blocks the base for 30 seconds once exceeded; and
 * injected faults.
 */

/** The most characters a text cell holds. */
const MAX_CELL_TEXT = 100_000;

/** A field of an emulated table. */
export interface AirtableEmulatorField {
  name: string;
  /** A metadata API type: `singleLineText`, `multilineText`, `richText`, `dateTime`, `date`, `checkbox`, `singleSelect`, `number`... */
  type: string;
  /** `fldXXXXXXXXXXXXXX`; generated when left out. */
  id?: string;
  /**
   * For `singleSelect`: the choices. For `lastModifiedTime`: the fields it watches, by name or id
   * (all fields when left out); it is set to the time of the last write that changed one of them.
   */
  options?: { choices?: Array<{ name: string }>; referencedFieldIds?: string[] };
}

/** A table to start the emulator with. */
export interface AirtableEmulatorTable {
  /** @default DEFAULT_AIRTABLE_BASE_ID */
  baseId?: string;
  /** `tblXXXXXXXXXXXXXX`; generated when left out. */
  id?: string;
  name: string;
  /** The first is the primary field. */
  fields: AirtableEmulatorField[];
}

/** Options of {@link startAirtableEmulator}. */
export interface AirtableEmulatorOptions {
  /**
   * The token requests must carry as `Authorization: Bearer <token>`.
   * @default 'pat-test-token'
   */
  token?: string;
  /**
   * The per-base limit: at most `requests` in any rolling window of `windowMs`, as Airtable
   * states it ("5 requests per second per base"); `false` turns it off.
   * @default { requests: 5, windowMs: 1000 }
   */
  rateLimit?: { requests?: number; windowMs?: number } | false;
  /**
   * How long a base answers 429 to everything after it exceeded the limit (Airtable: 30 s).
   * @default 30
   */
  penaltySeconds?: number;
  /**
   * Send `Retry-After` with 429s. Airtable does not; turn it on to test clients that honour it.
   * @default false
   */
  retryAfterHeader?: boolean;
  /** Faults to inject, as in the Notion emulator. A 429 fault also starts the penalty. */
  faults?: FaultPlan;
  /**
   * How long a `timeout` fault holds the request before dropping it; keep it above the client's timeout.
   * @default 2000
   */
  timeoutHoldMs?: number;
  /**
   * The tables, in one or more bases.
   * @default [the reminders table of the docs, named DEFAULT_AIRTABLE_TABLE, in DEFAULT_AIRTABLE_BASE_ID]
   */
  tables?: AirtableEmulatorTable[];
}

/** A stored record. Empty values are not stored, as Airtable leaves them out of responses. */
export interface AirtableEmulatorRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

/** One request as the emulator answered it. */
export interface AirtableEmulatorLogEntry {
  method: string;
  path: string;
  status: number | 'dropped';
  /** Records carried by a write request. */
  records?: number;
}

/** The base id the default table lives in. */
export const DEFAULT_AIRTABLE_BASE_ID = 'appRunnerUpTest01';

/** The name of the default table, the reminders table of the docs. */
export const DEFAULT_AIRTABLE_TABLE = 'Reminders';

/** The fields of the reminders table the docs describe, Name first (primary). */
export function reminderTableFields(): AirtableEmulatorField[] {
  const choices = (names: string[]) => ({ choices: names.map((name) => ({ name })) });
  return [
    { name: 'Name', type: 'singleLineText' },
    { name: 'Key', type: 'singleLineText' },
    { name: 'Due', type: 'dateTime' },
    { name: 'Opportunity', type: 'singleLineText' },
    { name: 'Organization', type: 'singleLineText' },
    { name: 'Contact', type: 'singleLineText' },
    {
      name: 'Action',
      type: 'singleSelect',
      options: choices(['email', 'call', 'linkedin', 'meeting', 'note']),
    },
    {
      name: 'Status',
      type: 'singleSelect',
      options: choices(['upcoming', 'due', 'overdue', 'done', 'skipped', 'cancelled']),
    },
    { name: 'Why', type: 'multilineText' },
    { name: 'Done', type: 'checkbox' },
    { name: 'Notes', type: 'multilineText' },
  ];
}

/** A table as the emulator holds it: its fields (with ids) and records, in creation order. */
export interface AirtableEmulatorTableState {
  id: string;
  name: string;
  fields: Array<
    Required<Pick<AirtableEmulatorField, 'id' | 'name' | 'type'>> & AirtableEmulatorField
  >;
  records: AirtableEmulatorRecord[];
}

interface BaseState {
  id: string;
  tables: AirtableEmulatorTableState[];
  rateLimit: RateLimiter | undefined;
  blockedUntil: number;
}

/** The emulator's data, for tests to inspect and edit directly (not counted as requests). */
export interface AirtableEmulatorState {
  /** The table called `name` (or with that id). */
  table(name: string, baseId?: string): AirtableEmulatorTableState;
  /** Copies of the table's records, in creation order. */
  records(table: string, baseId?: string): AirtableEmulatorRecord[];
  /** Adds a record as a person would in the UI; returns its id. */
  insert(table: string, fields: Record<string, unknown>, baseId?: string): string;
  /** Sets fields of a record as a person would in the UI (`undefined`, `''`, `false` clear). */
  update(table: string, recordId: string, fields: Record<string, unknown>, baseId?: string): void;
}

/** A running Airtable emulator. */
export interface AirtableEmulator {
  /** Pass as the sink's `endpointUrl`. */
  url: string;
  /** The token it accepts. */
  token: string;
  /** The id of the first base. */
  baseId: string;
  state: AirtableEmulatorState;
  /** Requests answered, as reads (GET, listRecords) and writes. */
  requests: { readonly reads: number; readonly writes: number; readonly total: number };
  /** Every request, in order. */
  log: AirtableEmulatorLogEntry[];
  /** The faults injected from `options.faults`. */
  faults: FaultInjector;
  close(): Promise<void>;
}

type Fail = { status: number; type: string; message: string };
class ApiError extends Error {
  constructor(readonly fail: Fail) {
    super(fail.message);
  }
}
const fail = (status: number, type: string, message: string) =>
  new ApiError({ status, type, message });

/**
 * A base or table the token cannot see, whether it does not exist or is not shared with the token:
 * Airtable answers both with 403 `INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND`, keeping 404 `NOT_FOUND`
 * for a path that is not a route (https://airtable.com/developers/web/api/errors).
 */
const modelNotFound = () =>
  fail(
    403,
    'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
  );

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function makeId(prefix: string, n: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < 14; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return prefix + out;
}

const TEXT_TYPES = new Set([
  'singleLineText',
  'multilineText',
  'richText',
  'email',
  'url',
  'phoneNumber',
]);
const COMPUTED_TYPES = new Set([
  'formula',
  'createdTime',
  'lastModifiedTime',
  'autoNumber',
  'rollup',
  'count',
  'lookup',
]);

/** Starts an emulator on 127.0.0.1; close it in `afterEach`/`afterAll`. */
export async function startAirtableEmulator(
  options: AirtableEmulatorOptions = {},
): Promise<AirtableEmulator> {
  const token = options.token ?? 'pat-test-token';
  const penaltyMs = (options.penaltySeconds ?? 30) * 1000;
  const faults = createFaultInjector(options.faults);
  const counter = createRequestCounter();
  const log: AirtableEmulatorLogEntry[] = [];
  let sequence = 0;
  const nextId = (prefix: string) => makeId(prefix, ++sequence * 7919);
  const bases = new Map<string, BaseState>();
  const definitions = options.tables ?? [
    { name: DEFAULT_AIRTABLE_TABLE, fields: reminderTableFields() },
  ];
  for (const definition of definitions) {
    const baseId = definition.baseId ?? DEFAULT_AIRTABLE_BASE_ID;
    let base = bases.get(baseId);
    if (!base) {
      const limit = options.rateLimit === false ? undefined : (options.rateLimit ?? {});
      base = {
        id: baseId,
        tables: [],
        rateLimit: limit
          ? createSlidingWindow({ requests: limit.requests ?? 5, windowMs: limit.windowMs ?? 1000 })
          : undefined,
        blockedUntil: 0,
      };
      bases.set(baseId, base);
    }
    base.tables.push({
      id: definition.id ?? nextId('tbl'),
      name: definition.name,
      fields: definition.fields.map((field) => ({
        ...field,
        id: field.id ?? nextId('fld'),
        ...(field.options?.choices
          ? { options: { choices: field.options.choices.map((c) => ({ ...c })) } }
          : {}),
      })),
      records: [],
    });
  }
  // Watched fields may be given by name; the metadata API reports ids.
  for (const base of bases.values()) {
    for (const table of base.tables) {
      for (const field of table.fields) {
        const watched = field.options?.referencedFieldIds;
        if (field.type !== 'lastModifiedTime' || !watched) continue;
        field.options = {
          referencedFieldIds: watched.map(
            (ref) => table.fields.find((f) => f.id === ref || f.name === ref)?.id ?? ref,
          ),
        };
      }
    }
  }
  const firstBaseId = bases.keys().next().value ?? DEFAULT_AIRTABLE_BASE_ID;

  const findTable = (base: BaseState, nameOrId: string) =>
    base.tables.find((table) => table.id === nameOrId || table.name === nameOrId);

  const state: AirtableEmulatorState = {
    table(name, baseId = firstBaseId) {
      const base = bases.get(baseId);
      const table = base && findTable(base, name);
      if (!table) throw new Error(`no table ${name} in base ${baseId}`);
      return table;
    },
    records(name, baseId) {
      return state
        .table(name, baseId)
        .records.map((record) => ({ ...record, fields: { ...record.fields } }));
    },
    insert(name, fields, baseId) {
      const table = state.table(name, baseId);
      const record: AirtableEmulatorRecord = {
        id: nextId('rec'),
        createdTime: new Date().toISOString(),
        fields: {},
      };
      assignFields(table, record, fields, true);
      table.records.push(record);
      return record.id;
    },
    update(name, recordId, fields, baseId) {
      const table = state.table(name, baseId);
      const record = table.records.find((r) => r.id === recordId);
      if (!record) throw new Error(`no record ${recordId}`);
      assignFields(table, record, fields, true);
    },
  };

  /** Validates and stores `fields` on `record`; all-or-nothing per call. */
  function assignFields(
    table: AirtableEmulatorTableState,
    record: AirtableEmulatorRecord,
    fields: unknown,
    typecast: boolean,
    destructive = false,
  ) {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw fail(
        422,
        'INVALID_REQUEST_UNKNOWN',
        'Invalid request: parameter "fields" must be an object',
      );
    }
    const next: Record<string, unknown> = destructive ? {} : { ...record.fields };
    for (const [name, raw] of Object.entries(fields as Record<string, unknown>)) {
      const field = table.fields.find((f) => f.name === name || f.id === name);
      if (!field) throw fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
      const value = coerce(field, raw, typecast);
      if (value === undefined) delete next[field.name];
      else next[field.name] = value;
    }
    const changed = new Set(
      table.fields
        .filter((f) => JSON.stringify(next[f.name]) !== JSON.stringify(record.fields[f.name]))
        .map((f) => f.id),
    );
    for (const field of table.fields) {
      if (field.type !== 'lastModifiedTime' || changed.size === 0) continue;
      const watched = field.options?.referencedFieldIds;
      if (!watched || watched.some((id) => changed.has(id))) {
        next[field.name] = new Date().toISOString();
      }
    }
    record.fields = next;
  }

  function coerce(
    field: AirtableEmulatorTableState['fields'][number],
    raw: unknown,
    typecast: boolean,
  ): unknown {
    const invalid = () =>
      fail(
        422,
        'INVALID_VALUE_FOR_COLUMN',
        `Field "${field.name}" cannot accept the provided value`,
      );
    if (COMPUTED_TYPES.has(field.type)) {
      throw fail(
        422,
        'INVALID_VALUE_FOR_COLUMN',
        `Field "${field.name}" cannot accept a value because the field is computed`,
      );
    }
    if (raw === null || raw === undefined) return undefined;
    if (TEXT_TYPES.has(field.type)) {
      let text: string;
      if (typeof raw === 'string') text = raw;
      else if (typecast && (typeof raw === 'number' || typeof raw === 'boolean'))
        text = String(raw);
      else throw invalid();
      // "Single line text fields and long text fields are limited to 100,000 characters"
      // (Airtable's support article on rich text); a longer value is refused, not cut.
      if (text.length > MAX_CELL_TEXT) {
        throw fail(
          422,
          'INVALID_VALUE_FOR_COLUMN',
          `Field "${field.name}" cannot accept a value longer than ${MAX_CELL_TEXT} characters`,
        );
      }
      return text === '' ? undefined : text;
    }
    switch (field.type) {
      case 'dateTime': {
        if (typeof raw !== 'string' || raw === '') throw invalid();
        const at = Date.parse(raw);
        if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at)) throw invalid();
        return new Date(at).toISOString();
      }
      case 'date': {
        if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(raw)) throw invalid();
        return raw.slice(0, 10);
      }
      case 'checkbox':
        if (typeof raw !== 'boolean') throw invalid();
        return raw ? true : undefined;
      case 'number':
        if (typeof raw === 'number') return raw;
        if (typecast && typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw)))
          return Number(raw);
        throw invalid();
      case 'singleSelect': {
        if (typeof raw !== 'string') throw invalid();
        if (raw === '') return undefined;
        field.options ??= { choices: [] };
        field.options.choices ??= [];
        if (!field.options.choices.some((choice) => choice.name === raw)) {
          if (!typecast) {
            throw fail(
              422,
              'INVALID_MULTIPLE_CHOICE_OPTIONS',
              `Insufficient permissions to create new select option ""${raw}""`,
            );
          }
          field.options.choices.push({ name: raw });
        }
        return raw;
      }
      default:
        return raw;
    }
  }

  const publicRecord = (record: AirtableEmulatorRecord, only?: string[]) => {
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record.fields)) {
      if (!only || only.includes(name)) fields[name] = value;
    }
    return { id: record.id, createdTime: record.createdTime, fields };
  };

  const readList = (value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    throw fail(
      422,
      'INVALID_REQUEST_UNKNOWN',
      'Invalid request: parameter "fields" must be an array',
    );
  };

  function listRecords(table: AirtableEmulatorTableState, params: Record<string, unknown>) {
    const pageSize = params.pageSize === undefined ? 100 : Number(params.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw fail(
        422,
        'INVALID_REQUEST_UNKNOWN',
        'Invalid request: pageSize must be between 1 and 100',
      );
    }
    const maxRecords = params.maxRecords === undefined ? undefined : Number(params.maxRecords);
    const fields = readList(params.fields);
    for (const name of fields ?? []) {
      if (!table.fields.some((f) => f.name === name)) {
        throw fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
      }
    }
    let rows = table.records;
    if (typeof params.filterByFormula === 'string' && params.filterByFormula !== '') {
      let node: ReturnType<typeof parseFormula>;
      try {
        node = parseFormula(params.filterByFormula);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        throw fail(
          422,
          'INVALID_FILTER_BY_FORMULA',
          `The formula for filtering records is invalid: ${error.message}`,
        );
      }
      const unknown = [...formulaFields(node)].filter(
        (name) => !table.fields.some((f) => f.name === name),
      );
      if (unknown.length > 0) {
        throw fail(
          422,
          'INVALID_FILTER_BY_FORMULA',
          `The formula for filtering records is invalid: Unknown field names: ${unknown.join(', ')}`,
        );
      }
      rows = rows.filter((record) => matchesFormula(node, record.fields));
    }
    if (maxRecords !== undefined) rows = rows.slice(0, maxRecords);
    let start = 0;
    if (params.offset !== undefined) {
      // The offset names the last record of the previous page, so records added meanwhile are not skipped.
      const after =
        typeof params.offset === 'string' ? /^itr[^/]*\/(rec\w+)$/.exec(params.offset) : null;
      const index = after ? rows.findIndex((r) => r.id === after[1]) : -1;
      if (index < 0) {
        throw fail(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The offset is no longer valid');
      }
      start = index + 1;
    }
    const page = rows.slice(start, start + pageSize);
    const more = start + pageSize < rows.length;
    return {
      records: page.map((record) => publicRecord(record, fields)),
      ...(more ? { offset: `itr${sequence.toString(36)}/${page.at(-1)!.id}` } : {}),
    };
  }

  const recordsOf = (body: Record<string, unknown>): unknown[] => {
    const records = body.records;
    if (!Array.isArray(records) || records.length === 0) {
      throw fail(
        422,
        'INVALID_REQUEST_MISSING_FIELDS',
        'Could not find field "records" in the request body',
      );
    }
    if (records.length > 10) {
      throw fail(
        422,
        'INVALID_REQUEST_UNKNOWN',
        `Invalid request: parameter validation failed. Check your request data. You can write at most 10 records a request, got ${records.length}`,
      );
    }
    return records;
  };

  /** Applies every record of a write to copies first, so a rejected request changes nothing. */
  function write(table: AirtableEmulatorTableState, method: string, body: Record<string, unknown>) {
    const typecast = body.typecast === true;
    const destructive = method === 'PUT';
    const records = recordsOf(body);
    const upsert = body.performUpsert as { fieldsToMergeOn?: unknown } | undefined;
    const working = table.records.map((r) => ({ ...r, fields: { ...r.fields } }));
    const created: string[] = [];
    const updated: string[] = [];
    const touched: AirtableEmulatorRecord[] = [];
    let mergeOn: string[] | undefined;
    if (upsert !== undefined) {
      const names = upsert.fieldsToMergeOn;
      if (
        !Array.isArray(names) ||
        names.length < 1 ||
        names.length > 3 ||
        !names.every((n) => typeof n === 'string')
      ) {
        throw fail(
          422,
          'INVALID_REQUEST_UNKNOWN',
          'performUpsert.fieldsToMergeOn must list 1 to 3 field names',
        );
      }
      for (const name of names) {
        if (!table.fields.some((f) => f.name === name || f.id === name)) {
          throw fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
        }
      }
      mergeOn = names.map((n) => table.fields.find((f) => f.name === n || f.id === n)!.name);
    }
    for (const item of records) {
      const entry = (item ?? {}) as { id?: unknown; fields?: unknown };
      let target: AirtableEmulatorRecord | undefined;
      if (typeof entry.id === 'string') {
        target = working.find((r) => r.id === entry.id);
        if (!target) throw fail(404, 'NOT_FOUND', `Could not find record ${entry.id}`);
      } else if (method === 'POST') {
        target = undefined;
      } else if (mergeOn) {
        const wanted = (entry.fields ?? {}) as Record<string, unknown>;
        const probe: AirtableEmulatorRecord = { id: '', createdTime: '', fields: {} };
        assignFields(table, probe, wanted, typecast);
        const matches = working.filter((r) =>
          mergeOn!.every((name) => (r.fields[name] ?? '') === (probe.fields[name] ?? '')),
        );
        if (matches.length > 1) {
          throw fail(
            422,
            'INVALID_REQUEST_UNKNOWN',
            `Cannot update more than one record with the same values in fieldsToMergeOn (${mergeOn.join(', ')})`,
          );
        }
        target = matches[0];
      } else {
        throw fail(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "id" in a record');
      }
      if (target) {
        assignFields(table, target, entry.fields ?? {}, typecast, destructive);
        updated.push(target.id);
        touched.push(target);
      } else {
        const record: AirtableEmulatorRecord = {
          id: nextId('rec'),
          createdTime: new Date().toISOString(),
          fields: {},
        };
        assignFields(table, record, entry.fields ?? {}, typecast);
        working.push(record);
        created.push(record.id);
        touched.push(record);
      }
    }
    table.records = working;
    return {
      records: touched.map((record) => publicRecord(record)),
      ...(mergeOn ? { createdRecords: created, updatedRecords: updated } : {}),
    };
  }

  function route(request: EmulatorRequest, base: BaseState, parts: string[]): unknown {
    const [tableName, rest] = parts;
    const table = findTable(base, tableName!);
    if (!table) throw modelNotFound();
    const body = (
      typeof request.body === 'object' && request.body !== null ? request.body : {}
    ) as Record<string, unknown>;
    if (rest === undefined) {
      switch (request.method) {
        case 'GET': {
          const params: Record<string, unknown> = {};
          for (const [key, value] of request.query) {
            if (key === 'fields[]') params.fields = [...((params.fields as string[]) ?? []), value];
            else params[key] = value;
          }
          return listRecords(table, params);
        }
        case 'POST':
          if ('fields' in body && !('records' in body)) {
            return write(table, 'POST', { ...body, records: [{ fields: body.fields }] }).records[0];
          }
          return write(table, 'POST', body);
        case 'PATCH':
        case 'PUT':
          return write(table, request.method, body);
        case 'DELETE': {
          const ids = request.query.getAll('records[]');
          // "Delete multiple records": up to 10 record ids a request, as for writes.
          if (ids.length > 10) {
            throw fail(
              422,
              'INVALID_REQUEST_UNKNOWN',
              `Invalid request: parameter validation failed. Check your request data. You can delete at most 10 records a request, got ${ids.length}`,
            );
          }
          for (const id of ids) {
            if (!table.records.some((r) => r.id === id))
              throw fail(404, 'NOT_FOUND', `Could not find record ${id}`);
          }
          table.records = table.records.filter((r) => !ids.includes(r.id));
          return { records: ids.map((id) => ({ id, deleted: true })) };
        }
      }
    } else if (rest === 'listRecords' && request.method === 'POST') {
      return listRecords(table, body);
    } else {
      const record = table.records.find((r) => r.id === rest);
      if (!record) throw fail(404, 'NOT_FOUND', `Could not find record ${rest}`);
      if (request.method === 'GET') return publicRecord(record);
      if (request.method === 'PATCH' || request.method === 'PUT') {
        return write(table, request.method, {
          ...body,
          records: [{ id: rest, fields: body.fields }],
        }).records[0];
      }
    }
    throw fail(404, 'NOT_FOUND', `Could not find what you are looking for`);
  }

  const error = (status: number, type: string, message: string): EmulatorResult => ({
    status,
    body: { error: { type, message } },
  });
  const tooMany = (): EmulatorResult => ({
    status: 429,
    headers: options.retryAfterHeader
      ? { 'retry-after': String(Math.max(0, Math.ceil(penaltyMs / 1000))) }
      : {},
    // Airtable's 429 body (https://airtable.com/developers/web/api/rate-limits).
    body: {
      errors: [
        { error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' },
      ],
    },
  });

  const handle = (request: EmulatorRequest): EmulatorResult => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      return error(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
    }
    const segments = request.path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    if (segments[0] !== 'v0')
      return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
    const meta = segments[1] === 'meta';
    const baseId = meta ? segments[3] : segments[1];
    if (baseId === undefined)
      return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
    const base = bases.get(baseId);
    if (!base) {
      const { status, type, message } = modelNotFound().fail;
      return error(status, type, message);
    }

    const now = Date.now();
    if (now < base.blockedUntil) return tooMany();
    if (base.rateLimit && !base.rateLimit.take(now).ok) {
      base.blockedUntil = now + penaltyMs;
      return tooMany();
    }
    const fault = faults.next();
    if (fault === '429') {
      base.blockedUntil = now + penaltyMs;
      return tooMany();
    }
    if (fault === '500' || fault === '502' || fault === '503') {
      return error(Number(fault), 'SERVER_ERROR', `Injected ${fault} fault.`);
    }
    let result: unknown;
    try {
      if (meta) {
        if (segments[2] !== 'bases' || segments[4] !== 'tables' || request.method !== 'GET') {
          throw fail(404, 'NOT_FOUND', 'Could not find what you are looking for');
        }
        result = {
          tables: base.tables.map((table) => ({
            id: table.id,
            name: table.name,
            primaryFieldId: table.fields[0]!.id,
            fields: table.fields.map((f) => ({
              id: f.id,
              name: f.name,
              type: f.type,
              ...(f.options ? { options: f.options } : {}),
            })),
            views: [{ id: `viw${table.id.slice(3)}`, name: 'Grid view', type: 'grid' }],
          })),
        };
      } else {
        result = route(request, base, segments.slice(2));
      }
    } catch (caught) {
      if (caught instanceof ApiError)
        return error(caught.fail.status, caught.fail.type, caught.fail.message);
      throw caught;
    }
    // A dropped or timed-out answer comes after the work is done: the client cannot tell whether its
    // write landed, which is the case idempotent writes must survive.
    if (fault === 'drop') return { drop: true };
    if (fault === 'timeout') return { drop: true, afterMs: options.timeoutHoldMs ?? 2000 };
    return { status: 200, body: result };
  };

  const server = await startHttpEmulator((request) => {
    const isRead =
      request.method === 'GET' ||
      (request.method === 'POST' && request.path.endsWith('/listRecords'));
    const result = handle(request);
    if (request.headers.authorization === `Bearer ${token}`)
      counter.record(isRead ? 'read' : 'write');
    const records = (request.body as { records?: unknown } | undefined)?.records;
    log.push({
      method: request.method,
      path: request.path,
      status: 'drop' in result ? 'dropped' : result.status,
      ...(!isRead && Array.isArray(records) ? { records: records.length } : {}),
    });
    return result;
  });

  return {
    url: server.url,
    token,
    baseId: firstBaseId,
    state,
    requests: {
      get reads() {
        return counter.reads;
      },
      get writes() {
        return counter.writes;
      },
      get total() {
        return counter.total;
      },
    },
    log,
    faults,
    close: () => server.close(),
  };
}
