import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { testDialects } from '../../../test/support/databases.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * Jira's OAuth 2.0 (3LO) lifecycle against a local server answering as Atlassian documents it
 * (developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps, .../oauth/getting-started/refresh-tokens):
 * `audience`, `prompt=consent` and `offline_access` on the authorize URL; client id and secret in
 * the token request body; one-hour access tokens; refresh tokens that rotate on every use, the
 * one sent becoming invalid (403 `invalid_grant` "Unknown or invalid refresh token."); the sites
 * a token covers at `/oauth/token/accessible-resources`; every API call through
 * `/ex/jira/{cloudId}`; no revocation endpoint.
 */

const ACME = '11223344-a1b2-3b33-c444-def123456789';
const BETA = '99887766-a1b2-3b33-c444-def123456789';

describe.each(testDialects)('Jira (Atlassian 3LO) lifecycle [%s]', (dialect) => {
  let atlassian: WireServer;
  let t: TestOnBehalf;
  /** The refresh tokens Atlassian honours now: each works once. */
  const liveRefresh = new Set<string>();
  const liveAccess = new Set<string>();
  /** The sites each code's grant covers. */
  const sitesFor: Record<string, { id: string; url: string; name: string }[]> = {
    'code-one': [{ id: ACME, url: 'https://acme.atlassian.net', name: 'acme' }],
    'code-two': [{ id: ACME, url: 'https://acme.atlassian.net', name: 'acme' }, { id: BETA, url: 'https://beta.atlassian.net', name: 'beta' }],
  };
  const grantOfToken = new Map<string, string>();
  let minted = 0;

  function mint(code: string) {
    minted += 1;
    const access = `eyJ-access-${minted}`;
    const refresh = `eyJ-refresh-${minted}`;
    liveAccess.add(access);
    liveRefresh.add(refresh);
    grantOfToken.set(access, code);
    grantOfToken.set(refresh, code);
    return { access_token: access, refresh_token: refresh, expires_in: 3600, scope: 'read:jira-work write:jira-work offline_access', token_type: 'Bearer' };
  }

  const bearer = (request: WireRequest) => request.headers.authorization?.replace(/^Bearer /, '') ?? '';

  beforeAll(async () => {
    atlassian = await startWireServer({
      'POST /oauth/token': ({ body }) => {
        if (body.client_id !== 'atl-client' || body.client_secret !== 'atl-secret') return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
        if (body.grant_type === 'authorization_code') {
          const code = String(body.code);
          return sitesFor[code] ? { body: mint(code) } : { status: 403, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } };
        }
        if (body.grant_type === 'refresh_token') {
          const sent = String(body.refresh_token);
          if (!liveRefresh.delete(sent)) return { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } };
          return { body: mint(grantOfToken.get(sent)!) };
        }
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      },
      'GET /oauth/token/accessible-resources': (request) => {
        const code = grantOfToken.get(bearer(request));
        return code && liveAccess.has(bearer(request)) ? { body: sitesFor[code]!.map((s) => ({ ...s, scopes: ['read:jira-work', 'write:jira-work'], avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png' })) } : { status: 401, body: { code: 401, message: 'Unauthorized' } };
      },
      [`GET /ex/jira/${ACME}/rest/api/3/myself`]: (request) => (liveAccess.has(bearer(request)) ? { body: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof', active: true } } : { status: 401, body: { code: 401, message: 'Unauthorized' } }),
      [`GET /ex/jira/${BETA}/rest/api/3/myself`]: (request) => (liveAccess.has(bearer(request)) ? { body: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof (beta)', active: true } } : { status: 401, body: { code: 401, message: 'Unauthorized' } }),
    });
    t = await createTestOnBehalf(dialect, {
      baseUrl: 'http://localhost:3000/onbehalf',
      connections: [{
        name: 'jira',
        provider: 'jira',
        clientId: 'atl-client',
        clientSecret: 'atl-secret',
        scopes: ['read:jira-work', 'write:jira-work'],
        endpoints: { authorizationUrl: `${atlassian.url}/authorize`, tokenUrl: `${atlassian.url}/oauth/token`, apiBaseUrl: `${atlassian.url}/ex/jira/{cloudId}` },
      }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await atlassian?.close();
  });

  it('asks for consent with the gateway audience and offline_access, and keeps the one site the grant covers', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'jira', identifier: 'mia', code: 'code-one' });
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({ audience: 'api.atlassian.com', prompt: 'consent', response_type: 'code', client_id: 'atl-client' });
    expect(authorizationUrl.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['offline_access', 'read:jira-work', 'write:jira-work']));
    expect(callback.status).toBe(200);
    expect(atlassian.requests('POST /oauth/token')[0]!.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'atl-client', client_secret: 'atl-secret', code: 'code-one' });
    const account = await t.ob.accounts.get({ connection: 'jira', identifier: 'mia' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { cloudId: ACME, siteUrl: 'https://acme.atlassian.net' } });
    const me = await (await t.ob.fetch({ connection: 'jira', identifier: 'mia' }, '/rest/api/3/myself')).json();
    expect(me).toMatchObject({ displayName: 'Mia Krystof' });
  });

  it('refuses to guess between several sites, and takes the one the link names', async () => {
    const unnamed = await consentWithCode(t.ob, { connection: 'jira', identifier: 'sam', code: 'code-two' });
    expect(unnamed.callback.status).toBe(400);
    expect(await unnamed.callback.text()).toContain('several Jira sites (acme, beta)');
    expect(await t.ob.accounts.get({ connection: 'jira', identifier: 'sam' })).toMatchObject({ status: 'PENDING' });

    const named = await consentWithCode(t.ob, { connection: 'jira', identifier: 'sam', code: 'code-two', fields: { site: 'beta' } });
    expect(named.callback.status).toBe(200);
    expect((await t.ob.accounts.get({ connection: 'jira', identifier: 'sam' })).values).toEqual({ site: 'beta', cloudId: BETA, siteUrl: 'https://beta.atlassian.net' });
    expect(await (await t.ob.fetch({ connection: 'jira', identifier: 'sam' }, '/rest/api/3/myself')).json()).toMatchObject({ displayName: 'Mia Krystof (beta)' });
  });

  it('refreshes a rotating token exactly once when many readers find it expired at once', async () => {
    const account = await t.ob.accounts.get({ connection: 'jira', identifier: 'mia' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const before = atlassian.requests('POST /oauth/token').length;
      const second = await t.reopen();
      const reads = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? second : t.ob).accounts.getAccessToken({ connection: 'jira', identifier: 'mia' })));
      const refreshes = atlassian.requests('POST /oauth/token').slice(before);
      expect(refreshes.map((r) => r.body.grant_type)).toEqual(['refresh_token']);
      expect(new Set(reads.map((r) => r.accessToken)).size).toBe(1);
      // The rotated refresh token was stored: the next expiry refreshes with it and succeeds.
      await rows.expire(account.id);
      await expect(t.ob.accounts.getAccessToken({ connection: 'jira', identifier: 'mia' })).resolves.toMatchObject({ accessToken: expect.stringMatching(/^eyJ-access-/) });
    } finally {
      await rows.close();
    }
  });

  it('an unknown or reused refresh token (403 invalid_grant, as after 90 idle days) expires the account', async () => {
    const account = await t.ob.accounts.get({ connection: 'jira', identifier: 'sam' });
    liveRefresh.clear();
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'jira', identifier: 'sam' }), 'ACCOUNT_EXPIRED');
      expect(await t.ob.accounts.get({ connection: 'jira', identifier: 'sam' })).toMatchObject({ status: 'EXPIRED' });
    } finally {
      await rows.close();
    }
  });

  it('revokes locally: Atlassian has no revocation endpoint', async () => {
    const before = atlassian.seen.length;
    const revoked = await t.ob.accounts.revoke({ connection: 'jira', identifier: 'mia' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    expect(atlassian.seen.length).toBe(before);
  });

  it('keeps the API-token method as the second one: Basic email + token on the site host', async () => {
    const connection = await t.ob.connections.upsert({ name: 'jira-token', provider: 'jira', auth: 'basic' });
    expect(connection).toMatchObject({ authType: 'basic', redirectUri: null });
    await t.ob.accounts.setCredentials({ connection: 'jira-token', identifier: 'mia', credentials: { subdomain: 'acme', username: 'mia@acme.test', password: 'ATATT3x-token' } });
    expect(await t.ob.accounts.getCredentials({ connection: 'jira-token', identifier: 'mia' })).toMatchObject({ type: 'basic', username: 'mia@acme.test', fields: { subdomain: 'acme' } });
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'jira-token', identifier: 'eve', credentials: { subdomain: 'evil.example#', username: 'e@x.test', password: 'x' } }), 'INVALID_CREDENTIALS');
  });
});
