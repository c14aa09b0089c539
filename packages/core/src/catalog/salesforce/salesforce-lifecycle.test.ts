import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireRoutes, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { salesforceToolkit } from './index.ts';

/**
 * Salesforce's OAuth lifecycle against a local server speaking its dialect, as its help and REST
 * guide document it (OAuth 2.0 web server flow, refresh token flow, token introspection, token
 * revocation): sign-in, token, introspection and revocation on the login host (production,
 * sandbox or My Domain); a token answer without `expires_in` but with `instance_url`, `id`,
 * `issued_at` and `signature`; API calls on the instance; `INVALID_SESSION_ID` (401) when the
 * session times out; refresh answers without a refresh token unless the app rotates them. The
 * provider is the catalog's own, its URLs moved onto the wire server with the host as the first
 * path segment (`/login.salesforce.com/services/oauth2/token`, `/acme.my.salesforce.com/services/data/…`).
 */

const CLIENT_ID = '3MVG9JZ_r.QzrS7i1ZxQbGKHbUe9eCkOQ5R3Dc6z0y2S7Fvj1XO2Eq6u8vMJa4t';
const CLIENT_SECRET = 'C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2';
const ORG = '00D5g000004XyzEEAS';
const USER = '0055g00000AbCdEAAV';
const SESSION_SECONDS = 7200;
const LOGIN_HOSTS = ['login.salesforce.com', 'test.salesforce.com', 'acme.my.salesforce.com'];
const INSTANCES = ['acme.my.salesforce.com', 'acme--uat.sandbox.my.salesforce.com'];

interface Grant { refresh: string; rotating: boolean; instance: string; loginHost: string }

describe("Salesforce lifecycle in Salesforce's own dialect", () => {
  let t: TestOnBehalf;
  let wire: WireServer;
  /** Live sessions: access token → expiry (seconds) and its grant. */
  const sessions = new Map<string, { exp: number; grant: Grant }>();
  const grants = new Map<string, Grant>();
  let minted = 0;
  /** What the next code exchange names as instance_url (a tampered answer, in one test). */
  let nextInstanceUrl: string | undefined;

  function session(grant: Grant, withRefresh: boolean) {
    minted += 1;
    const access = `${ORG}!AQ4AQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJWwYMfAbUeeG7c1E6LYUfiDUkWe6H34r1AAwOR8B8fLEz6n04NPGRrq0FM-${minted}`;
    sessions.set(access, { exp: Math.floor(Date.now() / 1000) + SESSION_SECONDS, grant });
    const instanceUrl = nextInstanceUrl ?? `https://${grant.instance}`;
    nextInstanceUrl = undefined;
    return {
      access_token: access,
      ...(withRefresh ? { refresh_token: grant.refresh } : {}),
      signature: 'uLx6sOPVp3kW2o1mUoOz7Dw3fjFHl5xFxRZYhXzVc3g=',
      scope: 'refresh_token api',
      instance_url: instanceUrl,
      id: `https://${grant.loginHost}/id/${ORG}/${USER}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
    };
  }

  const clientAuthenticated = (body: Record<string, unknown>) => body.client_id === CLIENT_ID && body.client_secret === CLIENT_SECRET;
  const invalidGrant = (description: string) => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });

  beforeAll(async () => {
    const routes: WireRoutes = {};
    for (const loginHost of LOGIN_HOSTS) {
      routes[`POST /${loginHost}/services/oauth2/token`] = (request) => {
        const body = request.body as Record<string, string | undefined>;
        if (!clientAuthenticated(body)) return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
        if (body.grant_type === 'authorization_code') {
          // External Client Apps require PKCE.
          if (!body.code_verifier) return invalidGrant('invalid code verifier');
          const instance = loginHost === 'test.salesforce.com' ? INSTANCES[1]! : INSTANCES[0]!;
          if (body.code !== 'sf-code' && body.code !== 'sf-code-rotating') return invalidGrant('invalid authorization code');
          const grant: Grant = { refresh: `5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrqFH8r3mE9vqB-${minted}`, rotating: body.code === 'sf-code-rotating', instance, loginHost };
          grants.set(grant.refresh, grant);
          return { body: session(grant, true) };
        }
        const grant = grants.get(body.refresh_token ?? '');
        if (body.grant_type !== 'refresh_token' || !grant || grant.loginHost !== loginHost) return invalidGrant('expired access/refresh token');
        if (grant.rotating) {
          grants.delete(grant.refresh);
          grant.refresh = `${grant.refresh.split('~')[0]}~${minted}`;
          grants.set(grant.refresh, grant);
        }
        return { body: session(grant, grant.rotating) };
      };
      routes[`POST /${loginHost}/services/oauth2/introspect`] = (request) => {
        if (!clientAuthenticated(request.body)) return { status: 401, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
        const live = sessions.get(String(request.body.token));
        if (!live) return { body: { active: false } };
        return { body: { active: true, scope: 'api refresh_token', client_id: CLIENT_ID, username: 'maria@acme.example', sub: `https://${loginHost}/id/${ORG}/${USER}`, token_type: 'access_token', exp: live.exp, iat: live.exp - SESSION_SECONDS, nbf: live.exp - SESSION_SECONDS } };
      };
      routes[`POST /${loginHost}/services/oauth2/revoke`] = (request) => {
        const token = String(request.body.token ?? '');
        const grant = grants.get(token);
        if (!grant && !sessions.has(token)) return { status: 400, body: { error: 'unsupported_token_type', error_description: 'this token type is not supported' } };
        // A refresh token ends the grant and every session it issued.
        grants.delete(token);
        for (const [access, live] of sessions) if (live.grant === grant || access === token) sessions.delete(access);
        return { status: 200 };
      };
    }
    for (const instance of INSTANCES) {
      routes[`GET /${instance}/services/data/v64.0/limits`] = (request: WireRequest) => {
        const live = sessions.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
        if (!live || live.grant.instance !== instance) return { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
        return { body: { DailyApiRequests: { Max: 15000, Remaining: 14998 } } };
      };
    }
    wire = await startWireServer(routes);
    const connection = { provider: 'salesforce', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(salesforceToolkit.provider, wire.url)],
      connections: [
        { name: 'salesforce', ...connection },
        { name: 'salesforce_sandbox', ...connection, settings: { loginHost: 'test.salesforce.com' } },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const limits = (identifier: string, connection = 'salesforce') => t.ob.fetch({ connection, identifier }, '/limits');
  const token = async (identifier: string, connection = 'salesforce') => (await t.ob.accounts.getCredentials({ connection, identifier })) as { accessToken: string; refreshToken: string | null };

  it('connects at the production login host with PKCE, learns the expiry by introspection and calls the instance', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'salesforce', identifier: 'maria', code: 'sf-code' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/login.salesforce.com/services/oauth2/authorize');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('scope')?.split(' ').sort()).toEqual(['api', 'refresh_token']);
    const exchange = wire.requests('POST /login.salesforce.com/services/oauth2/token').at(-1)!;
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'sf-code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String) });

    const account = await t.ob.accounts.get({ connection: 'salesforce', identifier: 'maria' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { instanceHost: 'acme.my.salesforce.com', orgId: ORG, userId: USER } });
    const introspected = wire.requests('POST /login.salesforce.com/services/oauth2/introspect').at(-1)!;
    expect(introspected.body).toMatchObject({ token: (await token('maria')).accessToken, client_id: CLIENT_ID });
    // The session's own end, from the introspection endpoint (the token answer has no expires_in).
    const { exp } = sessions.get((await token('maria')).accessToken)!;
    expect(account.expiresAt!.getTime()).toBe(exp * 1000);

    expect((await limits('maria')).status).toBe(200);
    expect(wire.requests('GET /acme.my.salesforce.com/services/data/v64.0/limits')).toHaveLength(1);
  });

  it('a timed-out session (401 INVALID_SESSION_ID) refreshes once at the login host and retries; the refresh token is kept', async () => {
    const before = await token('maria');
    sessions.delete(before.accessToken);
    const refreshes = wire.requests('POST /login.salesforce.com/services/oauth2/token').length;
    expect((await limits('maria')).status).toBe(200);
    const sent = wire.requests('POST /login.salesforce.com/services/oauth2/token').slice(refreshes);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refreshToken, client_secret: CLIENT_SECRET });
    const after = await token('maria');
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
  });

  it('keeps the new refresh token when the app rotates them, and the old one is dead', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'salesforce', identifier: 'rot', code: 'sf-code-rotating' });
    expect(callback.status).toBe(200);
    const first = await token('rot');
    await t.ob.accounts.refresh({ connection: 'salesforce', identifier: 'rot' });
    const second = await token('rot');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(grants.has(first.refreshToken!)).toBe(false);
    await t.ob.accounts.refresh({ connection: 'salesforce', identifier: 'rot' });
    expect(wire.requests('POST /login.salesforce.com/services/oauth2/token').at(-1)!.body).toMatchObject({ refresh_token: second.refreshToken });
  });

  it('a sandbox connection (settings.loginHost) signs in, introspects and refreshes at test.salesforce.com and calls its sandbox instance', async () => {
    expect((await t.ob.connections.get('salesforce_sandbox')).settings).toEqual({ loginHost: 'test.salesforce.com' });
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'salesforce_sandbox', identifier: 'qa', code: 'sf-code' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/test.salesforce.com/services/oauth2/authorize');
    expect(await t.ob.accounts.get({ connection: 'salesforce_sandbox', identifier: 'qa' })).toMatchObject({ values: { instanceHost: 'acme--uat.sandbox.my.salesforce.com' } });
    expect(wire.requests('POST /test.salesforce.com/services/oauth2/introspect')).toHaveLength(1);
    await t.ob.accounts.refresh({ connection: 'salesforce_sandbox', identifier: 'qa' });
    expect(wire.requests('POST /test.salesforce.com/services/oauth2/token').map((r) => r.body.grant_type)).toEqual(['authorization_code', 'refresh_token']);
    expect((await limits('qa', 'salesforce_sandbox')).status).toBe(200);
  });

  it('a My Domain given with the link (fields.loginHost) is where the person signs in', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'salesforce', identifier: 'mydomain', code: 'sf-code', fields: { loginHost: 'acme.my.salesforce.com' } });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/acme.my.salesforce.com/services/oauth2/authorize');
    expect(wire.requests('POST /acme.my.salesforce.com/services/oauth2/token')).toHaveLength(1);
    expect(await t.ob.accounts.get({ connection: 'salesforce', identifier: 'mydomain' })).toMatchObject({ values: { loginHost: 'acme.my.salesforce.com', instanceHost: 'acme.my.salesforce.com' } });
  });

  it.each(['evil.example', 'login.salesforce.com.evil.example', 'login.salesforce.com@evil.example', 'evil.example#.my.salesforce.com', 'acme.my.salesforce.com/../x', 'acme.my.salesforce.com:8443', 'acme.lightning.force.com', '../'])('refuses the login host %j, per link or per connection, before anything is sent', async (loginHost) => {
    const before = wire.seen.length;
    await expectOnBehalfError(t.ob.accounts.authorizationLink({ connection: 'salesforce', identifier: 'mallory', fields: { loginHost } }), 'INVALID_INPUT');
    await expectOnBehalfError(t.ob.connections.upsert({ name: 'salesforce_evil', provider: 'salesforce', clientId: CLIENT_ID, settings: { loginHost } }), 'CONNECTION_INVALID');
    expect(wire.seen.length).toBe(before);
  });

  it('an instance_url that is not a salesforce.com host is refused: the account stays unconnected and nothing is sent there', async () => {
    nextInstanceUrl = 'https://evil.example';
    const { callback } = await consentWithCode(t.ob, { connection: 'salesforce', identifier: 'tampered', code: 'sf-code' });
    expect(callback.status).toBe(502);
    expect(await t.ob.accounts.get({ connection: 'salesforce', identifier: 'tampered' })).toMatchObject({ status: 'PENDING', values: {} });
    expect(wire.seen.some((r) => r.path.startsWith('/evil.example'))).toBe(false);
  });

  it('a refresh token Salesforce refuses (invalid_grant) ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'salesforce', identifier: 'gone', code: 'sf-code' });
    expect(callback.status).toBe(200);
    const { accessToken, refreshToken } = await token('gone');
    grants.delete(refreshToken!);
    sessions.delete(accessToken);
    const failure = await limits('gone').then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'salesforce', identifier: 'gone' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('revokes the refresh token at the login host (RFC 7009), which ends its sessions', async () => {
    const { accessToken, refreshToken } = await token('maria');
    const revoked = await t.ob.accounts.revoke({ connection: 'salesforce', identifier: 'maria' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(wire.requests('POST /login.salesforce.com/services/oauth2/revoke').at(-1)!.body).toMatchObject({ token: refreshToken, token_type_hint: 'refresh_token' });
    expect(sessions.has(accessToken)).toBe(false);
  });
});
