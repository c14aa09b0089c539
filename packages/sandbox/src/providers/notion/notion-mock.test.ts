import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const V2022 = { 'notion-version': '2022-06-28' };
const V2025 = { 'notion-version': '2025-09-03' };
const V2026 = { 'notion-version': '2026-03-11' };

describe('Notion mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());
  const search = (body: unknown, headers: Record<string, string> = V2022) => s.call('POST', '/notion/v1/search', { body, headers });

  it('requires Notion-Version and a valid token, with Notion error objects', async () => {
    const noVersion = await s.call('POST', '/notion/v1/search', { body: {} });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json).toMatchObject({ object: 'error', status: 400, code: 'missing_version', message: expect.stringContaining('Notion-Version') });
    const noToken = await s.call('POST', '/notion/v1/search', { body: {}, headers: V2022, token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.json).toMatchObject({ object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.' });
  });

  it('searches pages and databases (2022-06-28) in the list shape', async () => {
    const r = await search({});
    expect(r.json).toMatchObject({ object: 'list', results: expect.any(Array), next_cursor: null, has_more: false, type: 'page_or_database', page_or_database: {} });
    const kinds = new Set(r.json.results.map((x: { object: string }) => x.object));
    expect(kinds).toEqual(new Set(['page', 'database']));
    for (const page of r.json.results.filter((x: { object: string }) => x.object === 'page')) {
      expect(page).toMatchObject({
        object: 'page', id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        created_time: expect.any(String), last_edited_time: expect.any(String), created_by: { object: 'user' }, archived: false, in_trash: false,
        parent: { type: expect.stringMatching(/^(workspace|page_id|database_id)$/) }, properties: expect.any(Object), url: expect.stringMatching(/^https:\/\/www\.notion\.so\//),
      });
      const title = Object.values(page.properties as Record<string, { type: string }>).find((p) => p.type === 'title');
      expect(title).toMatchObject({ id: 'title', type: 'title', title: expect.any(Array) });
    }
    const edited = r.json.results.map((x: { last_edited_time: string }) => x.last_edited_time);
    expect(edited).toEqual([...edited].sort().reverse());
  });

  it('filters by object and query, sorts ascending, and paginates with cursors', async () => {
    const dbs = await search({ filter: { property: 'object', value: 'database' } });
    expect(dbs.json.results.map((x: { object: string; title: Array<{ plain_text: string }> }) => [x.object, x.title[0]?.plain_text])).toEqual([['database', 'Tasks']]);
    const roadmap = await search({ query: 'roadmap', filter: { property: 'object', value: 'page' } });
    expect(roadmap.json.results).toHaveLength(1);
    const asc = await search({ sort: { direction: 'ascending', timestamp: 'last_edited_time' } });
    const times = asc.json.results.map((x: { last_edited_time: string }) => x.last_edited_time);
    expect(times).toEqual([...times].sort());
    const first = await search({ page_size: 2 });
    expect(first.json).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const second = await search({ page_size: 2, start_cursor: first.json.next_cursor });
    expect(second.json.results[0].id).toBe(first.json.next_cursor);
    const bad = await search({ filter: { property: 'object', value: 'block' } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('validation_error');
  });

  it('speaks data sources from 2025-09-03 on', async () => {
    const r = await search({ filter: { property: 'object', value: 'data_source' } }, V2025);
    expect(r.json.type).toBe('page_or_data_source');
    expect(r.json.results[0]).toMatchObject({ object: 'data_source', parent: { type: 'database_id' } });
    expect((await search({ filter: { property: 'object', value: 'database' } }, V2025)).status).toBe(400);
  });

  it('creates a page under a page with title and children', async () => {
    const parent = (await search({ query: 'Team Wiki' })).json.results[0];
    const r = await s.call('POST', '/notion/v1/pages', {
      headers: V2022,
      body: {
        parent: { page_id: parent.id.replace(/-/g, '') },
        properties: { title: { title: [{ text: { content: 'Agent notes' } }] } },
        children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Hello' } }] } }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ object: 'page', parent: { type: 'page_id', page_id: parent.id }, properties: { title: { id: 'title', type: 'title', title: [{ plain_text: 'Agent notes', type: 'text' }] } } });
    expect(s.mock.state.notion.createdPages.at(-1)).toMatchObject({ sub: 'alice', page: { id: r.json.id }, children: [{ type: 'paragraph' }] });
    const retrieved = await s.call('GET', `/notion/v1/pages/${r.json.id}`, { headers: V2022 });
    expect(retrieved.json.id).toBe(r.json.id);
    const children = await s.call('GET', `/notion/v1/blocks/${r.json.id}/children`, { headers: V2022 });
    expect(children.json).toMatchObject({ object: 'list', results: [{ object: 'block', type: 'paragraph' }], has_more: false });
  });

  it('creates a database row, validating property names and types', async () => {
    const db = (await search({ filter: { property: 'object', value: 'database' } })).json.results[0];
    const create = (properties: unknown) => s.call('POST', '/notion/v1/pages', { headers: V2022, body: { parent: { database_id: db.id }, properties } });
    const r = await create({ Name: { title: [{ text: { content: 'Ship it' } }] }, Status: { select: { name: 'In progress' } }, Due: { date: { start: '2025-03-20' } }, Tags: { multi_select: [{ name: 'Engineering' }] } });
    expect(r.status).toBe(200);
    expect(r.json.parent).toEqual({ type: 'database_id', database_id: db.id });
    expect(r.json.properties).toMatchObject({
      Name: { id: 'title', type: 'title', title: [{ plain_text: 'Ship it' }] },
      Status: { type: 'select', select: { name: 'In progress', color: 'blue' } },
      Due: { type: 'date', date: { start: '2025-03-20', end: null, time_zone: null } },
      Tags: { type: 'multi_select', multi_select: [{ name: 'Engineering' }] },
    });
    const unknown = await create({ Owner: { rich_text: [] } });
    expect(unknown.json).toMatchObject({ status: 400, code: 'validation_error', message: 'Owner is not a property that exists.' });
    const wrongType = await create({ Status: { rich_text: [] } });
    expect(wrongType.json.message).toBe('Status is expected to be select.');
  });

  it('404s unknown parents and 400s a missing parent', async () => {
    const missing = await s.call('POST', '/notion/v1/pages', { headers: V2022, body: { parent: { page_id: '00000000-0000-4000-8000-000000000000' }, properties: {} } });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ object: 'error', code: 'object_not_found' });
    const noParent = await s.call('POST', '/notion/v1/pages', { headers: V2022, body: { properties: {} } });
    expect(noParent.json).toMatchObject({ status: 400, code: 'validation_error' });
  });
  it('2026-03-11: renders a page as markdown, without archived', async () => {
    const wiki = (await search({ query: 'Engineering handbook', filter: { property: 'object', value: 'page' } }, V2026)).json.results[0];
    expect(wiki).not.toHaveProperty('archived');
    expect(wiki).toMatchObject({ in_trash: false });
    const md = await s.call('GET', `/notion/v1/pages/${wiki.id}/markdown`, { headers: V2026 });
    expect(md.json).toMatchObject({ object: 'page_markdown', id: wiki.id, markdown: 'How we review code\nHow we deploy\nOn-call expectations', truncated: false, unknown_block_ids: [] });
    const missing = await s.call('GET', '/notion/v1/pages/00000000-0000-4000-8000-000000000000/markdown', { headers: V2026 });
    expect(missing.json).toMatchObject({ status: 404, code: 'object_not_found' });
  });

  it('retrieves a database with its data sources and queries a data source with filters, sorts and cursors', async () => {
    const source = (await search({ filter: { property: 'object', value: 'data_source' } }, V2026)).json.results[0];
    const db = await s.call('GET', `/notion/v1/databases/${source.parent.database_id}`, { headers: V2026 });
    expect(db.json).toMatchObject({ object: 'database', id: source.parent.database_id, data_sources: [{ id: source.id, name: 'Tasks' }] });
    const query = (body: unknown) => s.call('POST', `/notion/v1/data_sources/${source.id}/query`, { headers: V2026, body });
    const all = await query({ sorts: [{ property: 'Due', direction: 'ascending' }] });
    expect(all.json).toMatchObject({ object: 'list', type: 'page_or_data_source', has_more: false });
    const dues = all.json.results.map((r: any) => r.properties.Due.date.start);
    expect(dues.length).toBeGreaterThanOrEqual(3);
    expect(dues).toEqual([...dues].sort());
    const done = await query({ filter: { property: 'Status', select: { equals: 'Done' } } });
    expect(done.json.results.map((r: any) => r.properties.Name.title[0].plain_text)).toEqual(['Prepare board deck']);
    const either = await query({ filter: { or: [{ property: 'Tags', multi_select: { contains: 'Engineering' } }, { property: 'Name', title: { contains: 'board' } }] } });
    const tagged = (r: any) => r.properties.Tags.multi_select.some((t: { name: string }) => t.name === 'Engineering') || r.properties.Name.title[0].plain_text.includes('board');
    expect(either.json.results.map((r: any) => r.id).sort()).toEqual(all.json.results.filter(tagged).map((r: any) => r.id).sort());
    expect(either.json.results.length).toBeGreaterThanOrEqual(2);
    expect(either.json.results.length).toBeLessThan(all.json.results.length);
    const first = await query({ page_size: 1, sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }] });
    expect(first.json).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const second = await query({ page_size: 1, start_cursor: first.json.next_cursor, sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }] });
    expect(second.json.results[0].id).toBe(first.json.next_cursor);
    const unknown = await query({ filter: { property: 'Priority', select: { equals: 'High' } } });
    expect(unknown.json).toMatchObject({ status: 400, code: 'validation_error', message: 'Could not find property with name or id: Priority' });
    expect((await s.call('POST', `/notion/v1/data_sources/${source.id}/query`, { headers: V2022, body: {} })).status).toBe(400);
  });

  it('appends blocks at the end or after a block, refusing the old after parameter on 2026-03-11', async () => {
    const page = (await search({ query: 'Q3 Roadmap' }, V2026)).json.results[0];
    const append = (body: unknown) => s.call('PATCH', `/notion/v1/blocks/${page.id}/children`, { headers: V2026, body });
    const block = (type: string, content: string) => ({ object: 'block', type, [type]: { rich_text: [{ type: 'text', text: { content } }] } });
    const end = await append({ children: [block('heading_2', 'Decisions'), block('bulleted_list_item', 'Ship it')] });
    expect(end.json).toMatchObject({ object: 'list', type: 'block', results: [{ type: 'heading_2', heading_2: { rich_text: [{ plain_text: 'Decisions' }] } }, { type: 'bulleted_list_item' }] });
    const heading = end.json.results[0].id;
    await append({ children: [block('paragraph', 'Right after the heading')], position: { type: 'after_block', after_block: { id: heading } } });
    const md = (await s.call('GET', `/notion/v1/pages/${page.id}/markdown`, { headers: V2026 })).json.markdown as string;
    expect(md.split('\n').slice(-3)).toEqual(['## Decisions', 'Right after the heading', '- Ship it']);
    expect((await append({ children: [block('paragraph', 'x')], after: heading })).json).toMatchObject({ status: 400, code: 'validation_error' });
    expect((await append({ children: [] })).json).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('comments on a page and replies in its discussion', async () => {
    const page = (await search({ query: 'Team Wiki' }, V2026)).json.results[0];
    const rich = (content: string) => [{ type: 'text', text: { content } }];
    const first = await s.call('POST', '/notion/v1/comments', { headers: V2026, body: { parent: { page_id: page.id }, rich_text: rich('Looks good') } });
    expect(first.json).toMatchObject({ object: 'comment', parent: { type: 'page_id', page_id: page.id }, discussion_id: expect.any(String), rich_text: [{ plain_text: 'Looks good' }] });
    const reply = await s.call('POST', '/notion/v1/comments', { headers: V2026, body: { discussion_id: first.json.discussion_id, rich_text: rich('Thanks') } });
    expect(reply.json).toMatchObject({ discussion_id: first.json.discussion_id, parent: { page_id: page.id } });
    expect(s.mock.state.notion.comments.filter((c) => c.discussionId === first.json.discussion_id).map((c) => c.text)).toEqual(['Looks good', 'Thanks']);
    const nowhere = await s.call('POST', '/notion/v1/comments', { headers: V2026, body: { discussion_id: '00000000-0000-4000-8000-000000000000', rich_text: rich('?') } });
    expect(nowhere.json).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});
