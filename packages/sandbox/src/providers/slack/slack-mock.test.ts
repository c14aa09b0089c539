import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('Slack mock', () => {
  let s: Server;
  let ids: Record<string, string> = {};
  const id = (name: string): string => ids[name] ?? 'missing';
  beforeAll(async () => {
    s = await startTestMockServer();
    const all = await s.call('GET', '/slack/api/conversations.list?types=public_channel,private_channel');
    ids = Object.fromEntries(all.json.channels.map((c: { name: string; id: string }) => [c.name, c.id])) as Record<string, string>;
  });
  afterAll(() => s.close());

  it('auth.test identifies the user and team', async () => {
    const r = await s.call('GET', '/slack/api/auth.test');
    expect(r.json).toEqual({ ok: true, url: 'https://acme.slack.com/', team: 'Acme Inc', user: 'alice', team_id: expect.stringMatching(/^T/), user_id: expect.stringMatching(/^U/), is_enterprise_install: false });
  });

  it('answers not_authed and invalid_auth with HTTP 200', async () => {
    const missing = await s.call('POST', '/slack/api/chat.postMessage', { token: null, body: { channel: 'general', text: 'x' } });
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({ ok: false, error: 'not_authed' });
    const invalid = await s.call('GET', '/slack/api/auth.test', { token: 'xoxp-wrong' });
    expect(invalid.status).toBe(200);
    expect(invalid.json).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('lists public channels by default with the documented conversation fields', async () => {
    const r = await s.call('GET', '/slack/api/conversations.list');
    expect(r.json.ok).toBe(true);
    expect(r.json.response_metadata).toEqual({ next_cursor: '' });
    const names = r.json.channels.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['general', 'random', 'engineering']));
    expect(names).not.toContain('leadership');
    for (const c of r.json.channels) {
      expect(c).toMatchObject({
        id: expect.stringMatching(/^C[A-Z0-9]{8,}$/), name: expect.any(String), is_channel: true, is_private: false,
        is_archived: expect.any(Boolean), is_member: expect.any(Boolean), num_members: expect.any(Number),
        topic: { value: expect.any(String), creator: expect.any(String), last_set: expect.any(Number) },
        purpose: { value: expect.any(String), creator: expect.any(String), last_set: expect.any(Number) },
        created: expect.any(Number), is_general: c.name === 'general',
      });
    }
  });

  it('filters by types and exclude_archived, and paginates with cursors', async () => {
    const priv = await s.call('POST', '/slack/api/conversations.list', { form: { types: 'private_channel' } });
    expect(priv.json.channels.map((c: { name: string }) => c.name)).toEqual(['leadership']);
    expect(priv.json.channels[0]).toMatchObject({ is_private: true, is_channel: false, is_group: true });
    const active = await s.call('GET', '/slack/api/conversations.list?exclude_archived=true');
    expect(active.json.channels.map((c: { name: string }) => c.name)).not.toContain('old-project');
    const first = await s.call('GET', '/slack/api/conversations.list?limit=2');
    expect(first.json.channels).toHaveLength(2);
    const cursor = first.json.response_metadata.next_cursor;
    expect(cursor).not.toBe('');
    const second = await s.call('GET', `/slack/api/conversations.list?limit=2&cursor=${encodeURIComponent(cursor)}`);
    expect(second.json.channels[0].id).not.toBe(first.json.channels[0].id);
    expect((await s.call('GET', '/slack/api/conversations.list?cursor=bogus')).json).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('posts with a JSON body, by channel name or id, and the message shows in history', async () => {
    const r = await s.call('POST', '/slack/api/chat.postMessage', { body: { channel: '#engineering', text: 'Deploy done :rocket:' } });
    expect(r.json).toEqual({
      ok: true, channel: id('engineering'), ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: { type: 'message', user: expect.stringMatching(/^U/), text: 'Deploy done :rocket:', ts: r.json.ts, team: expect.stringMatching(/^T/), app_id: expect.any(String) },
    });
    const history = await s.call('GET', `/slack/api/conversations.history?channel=${id('engineering')}&limit=2`);
    expect(history.json).toMatchObject({ ok: true, has_more: true, response_metadata: { next_cursor: expect.any(String) } });
    expect(history.json.messages[0]).toMatchObject({ type: 'message', text: 'Deploy done :rocket:', ts: r.json.ts });
    expect(Number(history.json.messages[0].ts)).toBeGreaterThan(Number(history.json.messages[1].ts));
    expect(s.mock.state.slack.posted.at(-1)).toMatchObject({ sub: 'alice', channel: id('engineering'), channelName: 'engineering', text: 'Deploy done :rocket:' });
  });

  it('posts form-encoded with the token as a form field, blocks as a JSON string, and threads replies', async () => {
    const parent = await s.call('POST', '/slack/api/chat.postMessage', { token: null, form: { token: 'tok-alice', channel: id('general'), text: 'Parent' } });
    expect(parent.json.ok).toBe(true);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Reply*' } }];
    const reply = await s.call('POST', '/slack/api/chat.postMessage', { form: { channel: id('general'), text: 'Reply', blocks: JSON.stringify(blocks), thread_ts: parent.json.ts } });
    expect(reply.json.message).toMatchObject({ thread_ts: parent.json.ts, blocks });
    const history = await s.call('GET', `/slack/api/conversations.history?channel=${id('general')}&limit=1`);
    expect(history.json.messages[0]).toMatchObject({ ts: parent.json.ts, thread_ts: parent.json.ts, reply_count: 1 });
  });

  it('reports Slack errors for bad channels and missing text', async () => {
    const post = (body: Record<string, unknown>) => s.call('POST', '/slack/api/chat.postMessage', { body });
    expect((await post({ channel: 'C000NOPE', text: 'x' })).json).toEqual({ ok: false, error: 'channel_not_found' });
    expect((await post({ text: 'x' })).json).toEqual({ ok: false, error: 'channel_not_found' });
    expect((await post({ channel: 'general' })).json).toEqual({ ok: false, error: 'no_text' });
    expect((await post({ channel: 'old-project', text: 'x' })).json).toEqual({ ok: false, error: 'is_archived' });
    expect((await post({ channel: 'design', text: 'x' })).json).toEqual({ ok: false, error: 'not_in_channel' });
    expect((await post({ channel: 'general', blocks: [{ nope: 1 }] })).json).toEqual({ ok: false, error: 'invalid_blocks' });
    const unknown = await s.call('POST', '/slack/api/chat.nope', { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('searches visible messages with in: and from:, newest first when asked, with permalinks', async () => {
    const r = await s.call('GET', '/slack/api/search.messages?query=gateway%20timeout&count=5');
    expect(r.json).toMatchObject({ ok: true, query: 'gateway timeout', messages: { total: 2, paging: { count: 5, page: 1, pages: 1, total: 2 } } });
    for (const m of r.json.messages.matches) {
      expect(m).toMatchObject({ type: 'message', channel: { id: id('engineering'), name: 'engineering' }, ts: expect.stringMatching(/^\d+\.\d{6}$/), permalink: expect.stringContaining(`/archives/${id('engineering')}/p`) });
      expect(m.text.toLowerCase()).toContain('gateway');
    }
    const narrowed = await s.call('GET', `/slack/api/search.messages?query=${encodeURIComponent('in:#general wifi')}`);
    expect(narrowed.json.messages.matches.map((m: { channel: { name: string } }) => m.channel.name)).toEqual(['general']);
    expect((await s.call('GET', `/slack/api/search.messages?query=${encodeURIComponent('in:#leadership headcount')}`)).json.messages.total).toBe(1);
    const sorted = await s.call('GET', '/slack/api/search.messages?query=the&sort=timestamp&sort_dir=desc');
    const stamps = sorted.json.messages.matches.map((m: { ts: string }) => Number(m.ts));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect((await s.call('GET', '/slack/api/search.messages')).json).toEqual({ ok: false, error: 'no_query' });
  });

  it('adds a reaction once per person, visible in history', async () => {
    const history = await s.call('GET', `/slack/api/conversations.history?channel=${id('random')}&limit=1`);
    const ts = history.json.messages[0].ts;
    const add = (name: string, channel = id('random'), timestamp = ts) => s.call('POST', '/slack/api/reactions.add', { body: { channel, timestamp, name } });
    expect((await add('eyes')).json).toEqual({ ok: true });
    expect((await add('eyes')).json).toEqual({ ok: false, error: 'already_reacted' });
    expect((await add(':bad name:')).json).toEqual({ ok: false, error: 'invalid_name' });
    expect((await add('eyes', id('random'), '1.000001')).json).toEqual({ ok: false, error: 'message_not_found' });
    expect((await add('eyes', 'C000NOPE')).json).toEqual({ ok: false, error: 'channel_not_found' });
    const after = await s.call('GET', `/slack/api/conversations.history?channel=${id('random')}&limit=1`);
    expect(after.json.messages[0].reactions).toEqual([{ name: 'eyes', users: [expect.stringMatching(/^U/)], count: 1 }]);
  });

  it('users.info describes the people of the workspace', async () => {
    const me = await s.call('GET', '/slack/api/auth.test');
    const r = await s.call('GET', `/slack/api/users.info?user=${me.json.user_id}`);
    expect(r.json).toMatchObject({ ok: true, user: { id: me.json.user_id, name: 'alice', team_id: me.json.team_id, is_bot: false, tz: expect.any(String), profile: { real_name: expect.stringMatching(/^Alice /), email: expect.stringContaining('@') } } });
    const history = await s.call('GET', `/slack/api/conversations.history?channel=${id('engineering')}`);
    const other = history.json.messages.find((m: { user: string }) => m.user !== me.json.user_id);
    expect((await s.call('GET', `/slack/api/users.info?user=${other.user}`)).json.user.id).toBe(other.user);
    expect((await s.call('GET', '/slack/api/users.info?user=U0NOBODY1')).json).toEqual({ ok: false, error: 'user_not_found' });
  });

  it('auth.revoke revokes the token it is called with (test=1 only checks)', async () => {
    const token = 'tok-alice-revocable';
    const scoped = await startTestMockServer({ verifyAccessToken: async (t) => (t === token ? { sub: 'alice', clientId: 'c', scopes: [] } : undefined) });
    try {
      expect((await scoped.call('POST', '/slack/api/auth.revoke?test=1', { token })).json).toEqual({ ok: true, revoked: false });
      expect((await scoped.call('GET', '/slack/api/auth.test', { token })).json.ok).toBe(true);
      expect((await scoped.call('POST', '/slack/api/auth.revoke', { token })).json).toEqual({ ok: true, revoked: true });
      expect((await scoped.call('GET', '/slack/api/auth.test', { token })).json).toEqual({ ok: false, error: 'token_revoked' });
    } finally {
      await scoped.close();
    }
  });

  it('enforces documented scopes when asked to', async () => {
    const scoped = await startTestMockServer({
      enforceScopes: true,
      verifyAccessToken: async (token) => (token === 'tok-reader' ? { sub: 'alice', clientId: 'c', scopes: ['channels:read'] } : undefined),
    });
    try {
      const r = await scoped.call('POST', '/slack/api/chat.postMessage', { token: 'tok-reader', body: { channel: 'general', text: 'x' } });
      expect(r.json).toEqual({ ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'channels:read' });
      expect((await scoped.call('GET', '/slack/api/conversations.list', { token: 'tok-reader' })).json.ok).toBe(true);
    } finally {
      await scoped.close();
    }
  });
});
