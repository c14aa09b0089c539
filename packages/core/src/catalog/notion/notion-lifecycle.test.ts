import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';

/**
 * Notion's OAuth lifecycle against a local server speaking its dialect, as its reference documents
 * it (developers.notion.com/reference/create-a-token, refresh-a-token, revoke-token): Basic client
 * auth with the raw id and secret, JSON bodies, no scope, `owner=user`; a token answer with a
 * `refresh_token` and no `expires_in`; a refresh that rotates the refresh token (the old one is
 * refused afterwards); connections from before refresh tokens (`refresh_token: null`); API errors
 * `{ object: 'error', status, code, message }`; revocation as JSON with `Notion-Version`.
 */

const CLIENT_ID = '1f2d872b-594c-80a8-b2c8-0037a5a4b0f5';
// '+' and '/' are what RFC 6749's form encoding would change inside Basic: Notion compares the raw value.
const CLIENT_SECRET = 'secret_Zq+8/Tn-2Hf_Kc';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

const notionError = (status: number, code: string, message: string) => ({ status, body: { object: 'error', status, code, message, request_id: '5a2b0c1e-7f3d-4c8e-9a6b-2d1e0f3c4b5a' } });

describe('Notion lifecycle in Notion\'s own dialect', () => {
  let t: TestOnBehalf;
  let notion: WireServer;
  /** The tokens the wire server currently honours: access token → refresh token of the same grant. */
  const live = { access: new Set<string>(), refresh: new Set<string>() };
  let minted = 0;

  function mint(withRefresh: boolean) {
    minted += 1;
    const access = `ntn_access_${minted}`;
    const refresh = withRefresh ? `ntn_refresh_${minted}` : null;
    live.access.add(access);
    if (refresh) live.refresh.add(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      bot_id: 'a1b2c3d4-0000-4000-8000-00000000b071',
      workspace_id: 'a1b2c3d4-0000-4000-8000-0000000000a1',
      workspace_name: 'Acme',
      workspace_icon: null,
      owner: { type: 'user', user: { object: 'user', id: 'a1b2c3d4-0000-4000-8000-00000000a5e1' } },
      duplicated_template_id: null,
      request_id: `b7f1c2d3-0000-4000-8000-${String(minted).padStart(12, '0')}`,
    };
  }

  const clientAuthenticated = (request: WireRequest) => request.headers.authorization === BASIC;
  const isJson = (request: WireRequest) => request.contentType.startsWith('application/json');

  beforeAll(async () => {
    notion = await startWireServer({
      'POST /v1/oauth/token': (request) => {
        if (!clientAuthenticated(request)) return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client.' } };
        if (!isJson(request)) return { status: 400, body: { error: 'invalid_request', error_description: 'body failed validation: body should be an object.' } };
        const { grant_type: grant, code, refresh_token: refreshToken } = request.body as Record<string, string | undefined>;
        if (grant === 'authorization_code') {
          if (code === 'code-current') return { body: mint(true) };
          if (code === 'code-legacy') return { body: mint(false) };
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code.' } };
        }
        if (grant === 'refresh_token' && typeof refreshToken === 'string' && live.refresh.delete(refreshToken)) return { body: mint(true) };
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token.' } };
      },
      'GET /v1/users/me': (request) => {
        if (request.headers['notion-version'] !== NOTION_API_VERSION) return notionError(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!token || !live.access.has(token)) return notionError(401, 'unauthorized', 'API token is invalid.');
        return { body: { object: 'user', id: 'a1b2c3d4-0000-4000-8000-00000000b071', name: 'Acme bot', avatar_url: null, type: 'bot', bot: { owner: { type: 'user', user: { object: 'user', id: 'a1b2c3d4-0000-4000-8000-00000000a5e1' } }, workspace_name: 'Acme' }, request_id: 'c0ffee00-0000-4000-8000-000000000001' } };
      },
      'POST /v1/oauth/revoke': (request) => {
        if (!clientAuthenticated(request)) return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client.' } };
        if (request.headers['notion-version'] !== NOTION_API_VERSION) return notionError(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
        if (!isJson(request) || typeof request.body.token !== 'string') return notionError(400, 'validation_error', 'body failed validation: body.token should be defined, instead was `undefined`.');
        live.access.delete(request.body.token);
        return { body: { request_id: 'd00dfeed-0000-4000-8000-000000000001' } };
      },
    });
    const endpoints = {
      authorizationUrl: `${notion.url}/v1/oauth/authorize`,
      tokenUrl: `${notion.url}/v1/oauth/token`,
      revocationUrl: `${notion.url}/v1/oauth/revoke`,
      apiBaseUrl: notion.url,
    };
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'notion', provider: 'notion', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints },
        { name: 'notion_wrong_secret', provider: 'notion', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await notion.close();
  });

  /** Notion forgets an access token (what a 401 means to onbehalf: it has no expiry to go by). */
  const expireAccessToken = (token: string) => live.access.delete(token);
  const me = (identifier: string, connection = 'notion') => t.ob.fetch({ connection, identifier }, '/v1/users/me');

  it('connects with Basic raw credentials and a JSON body, keeps the refresh token of an answer without expires_in, and the bot and workspace ids', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'notion', identifier: 'ann', code: 'code-current' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.searchParams.get('owner')).toBe('user');
    expect(authorizationUrl.searchParams.get('response_type')).toBe('code');
    expect(authorizationUrl.searchParams.has('scope')).toBe(false);
    const exchange = notion.requests('POST /v1/oauth/token').at(-1)!;
    expect(exchange.headers.authorization).toBe(BASIC);
    expect(exchange.contentType).toMatch(/^application\/json/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'code-current' });

    const credentials = await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'ann' });
    expect(credentials).toMatchObject({ type: 'oauth2', accessToken: 'ntn_access_1', refreshToken: 'ntn_refresh_1' });
    expect(await t.ob.accounts.get({ connection: 'notion', identifier: 'ann' })).toMatchObject({
      status: 'ACTIVE', expiresAt: null, values: { botId: 'a1b2c3d4-0000-4000-8000-00000000b071', workspaceId: 'a1b2c3d4-0000-4000-8000-0000000000a1' },
    });
    expect((await me('ann')).status).toBe(200);
  });

  it('refreshes once on a 401 with a JSON refresh grant, stores the rotated refresh token and retries', async () => {
    expireAccessToken('ntn_access_1');
    const before = notion.requests('POST /v1/oauth/token').length;
    const answer = await me('ann');
    expect(answer.status).toBe(200);
    const refreshes = notion.requests('POST /v1/oauth/token').slice(before);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.headers.authorization).toBe(BASIC);
    expect(refreshes[0]!.contentType).toMatch(/^application\/json/);
    expect(refreshes[0]!.body).toEqual({ grant_type: 'refresh_token', refresh_token: 'ntn_refresh_1' });
    expect(await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'ann' })).toMatchObject({ accessToken: 'ntn_access_2', refreshToken: 'ntn_refresh_2' });

    // The next 401 uses the rotated token; the first one is dead at Notion now.
    expect(live.refresh.has('ntn_refresh_1')).toBe(false);
    expireAccessToken('ntn_access_2');
    expect((await me('ann')).status).toBe(200);
    expect(notion.requests('POST /v1/oauth/token').at(-1)!.body).toEqual({ grant_type: 'refresh_token', refresh_token: 'ntn_refresh_2' });
    expect(await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'ann' })).toMatchObject({ accessToken: 'ntn_access_3', refreshToken: 'ntn_refresh_3' });
  });

  it('a refresh token Notion refuses (invalid_grant) ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'notion', identifier: 'bob', code: 'code-current' });
    expect(callback.status).toBe(200);
    const { accessToken, refreshToken } = (await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'bob' })) as { accessToken: string; refreshToken: string };
    live.refresh.delete(refreshToken); // revoked at Notion, e.g. the person removed the connection
    expireAccessToken(accessToken);
    const failure = await me('bob').then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'notion', identifier: 'bob' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('a connection from before refresh tokens (refresh_token: null) works until Notion refuses its token, then is EXPIRED, without a refresh request', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'notion', identifier: 'cid', code: 'code-legacy' });
    expect(callback.status).toBe(200);
    const credentials = await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'cid' });
    expect(credentials).toMatchObject({ type: 'oauth2', refreshToken: null });
    expect(await t.ob.accounts.get({ connection: 'notion', identifier: 'cid' })).toMatchObject({ status: 'ACTIVE', expiresAt: null });
    const refreshesBefore = notion.requests('POST /v1/oauth/token').length;
    expect((await me('cid')).status).toBe(200);
    expect((await me('cid')).status).toBe(200);

    // Nothing to refresh with: Notion's 401 is final. The account turns EXPIRED after that one
    // request (the person reconnects), and no refresh grant is sent with a null token.
    expireAccessToken((credentials as { accessToken: string }).accessToken);
    const usersBefore = notion.seen.filter((r) => r.path.startsWith('/v1/users')).length;
    const refused = await me('cid').then((r) => r, (error: unknown) => error);
    expect(isOnBehalfError(refused, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(notion.seen.filter((r) => r.path.startsWith('/v1/users')).length - usersBefore).toBe(1);
    expect(await t.ob.accounts.get({ connection: 'notion', identifier: 'cid' })).toMatchObject({ status: 'EXPIRED' });
    expect(notion.requests('POST /v1/oauth/token')).toHaveLength(refreshesBefore);
  });

  it('revokes at Notion with its JSON request, Basic auth and the Notion-Version header', async () => {
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'notion', identifier: 'ann' })) as { accessToken: string };
    const revoked = await t.ob.accounts.revoke({ connection: 'notion', identifier: 'ann' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = notion.requests('POST /v1/oauth/revoke').at(-1)!;
    expect(request.headers.authorization).toBe(BASIC);
    expect(request.headers['notion-version']).toBe(NOTION_API_VERSION);
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.body).toEqual({ token: accessToken });
    expect(live.access.has(accessToken)).toBe(false);
  });

  it('a revocation Notion refuses is reported as not revoked at the provider, and the tokens are still gone locally', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'notion_wrong_secret', identifier: 'dee', code: 'code-current' });
    expect(callback.status).toBe(200);
    await t.ob.connections.upsert({ name: 'notion_wrong_secret', provider: 'notion', clientId: CLIENT_ID, clientSecret: 'secret_rotated_elsewhere', endpoints: { authorizationUrl: `${notion.url}/v1/oauth/authorize`, tokenUrl: `${notion.url}/v1/oauth/token`, revocationUrl: `${notion.url}/v1/oauth/revoke`, apiBaseUrl: notion.url } });
    const before = notion.requests('POST /v1/oauth/revoke').length;
    const revoked = await t.ob.accounts.revoke({ connection: 'notion_wrong_secret', identifier: 'dee' });
    expect(notion.requests('POST /v1/oauth/revoke')).toHaveLength(before + 1);
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    const after = await t.ob.accounts.getCredentials({ connection: 'notion_wrong_secret', identifier: 'dee' }).then(() => 'served', (error: unknown) => error);
    expect(isOnBehalfError(after)).toBe(true);
  });
});
