import { RunnerUpError } from '@runner-up/core';
import * as z from 'zod';

/**
 * The parts of Notion's responses the sync relies on (https://developers.notion.com/reference),
 * checked so a surprising answer fails with a clear error instead of a wrong diff. Everything
 * else in a response is let through untouched.
 */

const PropertyValuesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** A page, as returned by query, create and update. */
export const NotionPageSchema = z.looseObject({
  id: z.string(),
  created_time: z.string().optional(),
  last_edited_time: z.string().optional(),
  properties: PropertyValuesSchema.optional(),
});

/** `POST /v1/data_sources/{id}/query`. */
export const NotionQueryResponseSchema = z.looseObject({
  results: z.array(NotionPageSchema),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
});

/** `GET /v1/databases/{id}`: its data sources, as `{ id, name }` (https://developers.notion.com/reference/database). */
export const NotionDatabaseSchema = z.looseObject({
  data_sources: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })).optional(),
});

/** `GET /v1/data_sources/{id}`. */
export const NotionDataSourceSchema = z.looseObject({
  properties: z.record(z.string(), z.looseObject({ type: z.string() })),
});

/** Parses a response, or throws `remote_request_failed` naming what was unexpected. */
export function parseResponse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(root)';
  throw new RunnerUpError(
    'remote_request_failed',
    `[runner-up] [notion] Unexpected answer to ${what}: \`${path}\` ${issue.message}. Is \`baseUrl\` pointing at the Notion API?`,
  );
}
