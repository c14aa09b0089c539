import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { SANDBOX_PROVIDERS } from '@onbehalf/sandbox';
import { builtInTools } from '../catalog/index.ts';
import { AuthorizationRequiredError, OnBehalfError } from '../errors.ts';
import type { OnBehalfEvents } from '../events.ts';
import { createAuditRepository, openDatabase } from '../store/index.ts';
import { describeEachDialect } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { defineTool } from './define-tool.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../test/support/tools-testbed.ts';

/**
 * ob.tools and ob.fetch end to end: real connections made through the sandbox's authorization
 * server (link → consent → callback), the tools' requests answered by its provider-shaped mock
 * APIs with a sandbox-issued token, on SQLite and PostgreSQL.
 */

const whoami = defineTool({
  name: 'github_whoami',
  provider: 'github',
  description: 'The GitHub login of the user.',
  input: z.object({ withName: z.boolean().default(false) }),
  async execute({ withName }, ctx) {
    const user = await ctx.request<{ login: string; name?: string }>('/user');
    return withName ? { login: user.login, name: user.name, connection: ctx.connection } : { login: user.login, connection: ctx.connection };
  },
});

const ALICE = 'user_alice';
const BOB = 'user_bob';

describeEachDialect('agent tools against the sandbox', (dialect) => {
  let t: ToolsTestbed;
  const events: Array<OnBehalfEvents['tool.executed']> = [];
  const errors: unknown[] = [];
  const run = async (identifier: string, tool: string, input: unknown = {}, connection?: string) => {
    try {
      return await t.ob.tools.execute<any>({ identifier, tool, input, ...(connection ? { connection } : {}) });
    } catch (error) {
      errors.push(error);
      throw error;
    }
  };

  beforeAll(async () => {
    t = await createToolsTestbed(dialect, { extraConnections: [{ provider: 'slack', name: 'WORK' }], extra: { tools: [whoami] } });
    t.ob.on('tool.executed', (e) => void events.push(e));
    for (const connection of ['gmail', 'google_calendar', 'slack', 'github', 'notion']) await t.connect(connection, ALICE, 'alice');
    await t.connect('gmail', BOB, 'bob');
  });
  afterAll(() => t?.close());

  it('lists the tools of every connection with unique names, a second Slack connection prefixed, custom tools included', async () => {
    const specs = await t.ob.tools.list();
    // Every sandbox connection's built-in tools (connected or not), the second Slack connection's
    // under its prefix, and the app's own tool.
    const slackTools = builtInTools.filter((tool) => tool.provider === 'slack').map((tool) => tool.name);
    const expected = [
      ...builtInTools.filter((tool) => (SANDBOX_PROVIDERS as readonly string[]).includes(tool.provider)).map((tool) => tool.name),
      ...slackTools.map((name) => `work_${name}`),
      'github_whoami',
    ];
    expect(specs.map((s) => s.name).sort()).toEqual(expected.sort());
    for (const spec of specs) {
      expect(spec.inputSchema.type, spec.name).toBe('object');
      expect(spec.inputSchema).not.toHaveProperty('$schema');
      expect(typeof spec.input.safeParse).toBe('function');
    }
    expect(specs.find((s) => s.name === 'work_slack_send_message')).toMatchObject({ provider: 'slack', connection: 'WORK', scopes: ['chat:write'] });
    expect((await t.ob.tools.list({ providers: ['slack'], connections: ['WORK'] })).map((s) => s.name)).toEqual(slackTools.map((name) => `work_${name}`));
    expect((await t.ob.tools.list({ tools: ['slack_send_message'] })).map((s) => `${s.connection}:${s.name}`)).toEqual(['slack:slack_send_message', 'WORK:work_slack_send_message']);
  });

  it('runs every built-in tool and returns compact data', async () => {
    const unread = await run(ALICE, 'gmail_fetch_mails', { query: 'is:unread', maxResults: 5 });
    const all = await run(ALICE, 'gmail_fetch_mails', { maxResults: 50 });
    const withAttachment = t.mocks.state.gmail.mailbox('alice').messages.find((m) => m.mime.attachments.length > 0 && m.labelIds.includes('INBOX'))!;
    const message = await run(ALICE, 'gmail_get_message', { id: withAttachment.id });
    const sent = await run(ALICE, 'gmail_send_email', { to: ['bob@example.com'], subject: 'Héllo — notes', body: 'Line one\nLine two' });
    const events = await run(ALICE, 'google_calendar_list_events', { maxResults: 5 });
    const created = await run(ALICE, 'google_calendar_create_event', { summary: 'Sync', start: '2031-01-01T10:00:00+01:00', end: '2031-01-01T10:30:00+01:00', attendees: ['bob@example.com'] });
    const channels = await run(ALICE, 'slack_list_channels', { limit: 5 });
    const posted = await run(ALICE, 'slack_send_message', { channel: '#general', text: 'Hello from the agent' });
    const repos = await run(ALICE, 'github_list_repos', { per_page: 5 });
    const owner = repos.data[0].fullName.split('/');
    const issue = await run(ALICE, 'github_create_issue', { owner: owner[0], repo: owner[1], title: 'From the agent', labels: ['bug'] });
    const issues = await run(ALICE, 'github_list_issues', { owner: owner[0], repo: owner[1], per_page: 3 });
    const found = await run(ALICE, 'notion_search', { filter: 'page', page_size: 3 });
    const page = await run(ALICE, 'notion_create_page', { page_id: found.data.results[0].id, title: 'Agent notes', content: 'One.\n\nTwo.' });

    expect(unread.data.length).toBeGreaterThan(0);
    expect(all.data.length).toBeLessThanOrEqual(50);
    expect(all.data[0]).toEqual({
      id: expect.any(String), threadId: expect.any(String), from: expect.any(String), to: expect.any(String), subject: expect.any(String),
      date: expect.any(String), snippet: expect.any(String), unread: expect.any(Boolean), labels: expect.any(Array),
    });
    expect(message.data).toMatchObject({ id: withAttachment.id, body: withAttachment.mime.text.trim(), attachments: [{ filename: withAttachment.mime.attachments[0]!.filename, mimeType: 'application/pdf' }] });
    expect(JSON.stringify(message.data)).not.toMatch(/Content-Transfer-Encoding|%PDF/);
    expect(t.mocks.state.gmail.sent.at(-1)).toMatchObject({ sub: 'alice', id: sent.data.id, to: ['bob@example.com'], subject: 'Héllo — notes', text: expect.stringContaining('Line one') });
    expect(events.data.length).toBeGreaterThan(0);
    expect(events.data.length).toBeLessThanOrEqual(5);
    expect(created.data).toMatchObject({ summary: 'Sync', start: '2031-01-01T10:00:00+01:00', attendees: [{ email: 'bob@example.com' }] });
    expect(channels.data.channels.length).toBeLessThanOrEqual(5);
    expect(t.mocks.state.slack.posted.at(-1)).toMatchObject({ sub: 'alice', channelName: 'general', text: 'Hello from the agent', ts: posted.data.ts });
    expect(issue.data).toMatchObject({ title: 'From the agent', state: 'open', labels: ['bug'], number: expect.any(Number) });
    expect(issues.data[0]).toMatchObject({ number: issue.data.number });
    expect(page.data).toEqual({ id: expect.any(String), url: expect.any(String), title: 'Agent notes' });
    for (const result of [unread, all, message, sent, events, created, channels, posted, repos, issue, issues, found, page]) {
      expect(result.executionId).toMatch(/^exe_/);
      expect(JSON.stringify(result.data).length).toBeLessThan(20_000);
    }
  });

  it('gmail_fetch_mails is:unread returns the unread mails of that user only', async () => {
    const expected = (sub: string) => t.mocks.state.gmail.mailbox(sub).messages
      .filter((m) => m.labelIds.includes('UNREAD') && !m.labelIds.includes('SPAM') && !m.labelIds.includes('TRASH'))
      .slice(0, 10).map((m) => m.id);
    const alice = await run(ALICE, 'gmail_fetch_mails', { query: 'is:unread' });
    const bob = await run(BOB, 'gmail_fetch_mails', { query: 'is:unread' });
    expect(alice.data.map((m: { id: string }) => m.id)).toEqual(expected('alice'));
    expect(bob.data.map((m: { id: string }) => m.id)).toEqual(expected('bob'));
    expect(alice.data.every((m: { unread: boolean }) => m.unread)).toBe(true);
    const aliceIds = new Set(alice.data.map((m: { id: string }) => m.id));
    expect(bob.data.some((m: { id: string }) => aliceIds.has(m.id))).toBe(false);
    expect(bob.data[0].to).toContain(t.mocks.state.gmail.mailbox('bob').user.email);
  });

  it('an unconnected identifier gets AuthorizationRequiredError with a working authorization link', async () => {
    const error = await run('user_carol', 'github_list_repos').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
    const required = error as AuthorizationRequiredError;
    expect(required.code).toBe('AUTHORIZATION_REQUIRED');
    expect(required.accountStatus).toBe('PENDING');
    expect(required.details).toMatchObject({ status: 'PENDING', connection: 'github', identifier: 'user_carol' });
    expect(required.authorizationLink).toMatch(/^http:\/\/app\.test\/onbehalf\/authorize\//);
    expect(required.message).not.toContain(required.authorizationLink!);
    expect(JSON.stringify(required)).not.toContain(required.authorizationLink!);
    expect((await t.ob.accounts.get({ connection: 'github', identifier: 'user_carol' })).status).toBe('PENDING');

    expect(await t.follow(required.authorizationLink!, 'carol')).toBe(200);
    expect((await t.ob.accounts.get({ connection: 'github', identifier: 'user_carol' })).status).toBe('ACTIVE');
    const repos = await run('user_carol', 'github_whoami');
    expect(repos.data.login).toBeTruthy();

    // A revoked account needs re-authorization too, and gets a fresh link.
    await t.ob.accounts.revoke({ connection: 'github', identifier: 'user_carol' });
    const again = (await run('user_carol', 'github_whoami').catch((e: unknown) => e)) as AuthorizationRequiredError;
    expect(again).toBeInstanceOf(AuthorizationRequiredError);
    expect(again.accountStatus).toBe('REVOKED');
    expect(again.authorizationLink).toBeDefined();
    expect(again.authorizationLink).not.toBe(required.authorizationLink);
  });

  it('refuses invalid input with the zod issues, and unknown tools', async () => {
    const error = await expectOnBehalfError(run(ALICE, 'gmail_fetch_mails', { maxResults: 500, query: 7 }), 'TOOL_INPUT_INVALID');
    expect(error.details.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: ['maxResults'], code: 'too_big' }),
      expect.objectContaining({ path: ['query'], code: 'invalid_type' }),
    ]));
    expect(error.message).toMatch(/^Invalid input for gmail_fetch_mails: /);
    await expectOnBehalfError(run(ALICE, 'gmail_send_email', { to: ['not-an-address'], subject: 's', body: 'b' }), 'TOOL_INPUT_INVALID');
    await expectOnBehalfError(run(ALICE, 'github_list_issues', { owner: '..', repo: 'x' }), 'TOOL_INPUT_INVALID');
    await expectOnBehalfError(run(ALICE, 'notion_create_page', { title: 'no parent' }), 'TOOL_INPUT_INVALID');
    await expectOnBehalfError(run(ALICE, 'gmail_delete_everything'), 'TOOL_NOT_FOUND');
    await expectOnBehalfError(run(ALICE, 'notion_search', {}, 'gmail'), 'TOOL_NOT_FOUND');
    // Input is validated before any account is touched.
    await expectOnBehalfError(t.ob.accounts.get({ connection: 'notion', identifier: 'user_nobody' }), 'ACCOUNT_NOT_FOUND');
    await expectOnBehalfError(run('user_nobody', 'notion_create_page', { title: '' }), 'TOOL_INPUT_INVALID');
    await expectOnBehalfError(t.ob.accounts.get({ connection: 'notion', identifier: 'user_nobody' }), 'ACCOUNT_NOT_FOUND');
  });

  it('picks the connection: a prefixed name, or the plain name with connection', async () => {
    for (const attempt of [() => run(ALICE, 'work_slack_send_message', { channel: '#general', text: 'x' }), () => run(ALICE, 'slack_send_message', { channel: '#general', text: 'x' }, 'WORK')]) {
      const error = (await attempt().catch((e: unknown) => e)) as AuthorizationRequiredError;
      expect(error).toBeInstanceOf(AuthorizationRequiredError);
      expect(error.details).toMatchObject({ connection: 'WORK' });
    }
  });

  it('maps provider errors to PROVIDER_API_ERROR with the provider\'s message, Slack\'s ok:false included', async () => {
    const slack = await expectOnBehalfError(run(ALICE, 'slack_send_message', { channel: '#does-not-exist', text: 'x' }), 'PROVIDER_API_ERROR');
    expect(slack.message).toBe('The Slack API answered 200 to POST /api/chat.postMessage: channel_not_found.');
    expect(slack.details).toMatchObject({ provider: 'slack', providerCode: 'channel_not_found' });
    const github = await expectOnBehalfError(run(ALICE, 'github_list_issues', { owner: 'nobody', repo: 'nothing' }), 'PROVIDER_API_ERROR');
    expect(github.message).toMatch(/^The GitHub API answered 404 to GET \/github\/repos\/nobody\/nothing\/issues: Not Found\.$/);
    expect(github.details).toMatchObject({ status: 404, provider: 'github' });
    const gmail = await expectOnBehalfError(run(ALICE, 'gmail_get_message', { id: 'ffffffffffffffff' }), 'PROVIDER_API_ERROR');
    expect(gmail.message).toMatch(/answered 404 .*: Requested entity was not found\. \(NOT_FOUND\)\.$/);
  });

  it('a 401 from the API makes exactly one refresh and a successful retry', async () => {
    const before = t.sandbox.countTokenRequests({ grantType: 'refresh_token' });
    const tokenBefore = (await t.ob.accounts.getAccessToken({ connection: 'github', identifier: ALICE })).accessToken;
    t.mocks.failNext('github', 401, 1);
    const result = await run(ALICE, 'github_whoami');
    expect(result.data.login).toBeTruthy();
    expect(t.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(before + 1);
    expect((await t.ob.accounts.getAccessToken({ connection: 'github', identifier: ALICE })).accessToken).not.toBe(tokenBefore);
    expect(t.mocks.requests.filter((r) => r.api === 'github').slice(-2).map((r) => r.status)).toEqual([401, 200]);
  });

  it('a 429 with Retry-After is waited out and retried', async () => {
    t.mocks.failNext('slack', 429, 1, { 'retry-after': '1' });
    const result = await run(ALICE, 'slack_list_channels', { limit: 2 });
    expect(result.data.channels).toHaveLength(2);
    expect(t.mocks.requests.filter((r) => r.api === 'slack').slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });

  it('a grant revoked at the provider ends in AuthorizationRequiredError (EXPIRED) with a link, a suspended account without one', async () => {
    await t.connect('github', 'user_dave', 'dave');
    t.sandbox.revokeGrants('dave');
    // 401 from the API → refresh → invalid_grant → EXPIRED: the person must connect again.
    const error = (await run('user_dave', 'github_whoami').catch((e: unknown) => e)) as AuthorizationRequiredError;
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
    expect(error.accountStatus).toBe('EXPIRED');
    expect(error.authorizationLink).toMatch(/\/authorize\//);

    await t.ob.accounts.suspend({ connection: 'github', identifier: 'user_dave' });
    const suspended = (await run('user_dave', 'github_whoami').catch((e: unknown) => e)) as AuthorizationRequiredError;
    expect(suspended).toBeInstanceOf(AuthorizationRequiredError);
    expect(suspended.accountStatus).toBe('SUSPENDED');
    expect(suspended.authorizationLink).toBeUndefined();
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    await expect(t.ob.tools.execute({ identifier: ALICE, tool: 'github_whoami', input: {}, signal: controller.signal })).rejects.toThrow('user left');
    expect(events.at(-1)).toMatchObject({ tool: 'github_whoami', outcome: 'error', errorCode: 'ABORTED' });
  });

  it('runs a custom tool exactly like a built-in one', async () => {
    const result = await run(ALICE, 'github_whoami', { withName: true });
    expect(result.data).toMatchObject({ login: expect.any(String), connection: 'github' });
    expect(events.at(-1)).toMatchObject({ tool: 'github_whoami', outcome: 'success', executionId: result.executionId });
  });

  it('ob.fetch sends authenticated requests on the API origin only', async () => {
    const response = await t.ob.fetch({ connection: 'github', identifier: ALICE }, '/user');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ login: expect.any(String) });
    const base = (await t.ob.connections.get('github')).endpoints.apiBaseUrl!;
    expect((await t.ob.fetch({ connection: 'github', identifier: ALICE }, `${base}/user/repos?per_page=1`)).status).toBe(200);
    // Non-2xx answers are the app's to read.
    expect((await t.ob.fetch({ connection: 'github', identifier: ALICE }, '/repos/nobody/nothing')).status).toBe(404);
    const refused = await expectOnBehalfError(t.ob.fetch({ connection: 'github', identifier: ALICE }, 'https://evil.example/user'), 'INVALID_INPUT');
    expect(refused.message).toMatch(/Refusing to send GitHub credentials to https:\/\/evil\.example/);
    await expectOnBehalfError(t.ob.fetch({ connection: 'github', identifier: 'user_nobody' }, '/user'), 'ACCOUNT_NOT_FOUND');
  });

  it('records an audit row and an event per execution, with no payload and no secret', async () => {
    const store = openDatabase(t.database.url);
    // Tool audit rows are written in batches behind the call (see audit-writer): wait for them.
    let rows = await createAuditRepository(store.db).list({ type: 'tool.executed', limit: 1000 });
    for (let i = 0; i < 100 && rows.length < events.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await createAuditRepository(store.db).list({ type: 'tool.executed', limit: 1000 });
    }
    await store.destroy();
    expect(rows.length).toBe(events.length);
    expect(new Set(rows.map((r) => JSON.parse(r.data).executionId))).toEqual(new Set(events.map((e) => e.executionId)));
    const success = events.find((e) => e.tool === 'gmail_send_email')!;
    expect(success).toEqual({ executionId: expect.stringMatching(/^exe_/), tool: 'gmail_send_email', connection: 'gmail', identifier: ALICE, durationMs: expect.any(Number), outcome: 'success' });
    const row = rows.find((r) => JSON.parse(r.data).executionId === success.executionId)!;
    expect(row).toMatchObject({ type: 'tool.executed', connection_name: 'gmail', identifier: ALICE, account_id: expect.stringMatching(/^acc_/) });
    expect(Object.keys(JSON.parse(row.data)).sort()).toEqual(['durationMs', 'executionId', 'outcome', 'tool']);
    expect(events.filter((e) => e.outcome === 'error').map((e) => e.errorCode)).toEqual(expect.arrayContaining(['AUTHORIZATION_REQUIRED', 'TOOL_INPUT_INVALID', 'PROVIDER_API_ERROR']));

    // No payload (mail subjects and bodies, message texts) and no credential anywhere.
    const secrets: string[] = [];
    for (const [connection, identifier] of [['gmail', ALICE], ['gmail', BOB], ['google_calendar', ALICE], ['slack', ALICE], ['github', ALICE], ['notion', ALICE]] as const) {
      const credentials = await t.ob.accounts.getCredentials({ connection, identifier });
      if (credentials.type === 'oauth2') secrets.push(credentials.accessToken, ...(credentials.refreshToken ? [credentials.refreshToken] : []));
    }
    const seen = JSON.stringify({ rows, events, log: t.recorder.lines, errors: errors.map((e) => (e instanceof OnBehalfError ? { json: e, message: e.message } : String(e))) });
    for (const secret of [...secrets, 'Héllo — notes', 'Hello from the agent', 'Line one']) expect(seen).not.toContain(secret);
  });
});
