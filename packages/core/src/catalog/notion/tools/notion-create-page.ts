import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { MAX_TEXT, notionId, paragraphBlocks, textItems } from '../notion-blocks.ts';
import { notionHeaders as headers, type NotionObject } from '../notion-objects.ts';

export interface NotionCreatePageInput {
  page_id?: string | undefined;
  database_id?: string | undefined;
  title: string;
  content?: string | undefined;
}

/** The `POST /v1/pages` body; the title goes to the `title` property, whose id is `title` in databases too. */
export function notionCreatePageBody(input: NotionCreatePageInput) {
  const parent = input.page_id ? { page_id: input.page_id } : { database_id: input.database_id ?? '' };
  const children = paragraphBlocks(input.content ?? '');
  return {
    parent,
    properties: { title: { title: textItems(input.title) } },
    ...(children.length > 0 ? { children } : {}),
  };
}

export const notionCreatePage = defineTool({
  name: 'notion_create_page',
  provider: 'notion',
  writes: true,
  description: 'Create a Notion page under a page (page_id) or as a new entry of a database (database_id), with a title and plain-text content (paragraphs separated by blank lines).',
  input: z.object({
    page_id: notionId('Parent page id.').optional(),
    database_id: notionId('Parent database id (as notion_search returns it).').optional(),
    title: z.string().trim().min(1).max(MAX_TEXT).describe('Page title.'),
    content: z.string().max(200_000).optional().describe('Plain text; blank lines separate paragraphs.'),
  }).refine((input) => (input.page_id === undefined) !== (input.database_id === undefined), { message: 'Give exactly one of page_id and database_id', path: ['page_id'] }),
  async execute(input, ctx) {
    const page = await ctx.request<NotionObject>('/v1/pages', { method: 'POST', headers, body: notionCreatePageBody(input) });
    return compact({ id: page.id, url: page.url, title: input.title });
  },
});
