import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { notionId } from '../notion-blocks.ts';
import { notionHeaders as headers, type NotionObject } from '../notion-objects.ts';
import { flatProperties, pageTitle } from '../notion-properties.ts';

export interface NotionQueryInput {
  filter?: Record<string, unknown> | undefined;
  sorts?: Array<{ property?: string | undefined; timestamp?: 'created_time' | 'last_edited_time' | undefined; direction: 'ascending' | 'descending' }> | undefined;
  page_size: number;
  start_cursor?: string | undefined;
}

type QuerySort = { property: string; direction: 'ascending' | 'descending' } | { timestamp: 'created_time' | 'last_edited_time'; direction: 'ascending' | 'descending' };

/** The `POST /v1/data_sources/{id}/query` body; only pages come back (no nested data sources). */
export function notionQueryBody(input: NotionQueryInput): { filter?: Record<string, unknown>; sorts?: QuerySort[]; page_size: number; start_cursor?: string; result_type: 'page' } {
  const sorts = input.sorts?.map((s): QuerySort => (s.timestamp ? { timestamp: s.timestamp, direction: s.direction } : { property: s.property ?? '', direction: s.direction }));
  return {
    ...(input.filter ? { filter: input.filter } : {}),
    ...(sorts && sorts.length > 0 ? { sorts } : {}),
    page_size: input.page_size,
    ...(input.start_cursor ? { start_cursor: input.start_cursor } : {}),
    result_type: 'page',
  };
}

interface DatabaseObject {
  id: string;
  data_sources?: Array<{ id: string; name?: string }>;
}

export const notionQueryDatabase = defineTool({
  name: 'notion_query_database',
  provider: 'notion',
  description: 'List the rows (pages) of a Notion database, optionally filtered and sorted, with each row\'s properties as short text. Give the database id (from notion_search) or its data source id. Pass nextCursor back as start_cursor for more.',
  input: z.object({
    database_id: notionId('Database id, as notion_search returns it; its first data source is queried.').optional(),
    data_source_id: notionId('Data source id (notion_search returns it as dataSourceId), to query one data source of a database that has several.').optional(),
    filter: z.record(z.string(), z.unknown()).optional().describe('A Notion filter object, e.g. {"property":"Status","select":{"equals":"Done"}} or {"and":[…]}.'),
    sorts: z.array(z.object({
      property: z.string().max(200).optional().describe('Property name to sort by.'),
      timestamp: z.enum(['created_time', 'last_edited_time']).optional().describe('Or sort by when rows were created or edited.'),
      direction: z.enum(['ascending', 'descending']).default('ascending').describe('Sort direction.'),
    }).refine((s) => (s.property === undefined) !== (s.timestamp === undefined), 'Give exactly one of property and timestamp')).max(5).optional().describe('Sort keys, most important first.'),
    page_size: z.number().int().min(1).max(100).default(20).describe('Rows per page (1-100).'),
    start_cursor: z.string().max(200).optional().describe('nextCursor of the previous page.'),
  }).refine((input) => (input.database_id === undefined) !== (input.data_source_id === undefined), { message: 'Give exactly one of database_id and data_source_id', path: ['database_id'] }),
  async execute(input, ctx) {
    let dataSourceId = input.data_source_id;
    if (!dataSourceId) {
      // Since API 2025-09-03 a database is a container: its rows live in its data sources.
      const database = await ctx.request<DatabaseObject>(path`/v1/databases/${input.database_id!}`, { headers });
      dataSourceId = database.data_sources?.[0]?.id;
      if (!dataSourceId) throw new OnBehalfError('TOOL_INPUT_INVALID', 'This Notion database has no data source to query.', { details: { database_id: input.database_id } });
    }
    const answer = await ctx.request<{ results?: Array<NotionObject & { properties?: Record<string, { type?: string }> }>; next_cursor?: string | null }>(
      path`/v1/data_sources/${dataSourceId}/query`,
      { method: 'POST', headers, body: notionQueryBody(input) },
    );
    const rows = (answer?.results ?? []).filter((r) => r.object === 'page').slice(0, input.page_size).map((row) => compact({
      id: row.id,
      title: pageTitle(row.properties),
      url: row.url,
      properties: flatProperties(row.properties),
    }));
    return compact({ dataSourceId, rows, nextCursor: answer?.next_cursor ?? undefined });
  },
});
