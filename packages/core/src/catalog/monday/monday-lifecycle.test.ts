import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { createWireGrants } from '../../../test/support/wire-grants.ts';
import { MONDAY_API_VERSION, mondayToolkit } from './index.ts';

/**
 * monday.com's OAuth 2.1 lifecycle against a local server answering as monday documents it
 * (developer.monday.com/apps/docs/oauth-2-1, …/migrating-to-the-new-oauth-flow): PKCE S256
 * required, the token request as a JSON body at `/oauth_ms/oauth/token` with the client
 * credentials in it, access tokens that are signed JWTs and come without `expires_in`, refresh
 * tokens that rotate, `POST /oauth_ms/oauth/revoke` with a JSON body answering `{ success: true }`;
 * API tokens sent as they are in the Authorization header. The provider is the catalog's own,
 * its URLs moved onto the wire server (host kept in the path).
 */

const CLIENT_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CLIENT_SECRET = 'monday-secret-9f8e7d6c';
const API_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.personal-v2-token.sig';
const ACCESS_TTL_SECONDS = 3600;
const signingKey = randomBytes(32);
const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('..', import.meta.url)) });

/** What monday mints: an HS256 JWT whose `exp` is the only place its lifetime is written. */
const jwtFor = (n: number, subject: string) => new SignJWT({ uid: 4012689, actid: 1825528, aai: 11, rgn: 'use1', per: 'me:write', jti: `t${n}` })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(subject)
  .setIssuedAt()
  .setExpirationTime(`${ACCESS_TTL_SECONDS}s`)
  .sign(signingKey);

const invalidGrant = { status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token is invalid, expired or was already used' } };

describe("monday.com lifecycle in monday's own dialect (OAuth 2.1)", () => {
  let wire: WireServer;
  let t: TestOnBehalf;
  /** Access tokens are JWTs signed when minted (async), so the grants hand out placeholders that map to them. */
  const jwts = new Map<string, string>();
  const grants = createWireGrants({ prefix: 'monday', rotate: true });
  const codes: Record<string, string> = { 'monday-code-ida': 'ida', 'monday-code-ole': 'ole' };

  async function answer(pair: { access: string; refresh: string }) {
    const jwt = await jwtFor(jwts.size + 1, pair.access);
    jwts.set(jwt, pair.access);
    // No expires_in: monday's OAuth 2.1 answer leaves the lifetime to the JWT's exp.
    return { access_token: jwt, token_type: 'Bearer', scope: 'me:read boards:read boards:write', refresh_token: pair.refresh };
  }

  const who = (request: WireRequest) => {
    const header = request.headers.authorization ?? '';
    if (header === API_TOKEN) return 'token-owner';
    const placeholder = jwts.get(header.replace(/^Bearer /, ''));
    return placeholder ? grants.subjectOf(placeholder) : undefined;
  };

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /auth.monday.com/oauth_ms/oauth/token': async ({ contentType, body }) => {
        if (!contentType.startsWith('application/json')) return { status: 400, body: { error: 'invalid_request', error_description: 'Request body must be JSON' } };
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
        if (body.grant_type === 'authorization_code') {
          const subject = codes[String(body.code)];
          // PKCE is required: a code exchange without a verifier is refused.
          if (!subject || String(body.code_verifier ?? '').length < 43) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid authorization code or code_verifier' } };
          return { body: await answer(grants.issue(subject)) };
        }
        const next = body.grant_type === 'refresh_token' ? grants.refresh(String(body.refresh_token)) : undefined;
        return next ? { body: await answer(next) } : invalidGrant;
      },
      'POST /api.monday.com/v2': (request) => {
        const subject = who(request);
        if (!subject) return { status: 401, body: { errors: [{ message: 'Not Authenticated', extensions: { code: 'UNAUTHENTICATED', status_code: 401 } }] } };
        if (String(request.body.query).includes('me {')) return { body: { data: { me: { id: subject === 'ida' ? '4012689' : '4012690', account: { id: '1825528', slug: 'acme' } } }, account_id: 1825528 } };
        return { body: { data: { create_update: { id: '3501234567', body: 'Done', text_body: 'Done', created_at: '2026-12-03T09:40:00Z', creator: { name: 'Ida' } } }, account_id: 1825528 } };
      },
      'POST /auth.monday.com/oauth_ms/oauth/revoke': ({ contentType, body }) => {
        if (!contentType.startsWith('application/json') || body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 400, body: { error: 'invalid_request' } };
        return { body: { success: grants.revoke(String(body.token)) } };
      },
    });
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(mondayToolkit.provider, wire.url)],
      connections: [
        { name: 'monday', provider: 'monday', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['me:read', 'boards:read', 'boards:write'] },
        { name: 'monday_tokens', provider: 'monday', auth: 'api_key' },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const tokenRequests = () => wire.requests('POST /auth.monday.com/oauth_ms/oauth/token');

  it('authorizes with PKCE S256, exchanges the code as JSON, takes the expiry from the JWT exp, and records the account', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'monday', identifier: 'ida', code: 'monday-code-ida' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/auth.monday.com/oauth2/authorize');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizationUrl.searchParams.get('scope')).toBe('me:read boards:read boards:write');
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(exchange.rawBody)).toMatchObject({ grant_type: 'authorization_code', code: 'monday-code-ida', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String), redirect_uri: 'http://localhost:3000/onbehalf/callback/monday' });

    const account = await t.ob.accounts.get({ connection: 'monday', identifier: 'ida' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { userId: '4012689', accountId: '1825528', accountSlug: 'acme' } });
    // The token answer had no expires_in: the expiry is the JWT's exp, an hour after it was minted.
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan((ACCESS_TTL_SECONDS - 120) * 1000);
    expect(lifetime).toBeLessThanOrEqual((ACCESS_TTL_SECONDS + 1) * 1000);
    // The identity query carried the API version and is valid against monday's published schema.
    const identity = wire.requests('POST /api.monday.com/v2').at(-1)!;
    expect(identity.headers['api-version']).toBe(MONDAY_API_VERSION);
    expect(specs.check('monday', { method: 'POST', url: 'https://api.monday.com/v2', body: identity.body, contentType: identity.contentType })).toMatchObject({ ok: true, operation: 'Identity' });
  });

  it('refreshes once when many readers find the JWT expired, rotating the refresh token, and uses the new one next time', async () => {
    const account = await t.ob.accounts.get({ connection: 'monday', identifier: 'ida' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const before = tokenRequests().length;
      const second = await t.reopen();
      const reads = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? second : t.ob).accounts.getAccessToken({ connection: 'monday', identifier: 'ida' })));
      const refreshes = tokenRequests().slice(before);
      expect(refreshes.map((r) => [r.contentType.split(';')[0], r.body.grant_type, r.body.refresh_token])).toEqual([['application/json', 'refresh_token', 'monday_refresh_1']]);
      expect(new Set(reads.map((r) => r.accessToken)).size).toBe(1);
      expect(reads[0]!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + (ACCESS_TTL_SECONDS - 120) * 1000);

      await rows.expire(account.id);
      await t.ob.accounts.getAccessToken({ connection: 'monday', identifier: 'ida' });
      expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'monday_refresh_2' });
    } finally {
      await rows.close();
    }
    const { data } = await t.ob.tools.execute({ identifier: 'ida', tool: 'monday_post_update', input: { itemId: '4863065322', body: 'Done' }, connection: 'monday' });
    expect(data).toMatchObject({ id: '3501234567', text: 'Done' });
  });

  it('a refresh token monday no longer honours (invalid_grant) expires the account', async () => {
    expect((await consentWithCode(t.ob, { connection: 'monday', identifier: 'ole', code: 'monday-code-ole' })).callback.status).toBe(200);
    grants.revokeSubject('ole');
    await expectOnBehalfError(t.ob.accounts.refresh({ connection: 'monday', identifier: 'ole' }), 'ACCOUNT_EXPIRED');
    expect(await t.ob.accounts.get({ connection: 'monday', identifier: 'ole' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('revokes the refresh token with a JSON request and counts only success: true as confirmed', async () => {
    const { refreshToken } = (await t.ob.accounts.getCredentials({ connection: 'monday', identifier: 'ida' })) as { refreshToken: string };
    expect(await t.ob.accounts.revoke({ connection: 'monday', identifier: 'ida' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = wire.requests('POST /auth.monday.com/oauth_ms/oauth/revoke').at(-1)!;
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.body).toEqual({ token: refreshToken, token_type_hint: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(grants.revoke(refreshToken)).toBe(false);

    // Revoking again at monday answers success: false; the account is still revoked locally.
    expect((await consentWithCode(t.ob, { connection: 'monday', identifier: 'ida', code: 'monday-code-ida' })).callback.status).toBe(200);
    grants.revokeSubject('ida');
    expect(await t.ob.accounts.revoke({ connection: 'monday', identifier: 'ida' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
  });

  it('sends an API token as it is, with the API version', async () => {
    await t.ob.accounts.setCredentials({ connection: 'monday_tokens', identifier: 'kim', credentials: { apiKey: API_TOKEN } });
    await t.ob.tools.execute({ identifier: 'kim', tool: 'monday_post_update', input: { itemId: '4863065322', body: 'Done' }, connection: 'monday_tokens' });
    const sent = wire.requests('POST /api.monday.com/v2').at(-1)!;
    expect(sent.headers.authorization).toBe(API_TOKEN);
    expect(sent.headers['api-version']).toBe(MONDAY_API_VERSION);
  });
});
