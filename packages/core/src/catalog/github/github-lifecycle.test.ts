import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * GitHub's OAuth lifecycle against a local server speaking its dialect, as GitHub documents it
 * (docs.github.com: authorizing-oauth-apps, refreshing-user-access-tokens, rest/apps/oauth-applications),
 * laid out like a GitHub Enterprise Server host (`/login/oauth/*`, API under `/api/v3`) so the
 * connection's `endpoints` are what a GHES connection sets:
 * - the token endpoint takes the client secret in the form body and answers form-encoded unless
 *   asked for JSON; every failure is HTTP 200 with `error` (`bad_verification_code`,
 *   `bad_refresh_token`, `incorrect_client_credentials`); scopes come back comma-separated;
 * - an OAuth App without expiring tokens gets a `gho_` token with no `expires_in` and no refresh token;
 * - a GitHub App (or an OAuth App that opted in) gets an 8-hour `ghu_` token and a 6-month `ghr_`
 *   refresh token; a refresh invalidates the old pair and a spent refresh token is `bad_refresh_token`;
 * - revocation is `DELETE /applications/{client_id}/grant`, Basic with the app's own id and secret,
 *   `{ access_token }` in a JSON body, 204 on success (404 when the credentials are wrong).
 */

const CLIENT_ID = 'Iv23liGhAppClient01';
const CLIENT_SECRET = 'b4c0ffee5ecret0f7heGitHubApp0000000000aa';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const EIGHT_HOURS = 28_800;

describe('GitHub lifecycle in GitHub\'s own dialect (GitHub Enterprise Server layout)', () => {
  let t: TestOnBehalf;
  let gh: WireServer;
  /** Tokens GitHub honours now: access token → login; refresh token → the access token it was minted with. */
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  let minted = 0;

  const ghError = (error: string, description: string) => ({ body: { error, error_description: description, error_uri: `https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#${error.replaceAll('_', '-')}` } });

  function mint(kind: 'classic' | 'expiring', login: string) {
    minted += 1;
    const token = `${kind === 'classic' ? 'gho' : 'ghu'}_${String(minted).padStart(36, '0')}`;
    access.set(token, login);
    if (kind === 'classic') return { access_token: token, token_type: 'bearer', scope: 'repo,read:user' };
    const refreshToken = `ghr_${String(minted).padStart(76, '0')}`;
    refresh.set(refreshToken, token);
    return { access_token: token, expires_in: EIGHT_HOURS, refresh_token: refreshToken, refresh_token_expires_in: 15_897_600, token_type: 'bearer', scope: '' };
  }

  /** GitHub answers form-encoded unless the client asks for JSON. */
  function answer(request: WireRequest, body: Record<string, unknown>) {
    if ((request.headers.accept ?? '').includes('application/json')) return { body };
    return { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString() };
  }

  beforeAll(async () => {
    gh = await startWireServer({
      'POST /login/oauth/access_token': (request) => {
        const form = request.body as Record<string, string | undefined>;
        if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET) return answer(request, ghError('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.').body);
        if (form.grant_type === 'refresh_token') {
          const previous = form.refresh_token ? refresh.get(form.refresh_token) : undefined;
          if (!previous) return answer(request, ghError('bad_refresh_token', 'The refresh token passed is incorrect or expired.').body);
          // A refresh spends the refresh token and the access token minted with it.
          refresh.delete(form.refresh_token!);
          const login = access.get(previous) ?? 'octocat';
          access.delete(previous);
          return answer(request, mint('expiring', login));
        }
        if (form.code === 'code-classic') return answer(request, mint('classic', 'octocat'));
        if (form.code === 'code-expiring' || form.code === 'code-expiring-2') return answer(request, mint('expiring', 'octocat'));
        return answer(request, ghError('bad_verification_code', 'The code passed is incorrect or expired.').body);
      },
      'GET /api/v3/user': (request) => {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const login = token ? access.get(token) : undefined;
        if (!login) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
        return { body: { login, id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', type: 'User', site_admin: false, name: 'The Octocat' } };
      },
      [`DELETE /api/v3/applications/${CLIENT_ID}/grant`]: (request) => {
        if (request.headers.authorization !== BASIC) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization', status: '404' } };
        const token = request.body.access_token;
        if (typeof token !== 'string' || !access.has(token)) return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'OauthAccess', code: 'invalid', field: 'access_token' }], documentation_url: 'https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization', status: '422' } };
        // The whole grant goes: every token of this app for the person.
        const login = access.get(token);
        for (const [tok, who] of access) if (who === login) access.delete(tok);
        for (const [rt, tok] of refresh) if (!access.has(tok)) refresh.delete(rt);
        return { status: 204 };
      },
    });
    const endpoints = { authorizationUrl: `${gh.url}/login/oauth/authorize`, tokenUrl: `${gh.url}/login/oauth/access_token`, apiBaseUrl: `${gh.url}/api/v3` };
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'github', provider: 'github', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['repo', 'read:user'], endpoints },
        { name: 'github_app', provider: 'github', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints },
        { name: 'github_pat', provider: 'github', auth: 'bearer', endpoints: { apiBaseUrl: `${gh.url}/api/v3` } },
        { name: 'github_app_2', provider: 'github', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await gh.close();
  });

  const user = (connection: string, identifier: string) => t.ob.fetch({ connection, identifier }, '/user');
  const tokenRequests = () => gh.requests('POST /login/oauth/access_token');

  it('an OAuth App: PKCE and space-separated scopes on the host\'s authorize URL, the secret in the body, JSON asked for, a token that never expires', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'github', identifier: 'ann', code: 'code-classic' });
    expect(callback.status).toBe(200);
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${gh.url}/login/oauth/authorize`);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', scope: 'repo read:user', code_challenge_method: 'S256', state: expect.any(String) });
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.headers.accept).toContain('application/json');
    expect(exchange.headers.authorization).toBeUndefined();
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'code-classic', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String), redirect_uri: 'http://localhost:3000/onbehalf/callback/github' });

    expect(await t.ob.accounts.get({ connection: 'github', identifier: 'ann' })).toMatchObject({ status: 'ACTIVE', scopes: ['repo', 'read:user'], expiresAt: null, values: { login: 'octocat', userId: '583231' } });
    // The provider identity reconnects are compared on: the numeric id (it survives a rename), the login to show.
    expect((await t.ob.accounts.get({ connection: 'github', identifier: 'ann' })).identity).toEqual({ subject: '583231', display: 'octocat' });
    // Who it is comes from GET /user under the host's /api/v3, with the new token.
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'github', identifier: 'ann' })) as { accessToken: string };
    expect(gh.requests('GET /api/v3/user').at(-1)!.headers.authorization).toBe(`Bearer ${accessToken}`);
    const before = tokenRequests().length;
    for (let i = 0; i < 3; i += 1) expect((await user('github', 'ann')).status).toBe(200);
    expect(tokenRequests()).toHaveLength(before);
  });

  it('a code GitHub refuses with HTTP 200 leaves the account PENDING with GitHub\'s reason', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'github', identifier: 'eve', code: 'stale-code' });
    expect(callback.status).toBe(502);
    expect(await t.ob.accounts.get({ connection: 'github', identifier: 'eve' })).toMatchObject({ status: 'PENDING', statusReason: 'bad_verification_code' });
  });

  it('a GitHub App: 8-hour user tokens, refreshed with the rotating refresh token (the old pair dies), the new pair stored', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'github_app', identifier: 'bob', code: 'code-expiring' });
    expect(callback.status).toBe(200);
    const connected = await t.ob.accounts.get({ connection: 'github_app', identifier: 'bob' });
    expect(connected.status).toBe('ACTIVE');
    const lifetime = connected.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan((EIGHT_HOURS - 120) * 1000);
    expect(lifetime).toBeLessThanOrEqual(EIGHT_HOURS * 1000);
    const first = (await t.ob.accounts.getCredentials({ connection: 'github_app', identifier: 'bob' })) as { accessToken: string; refreshToken: string };
    expect(first.accessToken).toMatch(/^ghu_/);
    expect(first.refreshToken).toMatch(/^ghr_/);

    await t.ob.accounts.refresh({ connection: 'github_app', identifier: 'bob' });
    const grant = tokenRequests().at(-1)!;
    expect(grant.headers.accept).toContain('application/json');
    expect(grant.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: first.refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const second = (await t.ob.accounts.getCredentials({ connection: 'github_app', identifier: 'bob' })) as { accessToken: string; refreshToken: string };
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(access.has(first.accessToken)).toBe(false);
    expect(refresh.has(first.refreshToken)).toBe(false);
    expect((await user('github_app', 'bob')).status).toBe(200);
  });

  it('a 401 from the API refreshes once and retries with the new token', async () => {
    const before = (await t.ob.accounts.getCredentials({ connection: 'github_app', identifier: 'bob' })) as { accessToken: string; refreshToken: string };
    access.delete(before.accessToken); // GitHub stopped honouring it (e.g. the 8 hours ran out early)
    const requests = tokenRequests().length;
    expect((await user('github_app', 'bob')).status).toBe(200);
    expect(tokenRequests()).toHaveLength(requests + 1);
    expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refreshToken });
  });

  it('bad_refresh_token, sent with HTTP 200, ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'github_app', identifier: 'cid', code: 'code-expiring-2' });
    expect(callback.status).toBe(200);
    const { refreshToken } = (await t.ob.accounts.getCredentials({ connection: 'github_app', identifier: 'cid' })) as { refreshToken: string };
    refresh.delete(refreshToken); // spent elsewhere, or past its 6 months
    const failure = await t.ob.accounts.refresh({ connection: 'github_app', identifier: 'cid' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'github_app', identifier: 'cid' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('revokes the grant with DELETE /applications/{client_id}/grant under the API base, Basic app credentials and the token in JSON', async () => {
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'github', identifier: 'ann' })) as { accessToken: string };
    const revoked = await t.ob.accounts.revoke({ connection: 'github', identifier: 'ann' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = gh.requests(`DELETE /api/v3/applications/${CLIENT_ID}/grant`).at(-1)!;
    expect(request.headers.authorization).toBe(BASIC);
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.body).toEqual({ access_token: accessToken });
    expect(access.has(accessToken)).toBe(false);
  });

  it('a revocation GitHub refuses (the app\'s secret changed) is reported, and the tokens are gone locally anyway', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'github', identifier: 'dee', code: 'code-classic' });
    expect(callback.status).toBe(200);
    await t.ob.connections.upsert({ name: 'github', provider: 'github', clientId: CLIENT_ID, clientSecret: 'rotated-elsewhere', scopes: ['repo', 'read:user'], endpoints: { authorizationUrl: `${gh.url}/login/oauth/authorize`, tokenUrl: `${gh.url}/login/oauth/access_token`, apiBaseUrl: `${gh.url}/api/v3` } });
    const revoked = await t.ob.accounts.revoke({ connection: 'github', identifier: 'dee' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    const after = await t.ob.accounts.getCredentials({ connection: 'github', identifier: 'dee' }).then(() => 'served', (error: unknown) => error);
    expect(isOnBehalfError(after)).toBe(true);
  });

  it('a personal access token (fine-grained or classic) is the second method: sent as a Bearer token to the API', async () => {
    const pat = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789abcdefghijk';
    access.set(pat, 'octocat');
    await t.ob.accounts.setCredentials({ connection: 'github_pat', identifier: 'ann', credentials: { token: pat } });
    const response = await user('github_pat', 'ann');
    expect(response.status).toBe(200);
    expect(gh.requests('GET /api/v3/user').at(-1)!.headers.authorization).toBe(`Bearer ${pat}`);
    expect(await response.json()).toMatchObject({ login: 'octocat' });
  });

  it('incorrect_client_credentials on a refresh (the app\'s secret was rotated) puts the account in ERROR, not EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'github_app_2', identifier: 'fay', code: 'code-expiring' });
    expect(callback.status).toBe(200);
    await t.ob.connections.upsert({ name: 'github_app_2', provider: 'github', clientId: CLIENT_ID, clientSecret: 'rotated-elsewhere', endpoints: { authorizationUrl: `${gh.url}/login/oauth/authorize`, tokenUrl: `${gh.url}/login/oauth/access_token`, apiBaseUrl: `${gh.url}/api/v3` } });
    const failure = await t.ob.accounts.refresh({ connection: 'github_app_2', identifier: 'fay' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_ERROR')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'github_app_2', identifier: 'fay' })).toMatchObject({ status: 'ERROR', statusReason: expect.stringContaining('invalid_client') });
  });
});
