import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { notionId } from '../notion-blocks.ts';
import { notionHeaders as headers, type NotionObject } from '../notion-objects.ts';
import { flatProperties, pageTitle } from '../notion-properties.ts';

const MAX_TEXT_CHARS = 20_000;

interface PageMarkdown {
  object: 'page_markdown';
  id: string;
  markdown: string;
  truncated: boolean;
  unknown_block_ids?: string[];
}

/**
 * Two reads: the page (title, properties, link) and Notion's own rendering of its content as
 * enhanced markdown (`GET /v1/pages/{id}/markdown`), which spares walking the block tree.
 */
export const notionGetPageText = defineTool({
  name: 'notion_get_page_text',
  provider: 'notion',
  description: `Read a Notion page: its title, properties and its whole content as Markdown text (at most ${MAX_TEXT_CHARS} characters). Find page ids with notion_search or notion_query_database.`,
  input: z.object({
    page_id: notionId('The page id (with or without dashes).'),
  }),
  async execute({ page_id: pageId }, ctx) {
    const page = await ctx.request<NotionObject & { properties?: Record<string, { type?: string }>; in_trash?: boolean }>(path`/v1/pages/${pageId}`, { headers });
    const content = await ctx.request<PageMarkdown>(path`/v1/pages/${pageId}/markdown`, { headers });
    const markdown = content.markdown ?? '';
    const properties = flatProperties(page.properties);
    const title = pageTitle(page.properties);
    delete properties[Object.keys(page.properties ?? {}).find((key) => page.properties?.[key]?.type === 'title') ?? ''];
    return compact({
      id: page.id,
      title,
      url: page.url,
      lastEditedTime: page.last_edited_time,
      inTrash: page.in_trash || undefined,
      properties: Object.keys(properties).length > 0 ? properties : undefined,
      text: truncate(markdown, MAX_TEXT_CHARS),
      // Notion stops rendering very large pages; so do we past our own limit.
      truncated: content.truncated || markdown.length > MAX_TEXT_CHARS || undefined,
    });
  },
});
