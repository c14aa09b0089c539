import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isOnBehalfError } from '../../errors.ts';
import type { OnBehalf } from '../../create-on-behalf.ts';
import { defineTool } from '../../tools/index.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { slackCall, type SlackAnswer } from './slack-call.ts';

/**
 * Slack's OAuth v2 lifecycle against a local server speaking its dialect, as its reference pages
 * describe it (docs.slack.dev: oauth.v2.access, using-token-rotation, using-pkce, auth.revoke):
 * every answer HTTP 200 with `ok`, comma-separated scopes, `user_scope` beside `scope`, the bot
 * token at the top level and the person's token under `authed_user`; with token rotation on, each
 * with its own refresh token and 12-hour expiry, every refresh answering one token at the top level
 * (`token_type` user or bot) and revoking the refresh token it used; without rotation, tokens that
 * never expire; `auth.revoke` authenticated by the token it revokes.
 */

const CLIENT_ID = '2141029472.691202649728';
const CLIENT_SECRET = 'e1b9e11dfcd19c1982d5de12921e17e8c';
const TEAM = { id: 'T9TK3CUKW', name: 'Slack Pickleball Team' };

type Kind = 'user' | 'bot';

describe("Slack lifecycle in Slack's own dialect", () => {
  let t: TestOnBehalf;
  let slack: WireServer;
  /** Tokens the server honours: access token → its kind; refresh token → the kind it renews. */
  const access = new Map<string, Kind>();
  const refresh = new Map<string, Kind>();
  let minted = 0;
  let refreshDelayMs = 0;

  function token(kind: Kind, rotating: boolean, lifetime = 43_200) {
    minted += 1;
    const accessToken = rotating ? `xoxe.xox${kind === 'user' ? 'p' : 'b'}-1-${minted}` : `xox${kind === 'user' ? 'p' : 'b'}-1234-${minted}`;
    access.set(accessToken, kind);
    if (!rotating) return { access_token: accessToken, token_type: kind };
    const refreshToken = `xoxe-1-${kind}-${minted}`;
    refresh.set(refreshToken, kind);
    return { access_token: accessToken, token_type: kind, refresh_token: refreshToken, expires_in: lifetime };
  }

  /** The refresh tokens of the last install, to make Slack refuse one of them. */
  let lastInstall: { bot?: string; user?: string } = {};
  const install = (options: { rotating: boolean; withUser?: boolean; lifetime?: number }) => {
    const bot = token('bot', options.rotating, options.lifetime);
    const user = options.withUser === false ? undefined : token('user', options.rotating, options.lifetime);
    lastInstall = { bot: bot.refresh_token, user: user?.refresh_token };
    return {
      ok: true,
      app_id: 'A0KRD7HC3',
      ...bot,
      scope: 'chat:write,channels:history',
      bot_user_id: 'U0KRQLJ9H',
      team: TEAM,
      enterprise: null,
      is_enterprise_install: false,
      authed_user: user ? { id: 'U1234', scope: 'search:read,reactions:write', ...user } : { id: 'U1234' },
    };
  };

  const bearer = (request: WireRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const clientAuthenticated = (request: WireRequest) => request.body.client_id === CLIENT_ID && request.body.client_secret === CLIENT_SECRET;

  beforeAll(async () => {
    slack = await startWireServer({
      'POST /api/oauth.v2.access': async (request) => {
        if (!request.contentType.includes('x-www-form-urlencoded')) return { body: { ok: false, error: 'invalid_arguments' } };
        if (!clientAuthenticated(request)) return { body: { ok: false, error: 'bad_client_secret' } };
        const { grant_type: grant, code, refresh_token: used } = request.body as Record<string, string | undefined>;
        if (grant === 'refresh_token') {
          const kind = used ? refresh.get(used) : undefined;
          if (refreshDelayMs) await new Promise((resolve) => setTimeout(resolve, refreshDelayMs));
          if (!kind || !refresh.delete(used!)) return { body: { ok: false, error: 'invalid_refresh_token' } };
          return { body: { ok: true, app_id: 'A0KRD7HC3', ...token(kind, true), scope: kind === 'user' ? 'search:read,reactions:write' : 'chat:write,channels:history', ...(kind === 'bot' ? { bot_user_id: 'U0KRQLJ9H' } : {}), team: TEAM, enterprise: null, is_enterprise_install: false } };
        }
        if (code === 'rotating') return { body: install({ rotating: true }) };
        if (code === 'short') return { body: install({ rotating: true, lifetime: 2 }) };
        if (code === 'legacy') return { body: install({ rotating: false }) };
        if (code === 'bot-only') return { body: install({ rotating: false, withUser: false }) };
        if (code === 'pkce' && typeof request.body.code_verifier === 'string') return { body: install({ rotating: true }) };
        return { body: { ok: false, error: 'invalid_code' } };
      },
      'POST /api/auth.revoke': (request) => {
        const presented = bearer(request);
        if (!presented || !access.delete(presented)) return { body: { ok: false, error: 'invalid_auth' } };
        return { body: { ok: true, revoked: true } };
      },
      'GET /api/auth.test': (request) => {
        const kind = access.get(bearer(request) ?? '');
        if (!kind) return { body: { ok: false, error: 'invalid_auth' } };
        return { body: { ok: true, url: 'https://pickleball.slack.com/', team: TEAM.name, user: kind === 'bot' ? 'pickle-bot' : 'ann', team_id: TEAM.id, user_id: kind === 'bot' ? 'U0KRQLJ9H' : 'U1234', ...(kind === 'bot' ? { bot_id: 'B0KRQLJ9H' } : {}), is_enterprise_install: false } };
      },
      'GET /api/search.messages': (request) => {
        const kind = access.get(bearer(request) ?? '');
        if (!kind) return { body: { ok: false, error: 'invalid_auth' } };
        if (kind !== 'user') return { body: { ok: false, error: 'not_allowed_token_type' } };
        return { body: { ok: true, query: request.query.query, messages: { matches: [{ channel: { id: 'C12345678', name: 'general', is_private: false }, iid: 'cb64bdaa', permalink: 'https://pickleball.slack.com/archives/C12345678/p1508284197000015', team: TEAM.id, text: 'Launch is on Thursday', ts: '1508284197.000015', type: 'message', user: 'U2U85N1RV', username: 'roach' }], paging: { count: 20, page: 1, pages: 1, total: 1 }, total: 1 } } };
      },
    });
    const endpoints = { authorizationUrl: `${slack.url}/oauth/v2/authorize`, tokenUrl: `${slack.url}/api/oauth.v2.access`, apiBaseUrl: `${slack.url}/api` };
    const connection = (name: string, extra: Record<string, unknown> = {}) => ({
      name, provider: 'slack', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['chat:write', 'channels:history'], authorizationParams: { user_scope: 'search:read,reactions:write' }, endpoints, ...extra,
    });
    t = await createTestOnBehalf('sqlite', {
      connections: [connection('slack'), connection('slack_pkce', { settings: { pkce: 'on' } }), { name: 'slack_token', provider: 'slack', auth: 'bearer', endpoints: { apiBaseUrl: `${slack.url}/api` } }],
      // A tool of the app's own that asks for the bot token (ctx.request's `token`).
      tools: [defineTool({
        name: 'slack_bot_identity',
        provider: 'slack',
        description: 'Who the app\'s bot is in this workspace.',
        input: z.object({}),
        async execute(_input, ctx) {
          const me = await slackCall<SlackAnswer & { user_id: string; bot_id?: string }>(ctx, 'auth.test', { token: 'bot' });
          return { userId: me.user_id, botId: me.bot_id };
        },
      })],
    });
  });

  afterAll(async () => {
    await t?.cleanup();
    await slack?.close();
  });

  const ref = (identifier: string, connection = 'slack') => ({ connection, identifier });
  const run = (ob: OnBehalf, identifier: string, tool: string, input: unknown = {}) => ob.tools.execute({ identifier, tool, input, connection: 'slack' });
  const exchanges = () => slack.requests('POST /api/oauth.v2.access').filter((r) => r.body.grant_type === 'authorization_code');
  const refreshes = () => slack.requests('POST /api/oauth.v2.access').filter((r) => r.body.grant_type === 'refresh_token');

  it('connects without PKCE, bot scopes in scope and user scopes in user_scope, and keeps both tokens (the user token is the account\'s)', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'slack', identifier: 'ann', code: 'rotating' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.searchParams.get('scope')).toBe('chat:write,channels:history');
    expect(authorizationUrl.searchParams.get('user_scope')).toBe('search:read,reactions:write');
    expect(authorizationUrl.searchParams.has('code_challenge')).toBe(false);
    expect(authorizationUrl.searchParams.has('code_challenge_method')).toBe(false);
    const exchange = exchanges().at(-1)!;
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'rotating', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(exchange.body).not.toHaveProperty('code_verifier');

    const account = await t.ob.accounts.get(ref('ann'));
    expect(account).toMatchObject({ status: 'ACTIVE', scopes: ['search:read', 'reactions:write'], values: { teamId: TEAM.id, userId: 'U1234', botUserId: 'U0KRQLJ9H', appId: 'A0KRD7HC3' } });
    // Slack user ids are unique per workspace: the identity is the workspace and the person together.
    expect(account.identity).toEqual({ subject: `${TEAM.id}:U1234`, display: TEAM.name });
    expect(account.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 43_000_000);
    const credentials = await t.ob.accounts.getCredentials(ref('ann'));
    expect(credentials).toMatchObject({ type: 'oauth2', accessToken: expect.stringMatching(/^xoxe\.xoxp-/), refreshToken: expect.stringMatching(/^xoxe-1-user-/), tokenType: 'Bearer' });
    // The app gets the bot token too, e.g. for its own event handling.
    expect(credentials).toMatchObject({ extraTokens: { bot: { accessToken: expect.stringMatching(/^xoxe\.xoxb-/), refreshToken: expect.stringMatching(/^xoxe-1-bot-/), tokenType: 'Bearer', expiresAt: expect.any(Date), scopes: ['chat:write', 'channels:history'] } } });
  });

  it('search goes out with the user token, and a tool that asks for the bot token gets it', async () => {
    const search = await run(t.ob, 'ann', 'slack_search_messages', { query: 'launch' });
    expect(search.data).toMatchObject({ total: 1, matches: [{ channel: 'C12345678', text: 'Launch is on Thursday' }] });
    expect(access.get(bearer(slack.requests('GET /api/search.messages').at(-1)!)!)).toBe('user');
    const bot = await run(t.ob, 'ann', 'slack_bot_identity');
    expect(bot.data).toEqual({ userId: 'U0KRQLJ9H', botId: 'B0KRQLJ9H' });
    expect(access.get(bearer(slack.requests('GET /api/auth.test').at(-1)!)!)).toBe('bot');
  });

  it('one refresh renews the user and the bot token, each with its own rotated refresh token, stored together', async () => {
    const before = refreshes().length;
    const { refreshToken: userRefresh } = (await t.ob.accounts.getCredentials(ref('ann'))) as { refreshToken: string };
    await Promise.all([t.ob.accounts.refresh(ref('ann')), t.ob.accounts.refresh(ref('ann')), t.ob.accounts.refresh(ref('ann'))]);
    const sent = refreshes().slice(before);
    expect(sent.map((r) => refreshKind(r))).toEqual(['user', 'bot']);
    expect(sent[0]!.body).toMatchObject({ refresh_token: userRefresh, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    // Both used refresh tokens are spent at Slack; the next refresh must use the rotated ones.
    for (const r of sent) expect(refresh.has(String(r.body.refresh_token))).toBe(false);
    await t.ob.accounts.refresh(ref('ann'));
    expect(await t.ob.accounts.get(ref('ann'))).toMatchObject({ status: 'ACTIVE' });
    expect(refreshes().slice(before + 2).map((r) => refreshKind(r))).toEqual(['user', 'bot']);
    const renewed = (await t.ob.accounts.getCredentials(ref('ann'))) as unknown as { extraTokens: { bot: { refreshToken: string } } };
    expect(refresh.get(renewed.extraTokens.bot.refreshToken)).toBe('bot');
    // The tools use the renewed tokens: anything else would be invalid_auth now.
    expect((await run(t.ob, 'ann', 'slack_search_messages', { query: 'launch' })).data).toMatchObject({ total: 1 });
    expect((await run(t.ob, 'ann', 'slack_bot_identity')).data).toMatchObject({ userId: 'U0KRQLJ9H' });
  });

  /** Which token a refresh request renewed, from the kind the server recorded for its refresh token. */
  function refreshKind(request: WireRequest): string {
    return /^xoxe-1-(user|bot)-/.exec(String(request.body.refresh_token))?.[1] ?? 'unknown';
  }

  it('tokens due across two processes are refreshed once: one request per refresh token', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'slack', identifier: 'eve', code: 'short' });
    expect(callback.status).toBe(200);
    const other = await t.reopen();
    // Two-second tokens are due after one second (half their lifetime).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = refreshes().length;
    refreshDelayMs = 150;
    try {
      const tokens = await Promise.all([...[t.ob, other, t.ob, other].map((ob) => ob.accounts.getAccessToken(ref('eve')))]);
      expect(new Set(tokens.map((x) => x.accessToken)).size).toBeGreaterThan(0);
    } finally {
      refreshDelayMs = 0;
    }
    await expect.poll(() => refreshes().length - before).toBe(2);
    expect(refreshes().slice(before).map((r) => refreshKind(r)).sort()).toEqual(['bot', 'user']);
    expect(await t.ob.accounts.get(ref('eve'))).toMatchObject({ status: 'ACTIVE' });
    expect((await run(other, 'eve', 'slack_bot_identity')).data).toMatchObject({ userId: 'U0KRQLJ9H' });
  });

  it('a bot refresh token Slack refuses drops the bot token only; a refused user refresh token ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'slack', identifier: 'bob', code: 'rotating' });
    expect(callback.status).toBe(200);
    refresh.delete(lastInstall.bot!); // Slack no longer honours bob's bot refresh token
    await t.ob.accounts.refresh(ref('bob'));
    expect(await t.ob.accounts.get(ref('bob'))).toMatchObject({ status: 'ACTIVE' });
    const noBot = await run(t.ob, 'bob', 'slack_bot_identity').then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(noBot, 'INVALID_PERMISSIONS')).toBe(true);
    expect((noBot as Error).message).toMatch(/no bot token/);
    expect((await run(t.ob, 'bob', 'slack_search_messages', { query: 'launch' })).data).toMatchObject({ total: 1 });

    const { refreshToken } = (await t.ob.accounts.getCredentials(ref('bob'))) as { refreshToken: string };
    refresh.delete(refreshToken);
    const failure = await t.ob.accounts.refresh(ref('bob')).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get(ref('bob'))).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('an install without token rotation keeps working: tokens that never expire, no refresh request', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'slack', identifier: 'cid', code: 'legacy' });
    expect(callback.status).toBe(200);
    expect(await t.ob.accounts.get(ref('cid'))).toMatchObject({ status: 'ACTIVE', expiresAt: null });
    expect(await t.ob.accounts.getCredentials(ref('cid'))).toMatchObject({ accessToken: expect.stringMatching(/^xoxp-/), refreshToken: null });
    const before = refreshes().length;
    expect((await run(t.ob, 'cid', 'slack_search_messages', { query: 'launch' })).data).toMatchObject({ total: 1 });
    expect((await run(t.ob, 'cid', 'slack_bot_identity')).data).toMatchObject({ userId: 'U0KRQLJ9H' });
    await t.ob.accounts.refresh(ref('cid'));
    expect(refreshes()).toHaveLength(before);
  });

  it('a bot-only install: the bot token is the account\'s, and a tool that needs a user token says so', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'slack', identifier: 'dan', code: 'bot-only' });
    expect(callback.status).toBe(200);
    expect(await t.ob.accounts.getCredentials(ref('dan'))).toMatchObject({ accessToken: expect.stringMatching(/^xoxb-/), scopes: ['chat:write', 'channels:history'] });
    expect((await run(t.ob, 'dan', 'slack_bot_identity')).data).toMatchObject({ userId: 'U0KRQLJ9H' });
    const searched = slack.requests('GET /api/search.messages').length;
    const failure = await run(t.ob, 'dan', 'slack_search_messages', { query: 'launch' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'INVALID_PERMISSIONS')).toBe(true);
    expect((failure as Error).message).toMatch(/no user token/);
    expect(slack.requests('GET /api/search.messages')).toHaveLength(searched);
  });

  it('revokes with auth.revoke and the account\'s own access token; revokedAtProvider only when Slack says ok: true', async () => {
    const { accessToken } = (await t.ob.accounts.getCredentials(ref('ann'))) as { accessToken: string };
    const bots = [...access].filter(([, kind]) => kind === 'bot').length;
    const revoked = await t.ob.accounts.revoke(ref('ann'));
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = slack.requests('POST /api/auth.revoke').at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(access.has(accessToken)).toBe(false);
    // The workspace's bot token is the installation's, shared with other people's accounts: kept.
    expect([...access].filter(([, kind]) => kind === 'bot')).toHaveLength(bots);

    // A token Slack no longer knows: ok: false, so not revoked at the provider, and gone locally anyway.
    const { accessToken: legacy } = (await t.ob.accounts.getCredentials(ref('cid'))) as { accessToken: string };
    access.delete(legacy);
    expect(await t.ob.accounts.revoke(ref('cid'))).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    const after = await t.ob.accounts.getCredentials(ref('cid')).then(() => 'served', (error: unknown) => error);
    expect(isOnBehalfError(after)).toBe(true);
  });

  it('a token from a single-workspace app\'s settings page is the second method, sent as a Bearer token', async () => {
    const botToken = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
    access.set(botToken, 'bot');
    const refused = await t.ob.accounts.setCredentials({ connection: 'slack_token', identifier: 'ops', credentials: { token: 'not-a-slack-token' } }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(refused)).toBe(true);
    expect(await t.ob.accounts.setCredentials({ connection: 'slack_token', identifier: 'ops', credentials: { token: botToken } })).toMatchObject({ status: 'ACTIVE', authType: 'bearer' });
    const me = await t.ob.tools.execute({ identifier: 'ops', tool: 'slack_bot_identity', input: {}, connection: 'slack_token' });
    expect(me.data).toMatchObject({ userId: 'U0KRQLJ9H' });
    expect(slack.requests('GET /api/auth.test').at(-1)!.headers.authorization).toBe(`Bearer ${botToken}`);
  });

  it('PKCE when the connection turns it on (settings.pkce), checked by the verifier', async () => {
    expect((await t.ob.connections.get('slack_pkce')).settings).toMatchObject({ pkce: 'on' });
    expect((await t.ob.connections.get('slack')).settings).toMatchObject({ pkce: 'off' });
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'slack_pkce', identifier: 'ann', code: 'pkce' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const verifier = String(exchanges().at(-1)!.body.code_verifier);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorizationUrl.searchParams.get('code_challenge'));
  });
});
