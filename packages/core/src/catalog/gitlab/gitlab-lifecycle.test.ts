import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * GitLab's OAuth lifecycle against a local server answering as GitLab documents it
 * (docs.gitlab.com/api/oauth2): PKCE, the client id and secret in the form body, 2-hour tokens
 * whose refresh returns a new pair and invalidates the old one, `created_at` in every answer and
 * `expires_in` missing from some versions' answers, RFC 7009 revocation at `/oauth/revoke`
 * (Doorkeeper), API errors `{ message }` and 401 `{ error: 'invalid_token' }`.
 */
describe('GitLab lifecycle in GitLab\'s own dialect', () => {
  let gitlab: WireServer;
  let t: TestOnBehalf;
  const liveAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  let minted = 0;
  let omitExpiresIn = false;

  function mint() {
    minted += 1;
    const access = `glpat-oauth-access-${minted}`;
    const refresh = `glrt-refresh-${minted}`;
    liveAccess.add(access);
    liveRefresh.add(refresh);
    const answer: Record<string, unknown> = { access_token: access, token_type: 'Bearer', refresh_token: refresh, scope: 'read_user api', created_at: Math.floor(Date.now() / 1000) };
    if (!omitExpiresIn) answer.expires_in = 7200;
    return answer;
  }

  const authorized = (request: WireRequest) => liveAccess.has(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
  const clientOk = (request: WireRequest) => request.body.client_id === 'gl-app' && request.body.client_secret === 'gloas-secret';

  beforeAll(async () => {
    gitlab = await startWireServer({
      'POST /oauth/token': (request) => {
        if (!clientOk(request)) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' } };
        const { grant_type: grant, code, code_verifier: verifier, refresh_token: refresh } = request.body as Record<string, string>;
        if (grant === 'authorization_code') return code === 'good' && verifier ? { body: mint() } : { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' } };
        if (grant === 'refresh_token') {
          if (!liveRefresh.delete(String(refresh))) return { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' } };
          return { body: mint() };
        }
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      },
      'POST /oauth/revoke': (request) => {
        if (!clientOk(request)) return { status: 403, body: { error: 'unauthorized_client' } };
        liveRefresh.delete(String(request.body.token));
        return { status: 200, body: {} };
      },
      'GET /api/v4/user': (request) => (authorized(request) ? { body: { id: 1, username: 'jsmith', name: 'John Smith' } } : { status: 401, body: { error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' } }),
    });
    t = await createTestOnBehalf('sqlite', {
      baseUrl: 'http://localhost:3000/onbehalf',
      connections: [{
        name: 'gitlab',
        provider: 'gitlab',
        clientId: 'gl-app',
        clientSecret: 'gloas-secret',
        scopes: ['api'],
        endpoints: { authorizationUrl: `${gitlab.url}/oauth/authorize`, tokenUrl: `${gitlab.url}/oauth/token`, revocationUrl: `${gitlab.url}/oauth/revoke`, apiBaseUrl: `${gitlab.url}/api/v4` },
      }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await gitlab?.close();
  });

  it('puts a self-managed host in every URL, and refuses a host that could point elsewhere', async () => {
    const connection = await t.ob.connections.upsert({ name: 'gitlab-acme', provider: 'gitlab', clientId: 'gl-acme', clientSecret: 's', settings: { host: 'gitlab.acme.test' } });
    expect(connection.settings).toEqual({ host: 'gitlab.acme.test' });
    expect((await t.ob.connections.upsert({ name: 'gitlab-com', provider: 'gitlab', clientId: 'gl-com' })).settings).toEqual({ host: 'gitlab.com' });
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'gitlab-acme', identifier: 'u0' });
    const start = await t.ob.handler(new Request(link));
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://gitlab.acme.test/oauth/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const host of ['evil.example#', 'x.gitlab.com@evil.test', '../', 'gitlab.acme.test/evil', 'gitlab.acme.test:8443']) {
      await expectOnBehalfError(t.ob.connections.upsert({ name: 'gitlab-bad', provider: 'gitlab', clientId: 'x', settings: { host } }), 'CONNECTION_INVALID');
    }
  });

  it('connects with PKCE and the secret in the body, and calls the API with the token', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'gitlab', identifier: 'js', code: 'good' });
    expect(callback.status).toBe(200);
    expect(gitlab.requests('POST /oauth/token')[0]!.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'gl-app', client_secret: 'gloas-secret', code_verifier: expect.any(String) });
    const account = await t.ob.accounts.get({ connection: 'gitlab', identifier: 'js' });
    expect(account).toMatchObject({ status: 'ACTIVE', scopes: ['read_user', 'api'] });
    expect(account.expiresAt!.getTime() - Date.now()).toBeGreaterThan(7100_000);
    expect(await (await t.ob.fetch({ connection: 'gitlab', identifier: 'js' }, '/user')).json()).toMatchObject({ username: 'jsmith' });
  });

  it('an answer without expires_in still expires 2 hours after created_at', async () => {
    omitExpiresIn = true;
    try {
      const { callback } = await consentWithCode(t.ob, { connection: 'gitlab', identifier: 'old', code: 'good' });
      expect(callback.status).toBe(200);
      const { expiresAt } = await t.ob.accounts.get({ connection: 'gitlab', identifier: 'old' });
      expect(expiresAt).not.toBeNull();
      expect(Math.abs(expiresAt!.getTime() - (Date.now() + 7200_000))).toBeLessThan(5_000);
    } finally {
      omitExpiresIn = false;
    }
  });

  it('stores the new pair a refresh returns, since the old one stops working', async () => {
    const account = await t.ob.accounts.get({ connection: 'gitlab', identifier: 'js' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const first = await t.ob.accounts.getAccessToken({ connection: 'gitlab', identifier: 'js' });
      await rows.expire(account.id);
      const second = await t.ob.accounts.getAccessToken({ connection: 'gitlab', identifier: 'js' });
      expect(second.accessToken).not.toBe(first.accessToken);
      const sent = gitlab.requests('POST /oauth/token').filter((r) => r.body.grant_type === 'refresh_token').map((r) => r.body.refresh_token);
      expect(new Set(sent).size).toBe(sent.length);
      liveRefresh.clear();
      await rows.expire(account.id);
      await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'gitlab', identifier: 'js' }), 'ACCOUNT_EXPIRED');
    } finally {
      await rows.close();
    }
  });

  it('revokes with RFC 7009 at /oauth/revoke', async () => {
    const revoked = await t.ob.accounts.revoke({ connection: 'gitlab', identifier: 'old' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(gitlab.requests('POST /oauth/revoke').at(-1)!.body).toMatchObject({ token: expect.stringMatching(/^glrt-refresh-/), token_type_hint: 'refresh_token', client_id: 'gl-app' });
  });

  it('takes a personal access token as the second method, sent as PRIVATE-TOKEN', async () => {
    await t.ob.connections.upsert({ name: 'gitlab-pat', provider: 'gitlab', auth: 'api_key', endpoints: { apiBaseUrl: `${gitlab.url}/api/v4` } });
    await t.ob.accounts.setCredentials({ connection: 'gitlab-pat', identifier: 'js', credentials: { apiKey: 'glpat-xxxxxxxxxxxxxxxxxxxx' } });
    await t.ob.fetch({ connection: 'gitlab-pat', identifier: 'js' }, '/user');
    expect(gitlab.requests('GET /api/v4/user').at(-1)!.headers['private-token']).toBe('glpat-xxxxxxxxxxxxxxxxxxxx');
  });
});
