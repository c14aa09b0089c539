import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createMockApis, sandboxDiscordWebhook } from '@onbehalf/sandbox';
import { createSpecChecker, notionBody, type CreatePageParameters, type SearchParameters } from '@onbehalf/spec-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../providers/index.ts';
import { runTool } from '../../test/support/run-tool.ts';
import { createOAuth1RequestSigner, type OAuth1RequestSigner } from '../oauth1/index.ts';
import { builtInProviders, builtInTools } from './index.ts';
import { NOTION_API_VERSION as NOTION_TOOLS_VERSION, notionAppendBody, notionCreatePageBody, notionQueryBody, notionSearchBody } from './notion/index.ts';

/**
 * Every built-in tool runs against the sandbox's provider-shaped mocks while a recorder captures
 * the exact requests it sends (method, URL, content type, body). Each URL is rebuilt on the
 * provider's real base URL and checked against the official API description in shared/specs:
 * the operation exists for that method and path, every query parameter and body field is
 * documented, required ones are there, enums and types hold. Notion has no description file: its
 * bodies are also pinned to literals that `tsc` checks against `@notionhq/client`'s types.
 */

/** Each provider's official description, bound by its `fixtures/api-description.json`. */
const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('.', import.meta.url)) });
/** Where each provider's real base URL lives on the mock server. */
const MOCK_PATH: Record<string, string> = { gmail: '', google_calendar: '', google_drive: '', slack: '/slack/api', discord: '/discord/api/v10', github: '/github', figma: '/figma', notion: '/notion', trello: '/trello/1' };
/** The tools of the providers the sandbox mocks; the others run in the replay suite only. */
const mockedTools = builtInTools.filter((t) => t.provider in MOCK_PATH);

interface Recorded {
  tool: string;
  provider: Provider;
  method: string;
  realUrl: string;
  contentType: string | undefined;
  body: unknown;
  headers: Headers;
}

describe('built-in tools send requests the official API descriptions accept', () => {
  let server: Server;
  let origin: string;
  const mocks = createMockApis({ verifyAccessToken: async (token) => (token === 'tok-alice' ? { sub: 'alice', clientId: 'spec-test', scopes: [] } : undefined) });
  const recorded: Recorded[] = [];
  const ran = new Set<string>();

  beforeAll(async () => {
    server = createServer((req, res) => void mocks.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs a built-in tool the way ob.tools.execute does (parse, context, authenticated fetch), recording its requests. */
  async function run<T = any>(name: string, input: unknown, auth: { sign?: OAuth1RequestSigner; values?: Record<string, string>; extraTokens?: Record<string, string> } = {}): Promise<T> {
    const tool = builtInTools.find((t) => t.name === name);
    if (!tool) throw new Error(`no built-in tool ${name}`);
    const provider = builtInProviders.find((p) => p.id === tool.provider)!;
    const mockBase = `${origin}${MOCK_PATH[provider.id]}`;
    const recorder: typeof fetch = async (target, init) => {
      const url = String(target);
      expect(url.startsWith(mockBase)).toBe(true);
      const headers = new Headers(init?.headers);
      const text = typeof init?.body === 'string' ? init.body : undefined;
      recorded.push({
        tool: name, provider, method: init?.method ?? 'GET', realUrl: `${provider.api.baseUrl}${url.slice(mockBase.length)}`,
        contentType: headers.get('content-type') ?? undefined, body: text === undefined ? undefined : /json/i.test(headers.get('content-type') ?? '') ? JSON.parse(text) : text, headers,
      });
      return fetch(target, init);
    };
    const data = await runTool({ tool, provider, baseUrl: mockBase, input, accessToken: 'tok-alice', fetch: recorder, ...auth });
    ran.add(name);
    return data as T;
  }

  it('Gmail: list + metadata reads, a full read, and a send', async () => {
    const mails = await run<Array<{ id: string }>>('gmail_fetch_mails', { query: 'is:unread newer_than:30d', maxResults: 3 });
    expect(mails.length).toBeGreaterThan(0);
    await run('gmail_fetch_mails', {});
    await run('gmail_get_message', { id: mails[0]!.id });
    await run('gmail_send_email', { to: ['bob@example.com'], cc: ['carol@example.com'], bcc: ['dave@example.com'], subject: 'Notes — draft', body: 'Hello Bob,\nsee below.' });
    const reply = await run<{ threadId: string; to: string[] }>('gmail_reply', { messageId: mails[0]!.id, body: 'Thanks, noted.' });
    expect(reply.threadId).toBe((mails[0] as { threadId?: string }).threadId);
    await run('gmail_reply', { messageId: mails[0]!.id, body: 'Adding everyone.', replyAll: true, cc: ['erin@example.com'] });
    const labels = await run<Array<{ id: string; name: string; type: string }>>('gmail_list_labels', {});
    const own = labels.find((l) => l.type === 'user')!;
    await run('gmail_list_labels', { userLabelsOnly: true });
    const archived = await run<{ labels: string[] }>('gmail_modify_labels', { messageId: mails[0]!.id, archive: true, read: true, addLabels: [own.name] });
    expect(archived.labels).toContain(own.id);
    expect(archived.labels).not.toContain('INBOX');
    await run('gmail_modify_labels', { threadId: (mails[0] as { threadId?: string }).threadId, starred: true, removeLabels: [own.id] });
  });

  it('Calendar: listing with and without a window, timed and all-day inserts', async () => {
    await run('google_calendar_list_events', {});
    await run('google_calendar_list_events', { calendarId: 'primary', timeMin: '2025-03-12T00:00:00Z', timeMax: '2035-03-19T00:00:00+01:00', maxResults: 5, q: 'standup' });
    await run('google_calendar_create_event', {
      summary: 'Sync', description: 'Agenda', location: 'Room 1', start: '2030-01-01T10:00:00+01:00', end: '2030-01-01T10:30:00+01:00', attendees: ['bob@example.com'],
    });
    await run('google_calendar_create_event', { summary: 'Offsite', start: '2030-02-01', end: '2030-02-03' });
    await run('google_calendar_create_event', { summary: 'Local', start: '2030-02-01T09:00:00', end: '2030-02-01T10:00:00', timeZone: 'Europe/Berlin' });
    const event = await run<{ id: string }>('google_calendar_create_event', { summary: 'To change', start: '2030-03-01T10:00:00+01:00', end: '2030-03-01T11:00:00+01:00' });
    const moved = await run<{ start: string; summary: string }>('google_calendar_update_event', { eventId: event.id, summary: 'Changed', start: '2030-03-02', end: '2030-03-03' });
    expect(moved).toMatchObject({ summary: 'Changed', start: '2030-03-02', allDay: true });
    await run('google_calendar_update_event', { eventId: event.id, start: '2030-03-02T09:00:00', end: '2030-03-02T09:30:00', timeZone: 'Europe/Berlin', attendees: ['bob@example.com'], location: '', notifyAttendees: true });
    const free = await run<{ calendars: Array<{ calendar: string }>; freeSlots: unknown[] }>('google_calendar_free_busy', { timeMin: '2030-03-02T00:00:00+01:00', timeMax: '2030-03-03T00:00:00+01:00', calendars: ['primary', 'stranger@nowhere.test'], minimumMinutes: 60 });
    expect(free.calendars.map((c) => c.calendar)).toEqual(['primary', 'stranger@nowhere.test']);
    expect(free.freeSlots.length).toBeGreaterThan(0);
    expect(await run('google_calendar_delete_event', { eventId: event.id, notifyAttendees: true })).toEqual({ deleted: true, eventId: event.id, calendarId: 'primary' });
  });

  it('Drive: search, metadata, text exports and downloads, folder and multipart creation', async () => {
    const sheets = await run<{ files: Array<{ id: string }> }>('google_drive_search_files', { type: 'spreadsheet', pageSize: 5 });
    expect(sheets.files.length).toBeGreaterThan(0);
    const docs = await run<{ files: Array<{ id: string; name: string }> }>('google_drive_search_files', { text: 'planning', type: 'document' });
    await run('google_drive_search_files', { name: 'todo', modifiedAfter: '2020-01-01T00:00:00Z', includeTrashed: true });
    await run('google_drive_get_file', { fileId: docs.files[0]!.id });
    const doc = await run<{ text: string }>('google_drive_read_file', { fileId: docs.files[0]!.id });
    expect(doc.text).toContain('Q3 planning notes');
    const sheet = await run<{ text: string }>('google_drive_read_file', { fileId: sheets.files[0]!.id });
    expect(sheet.text.split('\n')[0]).toContain(',');
    const todo = await run<{ files: Array<{ id: string }> }>('google_drive_search_files', { name: 'todo.md' });
    await run('google_drive_read_file', { fileId: todo.files[0]!.id });
    const folder = await run<{ id: string }>('google_drive_create_file', { name: 'Agent folder', kind: 'folder' });
    const created = await run<{ id: string }>('google_drive_create_file', { name: 'Agent notes', kind: 'document', content: 'Hello from the agent', folderId: folder.id });
    expect((await run<{ text: string }>('google_drive_read_file', { fileId: created.id })).text).toBe('Hello from the agent');
    await run('google_drive_create_file', { name: 'rows.csv', kind: 'csv', content: 'a,b\n1,2' });
  });

  it('Slack: chat.postMessage as JSON (in a thread too), conversations.list/history, search.messages and users.info as GET, reactions.add as JSON', async () => {
    const sent = await run<{ channel: string; ts: string }>('slack_send_message', { channel: '#general', text: 'Hello from the agent' });
    await run('slack_send_message', { channel: '#general', text: 'A reply', thread_ts: sent.ts });
    const page = await run<{ nextCursor?: string }>('slack_list_channels', { limit: 2, types: ['public_channel', 'private_channel'], excludeArchived: false });
    await run('slack_list_channels', { cursor: page.nextCursor });
    const history = await run<{ messages: Array<{ ts: string; user: string }>; nextCursor?: string }>('slack_get_channel_history', { channel: sent.channel, limit: 2 });
    expect(history.messages[0]).toMatchObject({ ts: sent.ts });
    await run('slack_get_channel_history', { channel: sent.channel, cursor: history.nextCursor, oldest: '1000000000.000000' });
    const found = await run<{ total: number }>('slack_search_messages', { query: 'hello from the agent', sort: 'timestamp' });
    expect(found.total).toBeGreaterThan(0);
    await run('slack_add_reaction', { channel: sent.channel, timestamp: sent.ts, name: ':eyes:' });
    const user = await run<{ id: string }>('slack_get_user', { user: history.messages[1]!.user });
    expect(user.id).toBe(history.messages[1]!.user);
  });

  it('Discord: the user, servers with paging and counts, a membership, and a post through the incoming webhook', async () => {
    const me = await run<{ username: string }>('discord_get_my_user', {});
    expect(me.username).toBe('alice');
    const page = await run<{ guilds: Array<{ id: string }>; nextAfter?: string }>('discord_list_my_guilds', { limit: 2, withCounts: true });
    await run('discord_list_my_guilds', { after: page.nextAfter });
    await run('discord_get_my_guild_member', { guildId: page.guilds[0]!.id });
    // The webhook the sandbox hands alice at consent, as the account would hold it.
    const webhook = sandboxDiscordWebhook('alice');
    const posted = await run<{ channelId: string }>('discord_post_webhook_message', { content: 'Deploy done', username: 'Agent' }, { values: { webhookId: webhook.id }, extraTokens: { webhook: webhook.token } });
    expect(posted.channelId).toBe(webhook.channelId);
  });

  it('GitHub: repos, issues, file contents, pull requests, comments and search', async () => {
    await run('github_list_repos', {});
    await run('github_list_repos', { visibility: 'all', affiliation: ['owner', 'collaborator'], sort: 'full_name', direction: 'asc', per_page: 5, page: 1 });
    await run('github_list_issues', { owner: 'acme', repo: 'platform', state: 'all', labels: ['bug'], per_page: 5, page: 1 });
    await run('github_create_issue', { owner: 'acme', repo: 'platform', title: 'From the agent', body: 'Details', labels: ['bug'], assignees: ['alice'] });
    // Top-level paths only: the description writes {path} as one segment (GitHub takes nested ones with real slashes).
    const readme = await run<{ content: string }>('github_get_file_contents', { owner: 'acme', repo: 'platform', path: 'README.md', ref: 'main' });
    expect(readme.content).toContain('# platform');
    const docs = await run<{ entries: unknown[] }>('github_get_file_contents', { owner: 'acme', repo: 'platform', path: 'docs' });
    expect(docs.entries.length).toBeGreaterThan(0);
    await run('github_list_pull_requests', { owner: 'acme', repo: 'platform', state: 'all', base: 'main', head: 'acme:revert-gateway-timeout', sort: 'updated', direction: 'desc', per_page: 5, page: 1 });
    const pr = await run<{ number: number }>('github_create_pull_request', { owner: 'alice', repo: 'notes-app', title: 'Export to PDF', head: 'feat/pdf', base: 'main', body: 'Closes #3', draft: true, maintainer_can_modify: true });
    await run('github_comment_on_issue', { owner: 'alice', repo: 'notes-app', issue_number: pr.number, body: 'Ready for review.' });
    await run('github_search_issues', { q: 'org:acme is:open label:bug gateway', sort: 'updated', order: 'desc', per_page: 5, page: 1 });
    await run('github_search_code', { q: 'createClient repo:alice/notes-app', per_page: 5, page: 1 });
  });

  it('Figma: a team\'s projects and files, a file\'s structure, comments listed and posted', async () => {
    const teamId = mocks.state.figma.world('alice').team.id;
    const { projects } = await run<{ projects: Array<{ id: string }> }>('figma_list_team_projects', { team_id: teamId });
    const { files } = await run<{ files: Array<{ key: string }> }>('figma_list_project_files', { project_id: projects[0]!.id, limit: 10 });
    const file = await run<{ pages: Array<{ children?: Array<{ id: string }> }> }>('figma_get_file', { file_key: files[0]!.key, depth: 2, maxNodes: 50 });
    const frame = file.pages.flatMap((p) => p.children ?? [])[0]!;
    const { comments } = await run<{ comments: Array<{ id: string; parentId?: string }> }>('figma_list_comments', { file_key: files[0]!.key });
    await run('figma_post_comment', { file_key: files[0]!.key, message: 'Pinned by the agent', node_id: frame.id });
    await run('figma_post_comment', { file_key: files[0]!.key, message: 'A reply', reply_to: comments.find((c) => !c.parentId)!.id });
  });

  it('Notion: search, page creation, page text, data source query, block appends and comments', async () => {
    const pages = await run<{ results: Array<{ id: string }> }>('notion_search', { query: '', filter: 'page', page_size: 5 });
    const databases = await run<{ results: Array<{ id: string }> }>('notion_search', { filter: 'database' });
    await run('notion_create_page', { page_id: pages.results[0]!.id, title: 'Agent notes', content: 'First paragraph.\n\nSecond one.' });
    await run('notion_create_page', { database_id: databases.results[0]!.id, title: 'Ship it' });
    await run('notion_get_page_text', { page_id: pages.results[0]!.id });
    const rows = await run<{ rows: Array<{ id: string }> }>('notion_query_database', { database_id: databases.results[0]!.id, filter: { property: 'Status', select: { equals: 'Done' } }, sorts: [{ property: 'Due', direction: 'descending' }], page_size: 5 });
    expect(rows.rows.length).toBeGreaterThan(0);
    const appended = await run<{ blockIds: string[] }>('notion_append_blocks', { page_id: pages.results[0]!.id, content: '## Agent notes\n- first\n[ ] follow up' });
    await run('notion_append_blocks', { page_id: pages.results[0]!.id, content: 'After the heading', after_block_id: appended.blockIds[0] });
    const comment = await run<{ discussionId: string }>('notion_add_comment', { page_id: pages.results[0]!.id, text: 'Done by the agent' });
    await run('notion_add_comment', { discussion_id: comment.discussionId, text: 'Reply' });
    for (const r of recorded.filter((r) => r.provider.id === 'notion')) expect(r.headers.get('notion-version')).toBe(NOTION_TOOLS_VERSION);
  });

  it('Trello: boards with their lists, cards of a list and of a board, create, move and comment, each request OAuth 1.0a-signed', async () => {
    const consumer = { key: 'c0ffee'.padEnd(32, '0'), secret: 'trello-consumer-secret' };
    mocks.state.trello.oauth.addConsumer(consumer.key, consumer.secret);
    const sign = createOAuth1RequestSigner(consumer, mocks.state.trello.oauth.issueAccessToken({ consumerKey: consumer.key, member: 'alice' }));
    type Boards = { boards: Array<{ id: string; lists: Array<{ id: string; name: string }> }> };
    const { boards } = await run<Boards>('trello_list_boards', {}, { sign });
    await run('trello_list_boards', { filter: 'starred', limit: 1 }, { sign });
    const todo = boards[0]!.lists.find((l) => l.name === 'To Do')!;
    const done = boards[0]!.lists.find((l) => l.name === 'Done')!;
    const { cards } = await run<{ cards: Array<{ id: string }> }>('trello_list_cards', { listId: todo.id }, { sign });
    expect(cards.length).toBeGreaterThan(0);
    await run('trello_list_cards', { boardId: boards[0]!.id, limit: 2 }, { sign });
    const created = await run<{ id: string; listId: string }>('trello_create_card', { listId: todo.id, name: 'From the agent', desc: 'Details', due: '2030-01-01T10:00:00+01:00', pos: 'top' }, { sign });
    expect(created.listId).toBe(todo.id);
    expect(await run('trello_move_card', { cardId: created.id, listId: done.id, pos: 'bottom' }, { sign })).toMatchObject({ id: created.id, listId: done.id });
    await run('trello_comment_on_card', { cardId: created.id, text: 'Shipped, see the release notes.' }, { sign });
    expect(mocks.state.trello.createdCards.map((c) => c.name)).toContain('From the agent');
    for (const r of recorded.filter((r) => r.provider.id === 'trello')) expect(r.headers.get('authorization')).toMatch(/^OAuth oauth_consumer_key="c0ffee0+", oauth_nonce="/);
  });

  it('every request matches its operation in the official description', () => {
    expect([...ran].sort()).toEqual(mockedTools.map((t) => t.name).sort());
    expect(recorded.length).toBeGreaterThan(mockedTools.length);
    for (const r of recorded) {
      const result = specs.check(r.provider.id, { method: r.method, url: r.realUrl, body: r.body, ...(r.contentType ? { contentType: r.contentType } : {}) });
      expect({ tool: r.tool, method: r.method, url: r.realUrl, ...result }).toMatchObject({ tool: r.tool, ok: true, problems: [] });
    }
    const operations = new Set(recorded.map((r) => specs.check(r.provider.id, { method: r.method, url: r.realUrl, body: r.body }).operation));
    expect([...operations].sort()).toEqual([
      'appendBlockChildren', 'calendar.events.delete', 'calendar.events.insert', 'calendar.events.list', 'calendar.events.patch',
      'calendar.freebusy.query', 'chat_postMessage', 'conversations_history', 'conversations_list', 'createComment', 'createPage', 'drive.files.create', 'drive.files.export',
      'drive.files.get', 'drive.files.list', 'execute_webhook', 'get-boards-id-cards', 'get-lists-id-cards', 'get-members-id-boards', 'get-members=id', 'getComments',
      'getDatabase', 'getFile', 'getPage', 'getPageMarkdown', 'getProjectFiles', 'getTeamProjects', 'get_my_guild_member', 'get_my_user', 'gmail.users.getProfile', 'gmail.users.labels.list', 'gmail.users.messages.get',
      'gmail.users.messages.list', 'gmail.users.messages.modify', 'gmail.users.messages.send', 'gmail.users.threads.modify', 'issues/create', 'issues/create-comment', 'issues/list-for-repo', 'list_my_guilds', 'post-cards',
      'post-cards-id-actions-comments', 'postComment', 'pulls/create', 'pulls/list', 'put-cards-id', 'queryDataSource', 'reactions_add', 'repos/get-content',
      'repos/list-for-authenticated-user', 'search', 'search/code', 'search/issues-and-pull-requests', 'search_messages', 'users_info',
    ]);
  });

  it('Notion bodies are what @notionhq/client types accept (checked by tsc)', () => {
    // `satisfies` on fresh literals: tsc rejects unknown fields and wrong values at any depth.
    const searchDatabases = { filter: { property: 'object', value: 'data_source' }, page_size: 10 } satisfies SearchParameters;
    const searchPages = { query: 'roadmap', filter: { property: 'object', value: 'page' }, page_size: 5, start_cursor: 'abc' } satisfies SearchParameters;
    const underPage = {
      parent: { page_id: '9b1c3d2e-0f4a-4b5c-8d6e-7f8091a2b3c4' },
      properties: { title: { title: [{ type: 'text', text: { content: 'Agent notes' } }] } },
      children: [
        { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'First paragraph.' } }] } },
        { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Second one.' } }] } },
      ],
    } satisfies CreatePageParameters;
    const inDatabase = {
      parent: { database_id: '0c8e4a7b-1d2f-4e3a-9b5c-6d7e8f9a0b1c' },
      properties: { title: { title: [{ type: 'text', text: { content: 'Ship it' } }] } },
    } satisfies CreatePageParameters;

    // The builders the tools use produce exactly those bodies…
    expect(notionSearchBody({ filter: 'database', page_size: 10 })).toEqual(searchDatabases);
    expect(notionSearchBody({ query: ' roadmap ', filter: 'page', page_size: 5, start_cursor: 'abc' })).toEqual(searchPages);
    expect(notionCreatePageBody({ page_id: underPage.parent.page_id, title: 'Agent notes', content: 'First paragraph.\n\nSecond one.' })).toEqual(underPage);
    expect(notionCreatePageBody({ database_id: inDatabase.parent.database_id, title: 'Ship it' })).toEqual(inDatabase);
    // …and their declared return types are assignable to the SDK's parameter types.
    const typedSearch: SearchParameters = notionSearchBody({ page_size: 1 });
    const typedPage: CreatePageParameters = notionCreatePageBody({ page_id: 'x', title: 't' });
    expect([typedSearch, typedPage].length).toBe(2);

    // The append and query builders, typed against the SDK's parameters for those operations.
    const append = notionBody('blocks.children.append', notionAppendBody({ content: '# Title\n- item\n[x] done\n1. one\ntext', after_block_id: 'b1' }));
    expect(append).toEqual({
      children: [
        { object: 'block', type: 'heading_1', heading_1: { rich_text: [{ type: 'text', text: { content: 'Title' } }] } },
        { object: 'block', type: 'bulleted_list_item', bulleted_list_item: { rich_text: [{ type: 'text', text: { content: 'item' } }] } },
        { object: 'block', type: 'to_do', to_do: { rich_text: [{ type: 'text', text: { content: 'done' } }], checked: true } },
        { object: 'block', type: 'numbered_list_item', numbered_list_item: { rich_text: [{ type: 'text', text: { content: 'one' } }] } },
        { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'text' } }] } },
      ],
      position: { type: 'after_block', after_block: { id: 'b1' } },
    });
    // The filter is the model's own Notion filter object, passed through: the rest is typed here.
    const { filter: _modelFilter, ...typedQuery } = notionQueryBody({ sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }, { property: 'Due', direction: 'ascending' }], page_size: 5 });
    const query = notionBody('dataSources.query', typedQuery);
    expect(query).toEqual({ sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }, { property: 'Due', direction: 'ascending' }], page_size: 5, result_type: 'page' });

    // …and what the tools actually sent is one of those shapes.
    const sent = recorded.filter((r) => r.provider.id === 'notion').map((r) => r.body as Record<string, any>);
    expect(sent).toContainEqual(expect.objectContaining({ filter: { property: 'object', value: 'data_source' } }));
    expect(sent).toContainEqual(expect.objectContaining({ parent: { page_id: expect.any(String) }, properties: underPage.properties, children: underPage.children }));
    expect(sent).toContainEqual({ parent: { database_id: expect.any(String) }, properties: inDatabase.properties });
  });
});
