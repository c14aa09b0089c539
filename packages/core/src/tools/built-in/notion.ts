import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { compact } from './text.ts';

/**
 * The Notion API version the tools speak, whatever the provider's default header says: their
 * request bodies follow `@notionhq/client` v5 (checked against its types in the tests), which is
 * this version — search filters on `data_source`, no longer `database`.
 */
export const NOTION_TOOLS_VERSION = '2025-09-03';
const headers = { 'notion-version': NOTION_TOOLS_VERSION };

const MAX_TEXT = 2000;
const MAX_BLOCKS = 100;
const notionId = (description: string) =>
  z.string().trim().regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, 'Not a Notion id').describe(description);

interface RichText {
  plain_text?: string;
}

interface NotionObject {
  object: string;
  id: string;
  url?: string;
  last_edited_time?: string;
  title?: RichText[];
  properties?: Record<string, { type?: string; title?: RichText[] }>;
  parent?: { type?: string; database_id?: string; page_id?: string; data_source_id?: string };
}

const plain = (texts: RichText[] | undefined) => (texts ?? []).map((t) => t.plain_text ?? '').join('');

/** A search hit as a model needs it; a data source is reported as the database it belongs to. */
function compactResult(result: NotionObject) {
  if (result.object === 'page') {
    const title = Object.values(result.properties ?? {}).find((p) => p.type === 'title' || Array.isArray(p.title));
    return compact({ object: 'page', id: result.id, title: plain(title?.title), url: result.url, lastEditedTime: result.last_edited_time });
  }
  const databaseId = result.object === 'data_source' ? result.parent?.database_id : undefined;
  return compact({
    object: 'database',
    id: databaseId ?? result.id,
    dataSourceId: result.object === 'data_source' ? result.id : undefined,
    title: plain(result.title),
    url: result.url,
    lastEditedTime: result.last_edited_time,
  });
}

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
    start_cursor: z.string().max(200).optional(),
  }),
  async execute(input, ctx) {
    const answer = await ctx.request<{ results?: NotionObject[]; next_cursor?: string | null }>('/v1/search', { method: 'POST', headers, body: notionSearchBody(input) });
    return compact({ results: (answer?.results ?? []).slice(0, input.page_size).map(compactResult), nextCursor: answer?.next_cursor ?? undefined });
  },
});

function textItems(text: string) {
  const items = [];
  for (let i = 0; i < text.length; i += MAX_TEXT) items.push({ type: 'text' as const, text: { content: text.slice(i, i + MAX_TEXT) } });
  return items;
}

/** Paragraphs split on blank lines; Notion takes 100 blocks per request, so the rest joins the last one. */
function paragraphs(content: string) {
  const parts = content.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
  const kept = parts.length > MAX_BLOCKS ? [...parts.slice(0, MAX_BLOCKS - 1), parts.slice(MAX_BLOCKS - 1).join('\n\n')] : parts;
  return kept.map((p) => ({ object: 'block' as const, type: 'paragraph' as const, paragraph: { rich_text: textItems(p) } }));
}

export interface NotionCreatePageInput {
  page_id?: string | undefined;
  database_id?: string | undefined;
  title: string;
  content?: string | undefined;
}

/** The `POST /v1/pages` body; the title goes to the `title` property, whose id is `title` in databases too. */
export function notionCreatePageBody(input: NotionCreatePageInput) {
  const parent = input.page_id ? { page_id: input.page_id } : { database_id: input.database_id ?? '' };
  const children = paragraphs(input.content ?? '');
  return {
    parent,
    properties: { title: { title: textItems(input.title) } },
    ...(children.length > 0 ? { children } : {}),
  };
}

export const notionCreatePage = defineTool({
  name: 'notion_create_page',
  provider: 'notion',
  description: 'Create a Notion page under a page (page_id) or as a new entry of a database (database_id), with a title and plain-text content (paragraphs separated by blank lines).',
  input: z.object({
    page_id: notionId('Parent page id.').optional(),
    database_id: notionId('Parent database id (as notion_search returns it).').optional(),
    title: z.string().trim().min(1).max(MAX_TEXT),
    content: z.string().max(200_000).optional().describe('Plain text; blank lines separate paragraphs.'),
  }).refine((input) => (input.page_id === undefined) !== (input.database_id === undefined), { message: 'Give exactly one of page_id and database_id', path: ['page_id'] }),
  async execute(input, ctx) {
    const page = await ctx.request<NotionObject>('/v1/pages', { method: 'POST', headers, body: notionCreatePageBody(input) });
    return compact({ id: page.id, url: page.url, title: input.title });
  },
});

export const notionTools = [notionSearch, notionCreatePage];
