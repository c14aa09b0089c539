import { authenticate, bearerToken, createRouter, isRecord, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, mockUser, seededRandom, type SeededRandom, seedTime } from '../../mock-api/index.ts';
import { childrenProblem, commentResource, insertAt, matchesFilter, pageMarkdown, sortRows, storedBlocks, type NotionComment } from './notion-content.ts';
import { notionSeed, paragraph, richText, type NotionDatabase, type NotionPage, type NotionParent, type NotionWorkspace } from './notion-seed.ts';

export interface NotionMockState {
  createdPages: Array<{ sub: string; page: Record<string, unknown>; children: unknown[] }>;
  /** Comments made through the API, per user. */
  comments: Array<NotionComment & { sub: string }>;
  workspace(sub: string): NotionWorkspace;
}

/** Data sources replaced databases in search results and parents from this version on. */
const DATA_SOURCE_VERSION = '2025-09-03';
/** `archived` is gone from responses (only `in_trash`) from this version on. */
const IN_TRASH_VERSION = '2026-03-11';
const withoutArchived = (resource: Record<string, unknown>, version: string) => {
  if (version < IN_TRASH_VERSION) return resource;
  const { archived: _archived, ...rest } = resource;
  return rest;
};

interface Call {
  ws: NotionWorkspace;
  random: SeededRandom;
  version: string;
  sub: string;
}

function notionError(status: number, code: string, message: string, random?: SeededRandom): MockResponse {
  return { status, body: { object: 'error', status, code, message, request_id: random ? random.uuid() : '00000000-0000-4000-8000-000000000000' } };
}

const validation = (message: string, random: SeededRandom) => notionError(400, 'validation_error', message, random);

/** Notion accepts ids with or without dashes; responses always use the dashed form. */
function normalizeId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const hex = id.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const userRef = (id: string) => ({ object: 'user', id });
const slug = (title: string, id: string) => `https://www.notion.so/${title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${id.replace(/-/g, '')}`;

function parentFor(parent: NotionParent, ws: NotionWorkspace, version: string): Record<string, unknown> {
  if (parent.type !== 'database_id' || version < DATA_SOURCE_VERSION) return parent;
  const db = ws.databases.find((d) => d.id === parent.database_id);
  return { type: 'data_source_id', data_source_id: db?.dataSourceId, database_id: parent.database_id };
}

export function pageResource(page: NotionPage, ws: NotionWorkspace, version: string): Record<string, unknown> {
  const db = page.parent.type === 'database_id' ? ws.databases.find((d) => d.id === (page.parent as { database_id: string }).database_id) : undefined;
  const properties = Object.fromEntries(Object.entries(page.properties).map(([name, value]) => [name, { id: db?.schema.find((s) => s.name === name)?.id ?? 'title', ...value }]));
  return withoutArchived({
    object: 'page',
    id: page.id,
    created_time: page.created_time,
    last_edited_time: page.last_edited_time,
    created_by: userRef(page.created_by),
    last_edited_by: userRef(page.created_by),
    cover: null,
    icon: page.icon ? { type: 'emoji', emoji: page.icon } : null,
    parent: parentFor(page.parent, ws, version),
    archived: false,
    in_trash: false,
    properties,
    url: slug(page.title, page.id),
    public_url: null,
  }, version);
}

function schemaResource(db: NotionDatabase) {
  return Object.fromEntries(db.schema.map((s) => [s.name, { id: s.id, name: s.name, description: '', type: s.type, [s.type]: s.options ? { options: s.options } : {} }]));
}

export function databaseResource(db: NotionDatabase, version: string): Record<string, unknown> {
  const common = {
    id: version >= DATA_SOURCE_VERSION ? db.dataSourceId : db.id,
    cover: null,
    icon: db.icon ? { type: 'emoji', emoji: db.icon } : null,
    created_time: db.created_time,
    created_by: userRef(db.created_by),
    last_edited_by: userRef(db.created_by),
    last_edited_time: db.last_edited_time,
    title: [richText(db.title)],
    description: [],
    is_inline: false,
    properties: schemaResource(db),
    url: slug(db.title, db.id),
    public_url: null,
    archived: false,
    in_trash: false,
  };
  if (version >= DATA_SOURCE_VERSION) {
    return withoutArchived({ object: 'data_source', ...common, parent: { type: 'database_id', database_id: db.id }, database_parent: db.parent }, version);
  }
  return { object: 'database', ...common, parent: db.parent };
}

/** Request-shaped rich text (`[{ text: { content } }]`) → response-shaped. */
function toRichText(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => {
    const text = isRecord(item) && isRecord(item.text) ? item.text : {};
    const link = isRecord(text.link) && typeof text.link.url === 'string' ? text.link.url : null;
    const rt = richText(typeof text.content === 'string' ? text.content : '', link);
    return isRecord(item) && isRecord(item.annotations) ? { ...rt, annotations: { ...rt.annotations, ...item.annotations } } : rt;
  });
}

/** Notion API (`https://api.notion.com/v1`): search, pages (create, retrieve, markdown), databases.retrieve, data source query, block children (list, append), comments. */
export function createNotionMock(context: MockProviderContext): MockProvider<NotionMockState> {
  const workspaces = new Map<string, { ws: NotionWorkspace; random: SeededRandom }>();
  const load = (sub: string) => {
    let entry = workspaces.get(sub);
    if (!entry) {
      const random = seededRandom(context.seed, 'notion', sub);
      entry = { ws: notionSeed(mockUser(context.seed, sub), random, seedTime(context)), random };
      workspaces.set(sub, entry);
    }
    return entry;
  };
  const state: NotionMockState = { createdPages: [], comments: [], workspace: (sub) => load(sub).ws };
  const minute = () => new Date(Math.floor(context.now().getTime() / 60_000) * 60_000).toISOString();
  const notFound = (kind: string, id: string, random: SeededRandom) => notionError(404, 'object_not_found', `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`, random);
  const router = createRouter<Call>();

  router.add('POST', '/v1/search', (request, _params, call) => search(request, call));
  router.add('POST', '/v1/pages', (request, _params, call) => createPage(request, call));
  router.add('GET', '/v1/pages/:pageId', (_request, params, { ws, random, version }) => {
    const page = ws.pages.find((p) => p.id === normalizeId(params.pageId));
    return page ? { status: 200, body: pageResource(page, ws, version) } : notionError(404, 'object_not_found', `Could not find page with ID: ${params.pageId}. Make sure the relevant pages and databases are shared with your integration.`, random);
  });
  router.add('GET', '/v1/blocks/:blockId/children', (_request, params, { ws, random }) => {
    const page = ws.pages.find((p) => p.id === normalizeId(params.blockId));
    if (!page) return notionError(404, 'object_not_found', `Could not find block with ID: ${params.blockId}. Make sure the relevant pages and databases are shared with your integration.`, random);
    return { status: 200, body: { object: 'list', results: page.children, next_cursor: null, has_more: false, type: 'block', block: {}, request_id: random.uuid() } };
  });

  router.add('GET', '/v1/pages/:pageId/markdown', (_request, params, { ws, random }) => {
    const page = ws.pages.find((p) => p.id === normalizeId(params.pageId));
    if (!page) return notFound('page', params.pageId!, random);
    return { status: 200, body: { object: 'page_markdown', id: page.id, markdown: pageMarkdown(page), truncated: false, unknown_block_ids: [], request_id: random.uuid() } };
  });
  router.add('GET', '/v1/databases/:databaseId', (_request, params, { ws, random, version }) => {
    const db = ws.databases.find((d) => d.id === normalizeId(params.databaseId));
    if (!db) return notFound('database', params.databaseId!, random);
    if (version < DATA_SOURCE_VERSION) return { status: 200, body: databaseResource(db, version) };
    const resource = databaseResource(db, version);
    return { status: 200, body: withoutArchived({
      object: 'database', id: db.id, title: resource.title, description: [], parent: db.parent, is_inline: false, in_trash: false, archived: false, is_locked: false,
      created_time: db.created_time, last_edited_time: db.last_edited_time, data_sources: [{ id: db.dataSourceId, name: db.title }],
      icon: resource.icon, cover: null, url: resource.url, public_url: null, request_id: random.uuid(),
    }, version) };
  });
  router.add('POST', '/v1/data_sources/:dataSourceId/query', (request, params, call) => queryDataSource(request, params.dataSourceId!, call));
  router.add('PATCH', '/v1/blocks/:blockId/children', (request, params, call) => appendChildren(request, params.blockId!, call));
  router.add('POST', '/v1/comments', (request, _params, call) => createComment(request, call));

  function queryDataSource(request: MockRequest, id: string, { ws, random, version }: Call): MockResponse {
    if (version < DATA_SOURCE_VERSION) return notionError(400, 'invalid_request_url', 'Invalid request URL.', random);
    if (request.bodyError) return notionError(400, 'invalid_json', 'Error parsing JSON body.', random);
    const db = ws.databases.find((d) => d.dataSourceId === normalizeId(id));
    if (!db) return notFound('data source', id, random);
    const body = isRecord(request.body) ? request.body : {};
    const pageSize = body.page_size ?? 100;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return validation(`body failed validation: body.page_size should be a number between 1 and 100, instead was \`${JSON.stringify(pageSize)}\`.`, random);
    const rows = ws.pages.filter((p) => p.parent.type === 'database_id' && p.parent.database_id === db.id);
    const kept: NotionPage[] = [];
    for (const row of rows) {
      const verdict = matchesFilter(row, db, body.filter);
      if (typeof verdict === 'string') return validation(verdict, random);
      if (verdict) kept.push(row);
    }
    const sorted = sortRows(kept, body.sorts);
    if (typeof sorted === 'string') return validation(sorted, random);
    let start = 0;
    if (body.start_cursor !== undefined && body.start_cursor !== null) {
      start = sorted.findIndex((p) => p.id === normalizeId(body.start_cursor));
      if (start < 0) return validation('body failed validation: body.start_cursor should be a valid cursor, instead was `' + JSON.stringify(body.start_cursor) + '`.', random);
    }
    const page = sorted.slice(start, start + pageSize);
    const next = sorted[start + pageSize];
    return { status: 200, body: { object: 'list', results: page.map((p) => pageResource(p, ws, version)), next_cursor: next ? next.id : null, has_more: Boolean(next), type: 'page_or_data_source', page_or_data_source: {}, request_id: random.uuid() } };
  }

  function appendChildren(request: MockRequest, blockId: string, { ws, random, version }: Call): MockResponse {
    if (request.bodyError) return notionError(400, 'invalid_json', 'Error parsing JSON body.', random);
    const page = ws.pages.find((p) => p.id === normalizeId(blockId));
    if (!page) return notFound('block', blockId, random);
    const body = isRecord(request.body) ? request.body : {};
    const problem = childrenProblem(body.children);
    if (problem) return validation(problem, random);
    const at = insertAt(page, body.position, body.after, version);
    if (typeof at === 'string') return validation(at, random);
    const now = minute();
    const blocks = storedBlocks(body.children as unknown[], page, random, now);
    page.children.splice(at, 0, ...blocks);
    page.last_edited_time = now;
    return { status: 200, body: { object: 'list', results: blocks, next_cursor: null, has_more: false, type: 'block', block: {}, request_id: random.uuid() } };
  }

  function createComment(request: MockRequest, { ws, random, sub }: Call): MockResponse {
    if (request.bodyError) return notionError(400, 'invalid_json', 'Error parsing JSON body.', random);
    const body = isRecord(request.body) ? request.body : {};
    if (!Array.isArray(body.rich_text) || body.rich_text.length === 0) return validation('body failed validation: body.rich_text should be defined, instead was `undefined`.', random);
    const text = body.rich_text.map((t) => (isRecord(t) && isRecord(t.text) ? String(t.text.content ?? '') : '')).join('');
    let pageId: string | undefined;
    let discussionId: string;
    if (body.discussion_id !== undefined) {
      const thread = state.comments.find((c) => c.sub === sub && c.discussionId === normalizeId(body.discussion_id));
      if (!thread) return notFound('discussion', String(body.discussion_id), random);
      ({ pageId, discussionId } = thread);
    } else if (isRecord(body.parent) && body.parent.page_id !== undefined) {
      pageId = ws.pages.find((p) => p.id === normalizeId(body.parent && (body.parent as Record<string, unknown>).page_id))?.id;
      if (!pageId) return notFound('page', String(body.parent.page_id), random);
      discussionId = random.uuid();
    } else {
      return validation('body failed validation. Fix one:\nbody.parent should be defined, instead was `undefined`.\nbody.discussion_id should be defined, instead was `undefined`.', random);
    }
    const comment: NotionComment = { id: random.uuid(), discussionId, pageId, text, createdTime: minute(), createdBy: ws.botId };
    state.comments.push({ ...comment, sub });
    return { status: 200, body: { ...commentResource(comment), request_id: random.uuid() } };
  }

  function search(request: MockRequest, { ws, random, version }: Call): MockResponse {
    if (request.bodyError) return notionError(400, 'invalid_json', 'Error parsing JSON body.', random);
    const body = isRecord(request.body) ? request.body : {};
    const dataSources = version >= DATA_SOURCE_VERSION;
    const objectKind = dataSources ? 'data_source' : 'database';
    let filterValue: string | undefined;
    if (body.filter !== undefined) {
      if (!isRecord(body.filter) || (body.filter.property !== undefined && body.filter.property !== 'object')) {
        return validation('body failed validation: body.filter.property should be `"object"`, instead was `' + JSON.stringify(isRecord(body.filter) ? body.filter.property : body.filter) + '`.', random);
      }
      if (body.filter.value !== undefined && body.filter.value !== 'page' && body.filter.value !== objectKind) {
        return validation(`body failed validation: body.filter.value should be \`"page"\` or \`"${objectKind}"\`, instead was \`${JSON.stringify(body.filter.value)}\`.`, random);
      }
      filterValue = body.filter.value as string | undefined;
    }
    let direction = 'descending';
    if (body.sort !== undefined) {
      if (!isRecord(body.sort) || (body.sort.timestamp !== 'last_edited_time' && body.sort.property !== 'relevance')) return validation('body failed validation: body.sort.timestamp should be `"last_edited_time"`.', random);
      if (body.sort.direction !== undefined && body.sort.direction !== 'ascending' && body.sort.direction !== 'descending') return validation('body failed validation: body.sort.direction should be `"ascending"` or `"descending"`.', random);
      direction = (body.sort.direction as string | undefined) ?? 'descending';
    }
    const pageSize = body.page_size ?? 100;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return validation(`body failed validation: body.page_size should be a number between 1 and 100, instead was \`${JSON.stringify(pageSize)}\`.`, random);
    const query = typeof body.query === 'string' ? body.query.toLowerCase().trim() : '';
    const entries = [
      ...(filterValue === objectKind ? [] : ws.pages.map((p) => ({ id: p.id, title: p.title, edited: p.last_edited_time, resource: () => pageResource(p, ws, version) }))),
      ...(filterValue === 'page' ? [] : ws.databases.map((d) => ({ id: dataSources ? d.dataSourceId : d.id, title: d.title, edited: d.last_edited_time, resource: () => databaseResource(d, version) }))),
    ]
      .filter((e) => !query || e.title.toLowerCase().includes(query))
      .sort((a, b) => (a.edited.localeCompare(b.edited) || a.id.localeCompare(b.id)) * (direction === 'ascending' ? 1 : -1));
    // Notion's cursors are the id of the first result of the next page.
    let start = 0;
    if (body.start_cursor !== undefined && body.start_cursor !== null) {
      const cursor = normalizeId(body.start_cursor);
      start = entries.findIndex((e) => e.id === cursor);
      if (start < 0) return validation('body failed validation: body.start_cursor should be a valid cursor, instead was `' + JSON.stringify(body.start_cursor) + '`.', random);
    }
    const page = entries.slice(start, start + pageSize);
    const next = entries[start + pageSize];
    const type = dataSources ? 'page_or_data_source' : 'page_or_database';
    return { status: 200, body: { object: 'list', results: page.map((e) => e.resource()), next_cursor: next ? next.id : null, has_more: Boolean(next), type, [type]: {}, request_id: random.uuid() } };
  }

  function createPage(request: MockRequest, { ws, random, version, sub }: Call): MockResponse {
    if (request.bodyError) return notionError(400, 'invalid_json', 'Error parsing JSON body.', random);
    const body = isRecord(request.body) ? request.body : {};
    const parentIn = body.parent;
    if (!isRecord(parentIn)) return validation('body failed validation: body.parent should be defined, instead was `undefined`.', random);
    let parent: NotionParent;
    let db: NotionDatabase | undefined;
    if (parentIn.page_id !== undefined) {
      const id = normalizeId(parentIn.page_id);
      if (!id) return validation('body failed validation: body.parent.page_id should be a valid uuid, instead was `' + JSON.stringify(parentIn.page_id) + '`.', random);
      if (!ws.pages.some((p) => p.id === id)) return notionError(404, 'object_not_found', `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`, random);
      parent = { type: 'page_id', page_id: id };
    } else if (parentIn.database_id !== undefined || parentIn.data_source_id !== undefined) {
      const bySource = parentIn.data_source_id !== undefined;
      if (bySource && version < DATA_SOURCE_VERSION) return validation('body failed validation: body.parent.data_source_id is not supported before Notion-Version 2025-09-03.', random);
      const id = normalizeId(bySource ? parentIn.data_source_id : parentIn.database_id);
      db = ws.databases.find((d) => (bySource ? d.dataSourceId : d.id) === id);
      if (!id || !db) return notionError(404, 'object_not_found', `Could not find ${bySource ? 'data source' : 'database'} with ID: ${id ?? String(parentIn.database_id ?? parentIn.data_source_id)}. Make sure the relevant pages and databases are shared with your integration.`, random);
      parent = { type: 'database_id', database_id: db.id };
    } else if (parentIn.workspace === true) {
      parent = { type: 'workspace', workspace: true };
    } else {
      return validation('body failed validation. Fix one:\nbody.parent.page_id should be defined, instead was `undefined`.\nbody.parent.database_id should be defined, instead was `undefined`.', random);
    }
    const properties: NotionPage['properties'] = {};
    const input = isRecord(body.properties) ? body.properties : {};
    for (const [key, raw] of Object.entries(input)) {
      if (!isRecord(raw)) return validation(`body failed validation: body.properties.${key} should be an object.`, random);
      const schema = db ? db.schema.find((s) => s.name === key || s.id === key) : key === 'title' ? { id: 'title', name: 'title', type: 'title' } : undefined;
      if (!schema) return validation(db ? `${key} is not a property that exists.` : `Invalid property identifier for a page that is not in a database: ${key}. Only "title" is allowed.`, random);
      const value = raw[schema.type];
      if (value === undefined) return validation(`${schema.name} is expected to be ${schema.type}.`, random);
      properties[schema.name] = { type: schema.type, [schema.type]: propertyValue(schema, value, random) };
    }
    const titleSchema = db ? db.schema.find((s) => s.type === 'title') : { name: 'title' };
    const titleName = titleSchema?.name ?? 'title';
    properties[titleName] ??= { type: 'title', title: [] };
    const title = ((properties[titleName]?.title as Array<{ plain_text: string }>) ?? []).map((t) => t.plain_text).join('');
    if (body.children !== undefined && !Array.isArray(body.children)) return validation('body failed validation: body.children should be an array.', random);
    const childrenIn = (body.children as unknown[] | undefined) ?? [];
    if (childrenIn.length > 100) return validation(`body failed validation: body.children.length should be ≤ \`100\`, instead was \`${childrenIn.length}\`.`, random);
    const children = childrenIn.map((block) => (isRecord(block) ? { object: 'block', id: random.uuid(), has_children: false, ...block } : paragraph(random.uuid(), String(block))));
    const now = new Date(Math.floor(context.now().getTime() / 60_000) * 60_000).toISOString();
    const page: NotionPage = {
      id: random.uuid(), title, parent, properties, children, created_by: ws.botId, created_time: now, last_edited_time: now,
      icon: isRecord(body.icon) && typeof body.icon.emoji === 'string' ? body.icon.emoji : null,
    };
    ws.pages.push(page);
    const resource = pageResource(page, ws, version);
    state.createdPages.push({ sub, page: resource, children });
    return { status: 200, body: resource };
  }

  return {
    state,
    failure: (status) => {
      const codes: Record<number, [string, string]> = {
        401: ['unauthorized', 'API token is invalid.'],
        403: ['restricted_resource', 'API token does not have access to this resource.'],
        409: ['conflict_error', 'Conflict occurred while saving. Please try again.'],
        429: ['rate_limited', 'You have been rate limited. Please try again in a few minutes.'],
        500: ['internal_server_error', 'Unexpected error occurred.'],
        502: ['bad_gateway', 'Bad gateway.'],
        503: ['service_unavailable', 'Notion is unavailable, please try again later.'],
        504: ['gateway_timeout', 'Gateway timeout.'],
      };
      const [code, message] = codes[status] ?? ['invalid_request', 'This request is not supported.'];
      const response = notionError(status, code, message);
      return status === 429 ? { ...response, headers: { 'retry-after': '1' } } : response;
    },
    async handle(request) {
      const version = request.headers['notion-version'];
      if (typeof version !== 'string' || version === '') {
        return { response: notionError(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.') };
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) {
        return { response: notionError(400, 'validation_error', `Notion-Version header failed validation: Notion-Version header should be a valid API version, instead was \`"${version}"\`.`) };
      }
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: notionError(401, 'unauthorized', 'API token is invalid.') };
      const match = router.match(request.method, request.path);
      const { ws, random } = load(auth.token.sub);
      if (match.kind === 'not_found') return { response: notionError(400, 'invalid_request_url', 'Invalid request URL.', random), sub: auth.token.sub };
      if (match.kind === 'method_not_allowed') return { response: notionError(405, 'invalid_request', `Unsupported request: ${request.method} ${request.path}.`, random), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { ws, random, version, sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}

/** A property value from a create request, turned into the shape a page response carries. */
function propertyValue(schema: { type: string; options?: Array<{ id: string; name: string; color: string; description: null }> }, value: unknown, random: SeededRandom): unknown {
  if (schema.type === 'title' || schema.type === 'rich_text') return toRichText(value) ?? [];
  const option = (v: unknown) => {
    if (!isRecord(v)) return null;
    const found = schema.options?.find((o) => o.id === v.id || o.name === v.name);
    if (found) return found;
    // Unknown option names are created on the fly, as Notion does.
    const created = { id: random.alnum(4).toLowerCase(), name: String(v.name ?? ''), color: typeof v.color === 'string' ? v.color : 'default', description: null };
    schema.options?.push(created);
    return created;
  };
  if (schema.type === 'select' || schema.type === 'status') return value === null ? null : option(value);
  if (schema.type === 'multi_select') return Array.isArray(value) ? value.map(option) : [];
  if (schema.type === 'date') return value === null ? null : { end: null, time_zone: null, ...(isRecord(value) ? value : {}) };
  return value;
}
