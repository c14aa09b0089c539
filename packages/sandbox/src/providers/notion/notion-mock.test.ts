import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const V2022 = { 'notion-version': '2022-06-28' };
const V2025 = { 'notion-version': '2025-09-03' };

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
});
