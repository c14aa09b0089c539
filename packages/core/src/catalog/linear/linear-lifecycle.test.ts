import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { createWireGrants } from '../../../test/support/wire-grants.ts';
import { linearToolkit } from './index.ts';

/**
 * Linear's OAuth lifecycle against a local server answering as Linear documents it
 * (linear.app/developers/oauth-2-0-authentication, …/oauth-actor-authorization): comma-separated
 * scopes and `actor=app` on the authorize URL, PKCE, a token endpoint that takes only
 * `application/x-www-form-urlencoded` with the client credentials in the body, 24-hour access
 * tokens and refresh tokens that rotate (the one sent stops working), `POST /oauth/revoke` with
 * the refresh token as a form field; the personal API key sent as it is, without "Bearer".
 * The provider is the catalog's own, its URLs moved onto the wire server (host kept in the path).
 */

const CLIENT_ID = 'lin_client_7f3a';
const CLIENT_SECRET = 'lin_secret_4be1c9d2';
const API_KEY = 'lin_api_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d';
const ORG = '8f1e2d3c-4b5a-4968-8776-655443322110';
const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('..', import.meta.url)) });

const invalidGrant = { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, or revoked.' } };
const unauthenticated = { status: 401, body: { errors: [{ message: 'Authentication required, not authenticated', extensions: { code: 'AUTHENTICATION_ERROR', userPresentableMessage: 'You need to authenticate to access this operation.' } }] } };

describe("Linear lifecycle in Linear's own dialect", () => {
  let wire: WireServer;
  let t: TestOnBehalf;
  const grants = createWireGrants({ prefix: 'lin_oauth', rotate: true });
  /** Codes the consent screen handed out, with the person they were for and whether to answer with a pre-2023 scope array. */
  const codes: Record<string, { subject: string; legacyScope?: boolean }> = { 'lin-code-alice': { subject: 'alice' }, 'lin-code-bob': { subject: 'bob' }, 'lin-code-old': { subject: 'old', legacyScope: true } };

  const tokenAnswer = (pair: { access: string; refresh: string }, legacyScope = false) => ({ access_token: pair.access, token_type: 'Bearer', expires_in: 86399, scope: legacyScope ? ['read', 'write'] : 'read write', refresh_token: pair.refresh });

  function viewer(request: WireRequest) {
    const header = request.headers.authorization ?? '';
    if (header === API_KEY) return 'key-owner';
    return grants.subjectOf(header.replace(/^Bearer /, ''));
  }

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /api.linear.app/oauth/token': ({ contentType, body }) => {
        if (!contentType.startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' } };
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
        if (body.grant_type === 'authorization_code') {
          const code = codes[String(body.code)];
          if (!code || String(body.code_verifier ?? '').length < 43) return invalidGrant;
          return { body: tokenAnswer(grants.issue(code.subject), code.legacyScope) };
        }
        const next = body.grant_type === 'refresh_token' ? grants.refresh(String(body.refresh_token)) : undefined;
        return next ? { body: tokenAnswer(next) } : invalidGrant;
      },
      'POST /api.linear.app/graphql': (request) => {
        const who = viewer(request);
        if (!who) return unauthenticated;
        const query = String(request.body.query ?? '');
        if (query.includes('organization')) return { body: { data: { viewer: { id: `user-${who}` }, organization: { id: ORG, urlKey: 'acme' } } } };
        return { body: { data: { teams: { nodes: [{ id: '9cfb482a-81e3-4154-b5b9-2c805e70a02d', key: 'ENG', name: 'Engineering', description: null }], pageInfo: { hasNextPage: false, endCursor: null } } } } };
      },
      'POST /api.linear.app/oauth/revoke': ({ body, headers }) => {
        const token = typeof body.refresh_token === 'string' ? body.refresh_token : (headers.authorization ?? '').replace(/^Bearer /, '');
        return grants.revoke(token) ? { status: 200, body: '' } : { status: 400, body: { error: 'invalid_request', error_description: 'Cannot revoke token' } };
      },
    });
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(linearToolkit.provider, wire.url)],
      connections: [
        { name: 'linear', provider: 'linear', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['write', 'issues:create'] },
        { name: 'linear_agent', provider: 'linear', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['write'], authorizationParams: { actor: 'app' } },
        { name: 'linear_keys', provider: 'linear', auth: 'api_key' },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const tokenRequests = () => wire.requests('POST /api.linear.app/oauth/token');

  it('authorizes with comma-separated scopes and PKCE, exchanges the code as a form, and records the workspace', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'linear', identifier: 'alice', code: 'lin-code-alice' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/linear.app/oauth/authorize');
    expect(authorizationUrl.searchParams.get('scope')).toBe('read,write,issues:create');
    expect(authorizationUrl.searchParams.get('response_type')).toBe('code');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.has('actor')).toBe(false);
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'lin-code-alice', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String) });

    const account = await t.ob.accounts.get({ connection: 'linear', identifier: 'alice' });
    expect(account).toMatchObject({ status: 'ACTIVE', scopes: ['read', 'write'], values: { organizationId: ORG, organizationUrlKey: 'acme', viewerId: 'user-alice' } });
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(23 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(86_399_000);
    // The identity query it sent is valid against Linear's published schema.
    const identity = wire.requests('POST /api.linear.app/graphql').at(-1)!;
    expect(identity.headers.authorization).toBe('Bearer lin_oauth_access_1');
    expect(specs.check('linear', { method: 'POST', url: 'https://api.linear.app/graphql', body: identity.body, contentType: identity.contentType })).toMatchObject({ ok: true, operation: 'Identity' });
  });

  it('asks for the app actor when the connection says so, and reads the array scopes of pre-2023 apps', async () => {
    const agent = await consentWithCode(t.ob, { connection: 'linear_agent', identifier: 'bob', code: 'lin-code-bob' });
    expect(agent.callback.status).toBe(200);
    expect(agent.authorizationUrl.searchParams.get('actor')).toBe('app');
    expect(agent.authorizationUrl.searchParams.get('scope')).toBe('read,write');

    const old = await consentWithCode(t.ob, { connection: 'linear', identifier: 'old', code: 'lin-code-old' });
    expect(old.callback.status).toBe(200);
    expect(await t.ob.accounts.get({ connection: 'linear', identifier: 'old' })).toMatchObject({ status: 'ACTIVE', scopes: ['read', 'write'] });
  });

  it('runs a tool with the OAuth token', async () => {
    const { data } = await t.ob.tools.execute({ identifier: 'alice', tool: 'linear_list_teams', input: {} });
    expect(data).toEqual({ teams: [{ id: '9cfb482a-81e3-4154-b5b9-2c805e70a02d', key: 'ENG', name: 'Engineering' }] });
  });

  it('refreshes a rotating token exactly once when many readers find it expired, and uses the new refresh token next time', async () => {
    const account = await t.ob.accounts.get({ connection: 'linear', identifier: 'alice' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const before = tokenRequests().length;
      const second = await t.reopen();
      const reads = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? second : t.ob).accounts.getAccessToken({ connection: 'linear', identifier: 'alice' })));
      expect(tokenRequests().slice(before).map((r) => [r.body.grant_type, r.body.refresh_token])).toEqual([['refresh_token', 'lin_oauth_refresh_1']]);
      expect(new Set(reads.map((r) => r.accessToken))).toEqual(new Set([reads[0]!.accessToken]));
      const rotated = await t.ob.accounts.getCredentials({ connection: 'linear', identifier: 'alice' });
      expect(rotated).toMatchObject({ type: 'oauth2', accessToken: reads[0]!.accessToken });
      const { refreshToken } = rotated as { refreshToken: string };
      expect(refreshToken).not.toBe('lin_oauth_refresh_1');

      await rows.expire(account.id);
      await t.ob.accounts.getAccessToken({ connection: 'linear', identifier: 'alice' });
      expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      expect((await t.ob.accounts.get({ connection: 'linear', identifier: 'alice' })).status).toBe('ACTIVE');
    } finally {
      await rows.close();
    }
  });

  it("a refresh token Linear no longer honours (invalid_grant) expires the account", async () => {
    grants.revokeSubject('old');
    await expectOnBehalfError(t.ob.accounts.refresh({ connection: 'linear', identifier: 'old' }), 'ACCOUNT_EXPIRED');
    expect(await t.ob.accounts.get({ connection: 'linear', identifier: 'old' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it("revokes at POST /oauth/revoke with the refresh token as a form field, which ends the grant", async () => {
    const { refreshToken, accessToken } = (await t.ob.accounts.getCredentials({ connection: 'linear', identifier: 'alice' })) as { refreshToken: string; accessToken: string };
    const revoked = await t.ob.accounts.revoke({ connection: 'linear', identifier: 'alice' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = wire.requests('POST /api.linear.app/oauth/revoke').at(-1)!;
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.body).toEqual({ refresh_token: refreshToken });
    expect(grants.subjectOf(accessToken)).toBeUndefined();

    // A grant already gone at Linear (400 "cannot revoke") is still revoked locally, reported as not confirmed.
    grants.revokeSubject('bob');
    expect(await t.ob.accounts.revoke({ connection: 'linear_agent', identifier: 'bob' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
  });

  it('sends a personal API key as it is, without Bearer', async () => {
    await t.ob.accounts.setCredentials({ connection: 'linear_keys', identifier: 'carol', credentials: { apiKey: API_KEY } });
    const { data } = await t.ob.tools.execute({ identifier: 'carol', tool: 'linear_list_teams', input: {}, connection: 'linear_keys' });
    expect(data).toMatchObject({ teams: [{ key: 'ENG' }] });
    expect(wire.requests('POST /api.linear.app/graphql').at(-1)!.headers.authorization).toBe(API_KEY);
  });
});
