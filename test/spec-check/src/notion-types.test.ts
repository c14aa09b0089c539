import type { CreatePageParameters, SearchParameters } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { coreCatalog } from './core-catalog.ts';
import { notionBody } from './notion-spec-check.ts';

/**
 * Notion has no OpenAPI file: `@notionhq/client`'s parameter types are the description. Every
 * `satisfies` below is checked by `tsc` (the package's typecheck), and every `@ts-expect-error`
 * fails the typecheck if the SDK ever starts accepting the wrong body it marks.
 */

const search = {
  query: 'roadmap',
  filter: { property: 'object', value: 'page' },
  sort: { direction: 'descending', timestamp: 'last_edited_time' },
  page_size: 10,
  start_cursor: '9b1c3d2e-0f4a-4b5c-8d6e-7f8091a2b3c4',
} satisfies SearchParameters;

const pageUnderPage = {
  parent: { page_id: '9b1c3d2e-0f4a-4b5c-8d6e-7f8091a2b3c4' },
  properties: { title: { title: [{ text: { content: 'Agent notes' } }] } },
  children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Hello' } }] } }],
} satisfies CreatePageParameters;

const rowInDatabase = {
  parent: { database_id: '0c8e4a7b-1d2f-4e3a-9b5c-6d7e8f9a0b1c' },
  properties: {
    Name: { title: [{ text: { content: 'Ship it' } }] },
    Status: { select: { name: 'In progress' } },
    Due: { date: { start: '2025-03-20' } },
    Tags: { multi_select: [{ name: 'Engineering' }] },
  },
} satisfies CreatePageParameters;

// Compile-time rejections: each line must stay an error for the typecheck to pass.
// @ts-expect-error `title` is not a top-level field of a page; it is a property.
const titleAtTopLevel = { parent: { page_id: 'x' }, title: 'Agent notes' } satisfies CreatePageParameters;
// @ts-expect-error v5 (API 2025-09-03) searches data sources, not databases.
const databaseFilter = notionBody('search', { filter: { property: 'object', value: 'database' } });
// @ts-expect-error search sorts by last_edited_time only.
const createdTimeSort = notionBody('search', { sort: { direction: 'ascending', timestamp: 'created_time' } });
// @ts-expect-error rich text needs `text: { content }`, not a bare string.
const bareTitle = notionBody('pages.create', { parent: { page_id: 'x' }, properties: { title: { title: 'Agent notes' } } });

describe('Notion request bodies', () => {
  it('type-check against @notionhq/client and pass the SDK endpoint table at run time', () => {
    expect(coreCatalog.check('notion', { method: 'POST', url: 'https://api.notion.com/v1/search', body: notionBody('search', search) }).ok).toBe(true);
    expect(coreCatalog.check('notion', { method: 'POST', url: 'https://api.notion.com/v1/pages', body: notionBody('pages.create', pageUnderPage) }).ok).toBe(true);
    expect(coreCatalog.check('notion', { method: 'POST', url: 'https://api.notion.com/v1/pages', body: rowInDatabase }).ok).toBe(true);
  });

  it('the run-time check catches the top-level mistakes the types catch', () => {
    expect(coreCatalog.check('notion', { method: 'POST', url: 'https://api.notion.com/v1/pages', body: titleAtTopLevel }).problems)
      .toEqual([expect.stringContaining('unknown body field "title"')]);
    // Nested shapes (filter values, sort keys, rich text) are the types' job.
    expect([databaseFilter, createdTimeSort, bareTitle].every((b) => typeof b === 'object')).toBe(true);
  });
});
