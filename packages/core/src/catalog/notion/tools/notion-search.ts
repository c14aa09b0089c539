import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactResult, notionHeaders as headers, type NotionObject } from '../notion-objects.ts';

export interface NotionSearchInput {
  query?: string | undefined;
  filter?: 'page' | 'database' | undefined;
  page_size: number;
  start_cursor?: string | undefined;
}

/** The `POST /v1/search` body for a tool input (also used by the type-level conformance test). */
export function notionSearchBody(input: NotionSearchInput) {
  return compact({
    query: input.query?.trim() || undefined,
    filter: input.filter ? { property: 'object' as const, value: input.filter === 'database' ? ('data_source' as const) : ('page' as const) } : undefined,
    page_size: input.page_size,
    start_cursor: input.start_cursor || undefined,
  });
}

export const notionSearch = defineTool({
  name: 'notion_search',
  provider: 'notion',
  description: 'Search the Notion pages and databases shared with the integration, by title. Pass nextCursor back as start_cursor for more.',
  input: z.object({
    query: z.string().max(500).optional().describe('Text to look for in titles; empty lists everything.'),
    filter: z.enum(['page', 'database']).optional().describe('Only pages or only databases.'),
    page_size: z.number().int().min(1).max(100).default(10).describe('Results per page (1-100).'),
    start_cursor: z.string().max(200).optional().describe('nextCursor of the previous page.'),
  }),
  async execute(input, ctx) {
    const answer = await ctx.request<{ results?: NotionObject[]; next_cursor?: string | null }>('/v1/search', { method: 'POST', headers, body: notionSearchBody(input) });
    return compact({ results: (answer?.results ?? []).slice(0, input.page_size).map(compactResult), nextCursor: answer?.next_cursor ?? undefined });
  },
});
