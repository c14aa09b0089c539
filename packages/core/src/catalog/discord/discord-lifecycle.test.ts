import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * Discord's OAuth2 lifecycle against a local server speaking its dialect, as its reference pages
 * describe it (docs.discord.com/developers/topics/oauth2): a token endpoint that takes only
 * form bodies, PKCE S256, 7-day access tokens with a refresh token that is replaced on refresh,
 * `webhook.incoming` answering a `webhook` object (with its secret token and URL) for the channel
 * the person picked, `invalid_grant` for a dead refresh token, and `/oauth2/token/revoke`
 * (RFC 7009) revoking every token the person granted the application.
 */

const CLIENT_ID = '157730590492196864';
const CLIENT_SECRET = 'Wk3m-9Qz_xYv2LpR7tNa0cHs5eUfDgJb';
const USER = { id: '80351110224678912', username: 'nelly', discriminator: '0', global_name: 'Nelly', avatar: null, public_flags: 0, flags: 0, mfa_enabled: true, locale: 'en-US' };
const WEBHOOK_ID = '1234567890123456789';
const CHANNEL_ID = '345626669114982402';
const GUILD_ID = '290926798626357999';
const BOT_TOKEN = 'MTU3NzMwNTkwNDkyMTk2ODY0.G1a2b3.Zq8Tn2Hf0Kc7Lp4Rv9Wx3Yb6Nd1Me5Sj0Gu8Ao';

describe("Discord lifecycle in Discord's own dialect", () => {
  let t: TestOnBehalf;
  let discord: WireServer;
  /** What the server honours, per Discord user: access and refresh tokens (revocation ends all of them). */
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  const webhookTokens = new Set<string>();
  let minted = 0;

  const tokenAnswer = (userId: string, withWebhook: boolean) => {
    minted += 1;
    const accessToken = `dsc_access_${minted}_${'a'.repeat(20)}`;
    const refreshToken = `dsc_refresh_${minted}_${'r'.repeat(20)}`;
    access.set(accessToken, userId);
    refresh.set(refreshToken, userId);
    const webhookToken = `whk_${minted}_ZxQ0w3bWbR4rGhJmP9vT2kYcN8aLdE5fUoI1sX`;
    if (withWebhook) webhookTokens.add(webhookToken);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 604_800,
      refresh_token: refreshToken,
      scope: withWebhook ? 'identify guilds webhook.incoming' : 'identify guilds',
      ...(withWebhook
        ? { webhook: { application_id: CLIENT_ID, name: 'Agent', url: `https://discord.com/api/webhooks/${WEBHOOK_ID}/${webhookToken}`, channel_id: CHANNEL_ID, token: webhookToken, type: 1, avatar: null, guild_id: GUILD_ID, id: WEBHOOK_ID } }
        : {}),
    };
  };

  const isForm = (request: WireRequest) => request.contentType.startsWith('application/x-www-form-urlencoded');
  const clientAuthenticated = (request: WireRequest) => request.body.client_id === CLIENT_ID && request.body.client_secret === CLIENT_SECRET;
  const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
  const userOf = (request: WireRequest) => access.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');

  beforeAll(async () => {
    discord = await startWireServer({
      'POST /api/oauth2/token': (request) => {
        // Discord reads only form bodies: anything else has no grant_type.
        if (!isForm(request)) return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Grant type None is not supported' } };
        if (!clientAuthenticated(request)) return { status: 401, body: { error: 'invalid_client' } };
        const { grant_type: grant, code, code_verifier: verifier, refresh_token: used } = request.body as Record<string, string | undefined>;
        if (grant === 'authorization_code') {
          if (!verifier) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing "code_verifier"' } };
          if (code === 'code-webhook') return { body: tokenAnswer(USER.id, true) };
          if (code === 'code-plain') return { body: tokenAnswer(USER.id, false) };
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid "code" in request.' } };
        }
        if (grant === 'refresh_token' && used && refresh.has(used)) {
          const userId = refresh.get(used)!;
          refresh.delete(used);
          const { webhook: _none, ...answer } = tokenAnswer(userId, false);
          return { body: { ...answer, scope: 'identify guilds webhook.incoming' } };
        }
        return { status: 400, body: { error: 'invalid_grant' } };
      },
      'POST /api/oauth2/token/revoke': (request) => {
        if (!isForm(request)) return { status: 400, body: { error: 'unsupported_token_type' } };
        if (!clientAuthenticated(request)) return { status: 401, body: { error: 'invalid_client' } };
        const token = String(request.body.token ?? '');
        const userId = access.get(token) ?? refresh.get(token);
        // Revoking any valid token of a person revokes every token they granted the application.
        if (userId) for (const store of [access, refresh]) for (const [value, owner] of [...store]) if (owner === userId) store.delete(value);
        return { body: {} };
      },
      'GET /api/v10/users/@me': (request) => {
        if (request.headers.authorization === `Bot ${BOT_TOKEN}`) return { body: { id: CLIENT_ID, username: 'Agent', discriminator: '0', global_name: null, avatar: null, bot: true, public_flags: 0, flags: 0, mfa_enabled: true, locale: 'en-US' } };
        return userOf(request) ? { body: USER } : unauthorized;
      },
      [`POST /api/v10/webhooks/${WEBHOOK_ID}/whk_1_ZxQ0w3bWbR4rGhJmP9vT2kYcN8aLdE5fUoI1sX`]: (request) => webhook(request, 'whk_1_ZxQ0w3bWbR4rGhJmP9vT2kYcN8aLdE5fUoI1sX'),
    });
    const endpoints = {
      authorizationUrl: `${discord.url}/oauth2/authorize`,
      tokenUrl: `${discord.url}/api/oauth2/token`,
      revocationUrl: `${discord.url}/api/oauth2/token/revoke`,
      apiBaseUrl: `${discord.url}/api/v10`,
    };
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'discord', provider: 'discord', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['guilds', 'webhook.incoming'], endpoints },
        { name: 'discord_bot', provider: 'discord', auth: 'api_key', endpoints: { apiBaseUrl: endpoints.apiBaseUrl } },
      ],
    });
  });

  /** Execute Webhook: the token in the path is the only credential; `wait=true` answers the message. */
  function webhook(request: WireRequest, token: string) {
    if (!webhookTokens.has(token)) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    if (request.query.wait !== 'true') return { status: 204 };
    const content = String(request.body.content ?? '');
    if (!content) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
    return { body: { id: '1187654321098765432', type: 0, content, channel_id: CHANNEL_ID, author: { id: WEBHOOK_ID, username: 'Agent', bot: true }, timestamp: '2026-12-03T08:00:00.000000+00:00', webhook_id: WEBHOOK_ID, mention_everyone: false, mentions: [], embeds: [], attachments: [] } };
  }

  afterAll(async () => {
    await t?.cleanup();
    await discord?.close();
  });

  const ref = (identifier: string) => ({ connection: 'discord', identifier });
  const tokenRequests = () => discord.requests('POST /api/oauth2/token');

  it('connects with PKCE and a form body, keeps the webhook token sealed and its ids as values', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'discord', identifier: 'ann', code: 'code-webhook' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.searchParams.get('scope')).toBe('identify guilds webhook.incoming');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'code-webhook', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(createHash('sha256').update(String(exchange.body.code_verifier)).digest('base64url')).toBe(authorizationUrl.searchParams.get('code_challenge'));

    const account = await t.ob.accounts.get(ref('ann'));
    expect(account).toMatchObject({ status: 'ACTIVE', scopes: ['identify', 'guilds', 'webhook.incoming'], values: { userId: USER.id, webhookId: WEBHOOK_ID, webhookChannelId: CHANNEL_ID, webhookGuildId: GUILD_ID } });
    expect(account.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 600_000_000);
    // The webhook token (alone or inside its URL) is in no plain column and no account field.
    for (const file of [t.database.file!, `${t.database.file!}-wal`].filter((f) => existsSync(f))) expect(readFileSync(file).includes('whk_1_')).toBe(false);
    expect(JSON.stringify(account)).not.toContain('whk_1_');
  });

  it('posts to the authorized channel through its webhook, without pinging by default; a gone webhook names no token', async () => {
    const sent = await t.ob.tools.execute({ identifier: 'ann', tool: 'discord_post_webhook_message', input: { content: 'Standup in 5 @everyone' } });
    expect(sent.data).toEqual({ id: '1187654321098765432', channelId: CHANNEL_ID, postedAt: '2026-12-03T08:00:00.000000+00:00' });
    expect(discord.seen.at(-1)!.body).toEqual({ content: 'Standup in 5 @everyone', allowed_mentions: { parse: [] } });

    webhookTokens.clear(); // someone deleted the webhook in Discord's channel settings
    const failure = await t.ob.tools.execute({ identifier: 'ann', tool: 'discord_post_webhook_message', input: { content: 'Hello' } }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'PROVIDER_API_ERROR')).toBe(true);
    expect((failure as { details: unknown }).details).toMatchObject({ status: 404, providerCode: '10015', providerMessage: 'Unknown Webhook' });
    expect(JSON.stringify({ message: (failure as Error).message, details: (failure as { details: unknown }).details })).not.toContain('whk_1_');
    webhookTokens.add('whk_1_ZxQ0w3bWbR4rGhJmP9vT2kYcN8aLdE5fUoI1sX');
  });

  it('refreshes on a 401 with a form refresh grant, stores the new refresh token and keeps the webhook', async () => {
    const before = (await t.ob.accounts.getCredentials(ref('ann'))) as { accessToken: string; refreshToken: string };
    access.delete(before.accessToken);
    const me = await t.ob.fetch(ref('ann'), '/users/@me');
    expect(me.status).toBe(200);
    const grant = tokenRequests().at(-1)!;
    expect(grant.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(grant.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const after = (await t.ob.accounts.getCredentials(ref('ann'))) as { accessToken: string; refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(refresh.has(after.refreshToken)).toBe(true);
    expect((await t.ob.tools.execute({ identifier: 'ann', tool: 'discord_post_webhook_message', input: { content: 'Still here' } })).data).toMatchObject({ channelId: CHANNEL_ID });
  });

  it('an account without webhook.incoming has no webhook to post to', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'discord', identifier: 'bob', code: 'code-plain' });
    expect(callback.status).toBe(200);
    expect((await t.ob.accounts.get(ref('bob'))).values).toEqual({ userId: USER.id });
    const failure = await t.ob.tools.execute({ identifier: 'bob', tool: 'discord_post_webhook_message', input: { content: 'x' } }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'INVALID_PERMISSIONS')).toBe(true);
  });

  it('a bot token is the second method, sent as Authorization: Bot …', async () => {
    expect(await t.ob.accounts.setCredentials({ connection: 'discord_bot', identifier: 'ops', credentials: { apiKey: BOT_TOKEN } })).toMatchObject({ status: 'ACTIVE', authType: 'api_key' });
    const me = await t.ob.tools.execute({ identifier: 'ops', tool: 'discord_get_my_user', input: {}, connection: 'discord_bot' });
    expect(me.data).toMatchObject({ id: CLIENT_ID, username: 'Agent' });
    expect(discord.requests('GET /api/v10/users/@me').at(-1)!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
  });

  it('revocation ends every token the person gave the app: the other account of the same Discord user is EXPIRED at its next refresh', async () => {
    const { refreshToken } = (await t.ob.accounts.getCredentials(ref('ann'))) as { refreshToken: string };
    const revoked = await t.ob.accounts.revoke(ref('ann'));
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = discord.requests('POST /api/oauth2/token/revoke').at(-1)!;
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.body).toMatchObject({ token: refreshToken, token_type_hint: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    // bob is the same Discord user (another identifier of the app): Discord revoked his tokens too.
    const me = await t.ob.fetch(ref('bob'), '/users/@me').then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(me, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get(ref('bob'))).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });
});
