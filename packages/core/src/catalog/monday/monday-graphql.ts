import { z } from 'zod';
import { graphqlRequest, truncate, type ToolContext } from '../../tools/index.ts';

/** monday.com's GraphQL endpoint under the API base URL. */
export const MONDAY_GRAPHQL = '/v2';

/**
 * The API version the tools (and `shared/specs/monday-schema.graphql`) are written for, sent as
 * `API-Version` on every call: monday changes the schema by dated version.
 */
export const MONDAY_API_VERSION = '2026-10';

export const mondayRequest = <T>(ctx: ToolContext, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(ctx, { endpoint: MONDAY_GRAPHQL, query, ...(variables ? { variables } : {}) });

/** monday ids are large integers; they travel as `ID` strings. */
export const mondayId = (description: string) => z.union([z.string().trim().regex(/^\d{1,20}$/, 'Not a monday.com id (digits)'), z.number().int().positive()]).transform(String).describe(description);

/**
 * Column values as monday's `column_values` JSON argument takes them: column id → value (a
 * string for text/status/date labels, or the column type's object such as `{ "label": "Done" }`,
 * `{ "date": "2025-03-31" }`). monday wants the object JSON-encoded inside the GraphQL variable.
 */
export const columnValues = (description: string) => z.record(z.string().trim().min(1).max(100), z.unknown()).describe(description);

export interface MondayColumnValue {
  id: string;
  text?: string | null;
  type?: string;
  column?: { title: string } | null;
}

/** Column values as a model reads them: title (or id) → the displayed text, empty ones dropped, bounded. */
export function columnTexts(values: readonly MondayColumnValue[] | undefined, max = 20): Record<string, string> {
  const entries = (values ?? []).filter((v) => v.text).slice(0, max).map((v) => [v.column?.title ?? v.id, truncate(v.text!, 200)] as const);
  return Object.fromEntries(entries);
}
