import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { createWireGrants } from '../../../test/support/wire-grants.ts';
import { asanaToolkit } from './index.ts';

/**
 * Asana's OAuth lifecycle against a local server answering as Asana documents it
 * (developers.asana.com/docs/oauth): PKCE, client credentials in the form body, a token answer
 * that carries the person as `data: { id, gid, name, email }`, one-hour access tokens, refresh
 * answers without a new refresh token (the long-lived one stays), `POST /-/oauth_revoke` with the
 * token and the client credentials as a form; personal access tokens as Bearer tokens. The
 * provider is the catalog's own, its URLs moved onto the wire server (host kept in the path).
 */

const CLIENT_ID = '1204895032145678';
const CLIENT_SECRET = 'asana-secret-5c1d0e';
const PAT = '2/1200000000042/1209999999999:0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const USERS: Record<string, { gid: string; name: string; email: string }> = {
  greg: { gid: '4673218951', name: 'Greg Sanchez', email: 'gsanchez@example.com' },
  ana: { gid: '4673218952', name: 'Ana Lopes', email: 'alopes@example.com' },
};

const invalidGrant = { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or has been revoked.' } };

describe("Asana lifecycle in Asana's own dialect", () => {
  let wire: WireServer;
  let t: TestOnBehalf;
  const grants = createWireGrants({ prefix: 'asana', rotate: false });
  const codes: Record<string, string> = { 'asana-code-greg': 'greg', 'asana-code-ana': 'ana' };

  const who = (request: WireRequest) => {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    return token === PAT ? 'pat-owner' : grants.subjectOf(token);
  };

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /app.asana.com/-/oauth_token': ({ body }) => {
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'The client secret is invalid.' } };
        if (body.grant_type === 'authorization_code') {
          const subject = codes[String(body.code)];
          if (!subject || String(body.code_verifier ?? '').length < 43) return { status: 400, body: { error: 'invalid_grant', error_description: 'The authorization code is invalid or expired.' } };
          const pair = grants.issue(subject);
          const user = USERS[subject]!;
          return { body: { access_token: pair.access, token_type: 'bearer', expires_in: 3600, data: { id: Number(user.gid), gid: user.gid, name: user.name, email: user.email }, refresh_token: pair.refresh } };
        }
        const next = body.grant_type === 'refresh_token' ? grants.refresh(String(body.refresh_token)) : undefined;
        // Asana's refresh answer: a new access token only, the refresh token stays the one sent.
        return next ? { body: { access_token: next.access, token_type: 'bearer', expires_in: 3600 } } : invalidGrant;
      },
      'GET /app.asana.com/api/1.0/workspaces': (request) => {
        if (!who(request)) return { status: 401, body: { errors: [{ message: 'Not Authorized' }] } };
        return { body: { data: [{ gid: '1201234567890', resource_type: 'workspace', name: 'Acme Corp', is_organization: true }], next_page: null } };
      },
      'POST /app.asana.com/-/oauth_revoke': ({ body, contentType }) => {
        if (!contentType.startsWith('application/x-www-form-urlencoded') || body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 400, body: { error: 'invalid_request' } };
        return grants.revoke(String(body.token)) ? { status: 200, body: '' } : { status: 400, body: { error: 'invalid_token' } };
      },
    });
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(asanaToolkit.provider, wire.url)],
      connections: [
        { name: 'asana', provider: 'asana', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['tasks:read', 'tasks:write', 'workspaces:read'] },
        { name: 'asana_pat', provider: 'asana', auth: 'bearer' },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const tokenRequests = () => wire.requests('POST /app.asana.com/-/oauth_token');

  it('authorizes with PKCE and space-separated scopes, and keeps the user gid from the token answer', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'asana', identifier: 'greg', code: 'asana-code-greg' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/app.asana.com/-/oauth_authorize');
    expect(authorizationUrl.searchParams.get('scope')).toBe('tasks:read tasks:write workspaces:read');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'asana-code-greg', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String) });

    const account = await t.ob.accounts.get({ connection: 'asana', identifier: 'greg' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { userGid: '4673218951' } });
    // Asana does not echo the scope: the requested ones are what the account holds.
    expect(account.scopes).toEqual(['tasks:read', 'tasks:write', 'workspaces:read']);
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(55 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    // The person's name and email stay out of the stored values: only the gid is kept.
    expect(JSON.stringify(account)).not.toContain('gsanchez@example.com');
  });

  it('refreshes without a new refresh token and keeps the long-lived one for every later refresh', async () => {
    const account = await t.ob.accounts.get({ connection: 'asana', identifier: 'greg' });
    const rows = accountRows(t.database.url);
    try {
      for (let round = 0; round < 2; round += 1) {
        await rows.expire(account.id);
        await t.ob.accounts.getAccessToken({ connection: 'asana', identifier: 'greg' });
        expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'asana_refresh_1', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      }
    } finally {
      await rows.close();
    }
    expect(await t.ob.accounts.getCredentials({ connection: 'asana', identifier: 'greg' })).toMatchObject({ accessToken: 'asana_access_3', refreshToken: 'asana_refresh_1' });
    const { data } = await t.ob.tools.execute({ identifier: 'greg', tool: 'asana_list_workspaces', input: {}, connection: 'asana' });
    expect(data).toEqual({ workspaces: [{ gid: '1201234567890', name: 'Acme Corp', isOrganization: true }] });
    expect(wire.requests('GET /app.asana.com/api/1.0/workspaces').at(-1)!.headers.authorization).toBe('Bearer asana_access_3');
  });

  it('a revoked grant (invalid_grant on refresh) expires the account', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'asana', identifier: 'ana', code: 'asana-code-ana' });
    expect(callback.status).toBe(200);
    grants.revokeSubject('ana');
    await expectOnBehalfError(t.ob.accounts.refresh({ connection: 'asana', identifier: 'ana' }), 'ACCOUNT_EXPIRED');
    expect(await t.ob.accounts.get({ connection: 'asana', identifier: 'ana' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('revokes the refresh token at /-/oauth_revoke, which ends the grant', async () => {
    const revoked = await t.ob.accounts.revoke({ connection: 'asana', identifier: 'greg' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(wire.requests('POST /app.asana.com/-/oauth_revoke').at(-1)!.body).toMatchObject({ token: 'asana_refresh_1', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(grants.subjectOf('asana_access_3')).toBeUndefined();
  });

  it('takes a personal access token as a Bearer token', async () => {
    await t.ob.accounts.setCredentials({ connection: 'asana_pat', identifier: 'pat', credentials: { token: PAT } });
    const { data } = await t.ob.tools.execute({ identifier: 'pat', tool: 'asana_list_workspaces', input: {}, connection: 'asana_pat' });
    expect(data).toMatchObject({ workspaces: [{ name: 'Acme Corp' }] });
    expect(wire.requests('GET /app.asana.com/api/1.0/workspaces').at(-1)!.headers.authorization).toBe(`Bearer ${PAT}`);
  });
});
