import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { continueLocation } from '../../../test/support/continue-location.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireRoutes, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { zendeskToolkit } from './index.ts';

/**
 * Zendesk's OAuth lifecycle against a local server speaking its dialect, as its reference pages
 * document it (developer.zendesk.com: using OAuth in a web app, refresh token, revoking an OAuth
 * token): everything on the account's own `{subdomain}.zendesk.com`, the secret in the form body,
 * PKCE; tokens that expire only when the request says `expires_in` (older clients get them
 * forever otherwise); a refresh that deletes the previous pair; revocation by token id; API
 * tokens as Basic `{email}/token:{token}`. The provider is the catalog's own, its URLs moved onto
 * the wire server with the host as the first path segment.
 */

const CLIENT_ID = 'onbehalf_acme';
const CLIENT_SECRET = 'zd-secret-0f3c9a';
const HOST = '/acme.zendesk.com';
const FIRST_ID = 9871;

interface Pair { access: string; refresh: string; id: number }

const invalidGrant = { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' } };
const invalidToken = { status: 401, body: { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' } };

describe("Zendesk lifecycle in Zendesk's own dialect", () => {
  let t: TestOnBehalf;
  let wire: WireServer;
  /** Live token pairs by access token; a refresh deletes the pair it came from. */
  const live = new Map<string, Pair>();
  /** Access tokens Zendesk no longer accepts while their refresh token still works. */
  const forgotten = new Set<string>();
  let minted = 0;

  function mint(request: WireRequest) {
    const pair: Pair = { access: `zd_access_${minted + 1}`, refresh: `zd_refresh_${minted + 1}`, id: FIRST_ID + minted };
    minted += 1;
    live.set(pair.access, pair);
    // What Zendesk does for a client created before expiry was enforced: no expires_in asked, none given.
    const lifetime = request.body.expires_in === undefined ? {} : { expires_in: Number(request.body.expires_in), refresh_token_expires_in: 2_592_000 };
    return { access_token: pair.access, refresh_token: pair.refresh, token_type: 'bearer', scope: 'read write', ...lifetime };
  }

  const bearer = (request: WireRequest) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    return forgotten.has(token) ? undefined : live.get(token);
  };

  beforeAll(async () => {
    const routes: WireRoutes = {
      [`POST ${HOST}/oauth/tokens`]: (request) => {
        const body = request.body as Record<string, string | undefined>;
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' } };
        if (body.grant_type === 'authorization_code') {
          return body.code === 'zd-code' && (body.code_verifier ?? '').length >= 43 ? { body: mint(request) } : invalidGrant;
        }
        const pair = [...live.values()].find((p) => p.refresh === body.refresh_token);
        if (body.grant_type !== 'refresh_token' || !pair) return invalidGrant;
        live.delete(pair.access);
        return { body: mint(request) };
      },
      [`GET ${HOST}/api/v2/oauth/tokens/current.json`]: (request) => {
        const pair = bearer(request);
        if (!pair) return invalidToken;
        return { body: { token: { url: `https://acme.zendesk.com/api/v2/oauth/tokens/${pair.id}.json`, id: pair.id, user_id: 29, client_id: 41, token: pair.access.slice(0, 8), refresh_token: null, created_at: '2026-03-01T12:00:00Z', expires_at: '2026-03-01T12:30:00Z', used_at: null, scopes: ['read', 'write'] } } };
      },
      [`GET ${HOST}/api/v2/users/me.json`]: (request) => {
        const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (basic) return Buffer.from(basic, 'base64').toString() === 'agent@acme.example/token:zd-api-token' ? { body: { user: { id: 30, name: 'Agent', role: 'agent' } } } : { status: 401, body: { error: "Couldn't authenticate you" } };
        return bearer(request) ? { body: { user: { id: 29, name: 'Maria', role: 'admin' } } } : invalidToken;
      },
    };
    // The token id is in the path: one route per id this server can mint.
    for (let id = FIRST_ID; id < FIRST_ID + 20; id += 1) {
      routes[`DELETE ${HOST}/api/v2/oauth/tokens/${id}.json`] = (request) => {
        const pair = bearer(request);
        if (!pair) return invalidToken;
        const target = [...live.values()].find((p) => p.id === id);
        if (!target) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
        live.delete(target.access);
        return { status: 204 };
      };
    }
    wire = await startWireServer(routes);
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(zendeskToolkit.provider, wire.url)],
      connections: [
        { name: 'zendesk', provider: 'zendesk', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['write'] },
        { name: 'zendesk_tokens', provider: 'zendesk', auth: 'basic' },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const me = (identifier: string, connection = 'zendesk') => t.ob.fetch({ connection, identifier }, '/users/me.json');
  const tokenRequests = () => wire.requests(`POST ${HOST}/oauth/tokens`);

  it('authorizes on the subdomain given before consent, with PKCE, and asks for 30-minute tokens in the code exchange', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'zendesk', identifier: 'maria', code: 'zd-code', fields: { subdomain: 'acme' } });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe(`${HOST}/oauth/authorizations/new`);
    expect(authorizationUrl.searchParams.get('response_type')).toBe('code');
    expect(authorizationUrl.searchParams.get('scope')?.split(' ').sort()).toEqual(['read', 'write']);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'zd-code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, expires_in: '1800' });
    expect(exchange.headers.authorization).toBeUndefined();

    const account = await t.ob.accounts.get({ connection: 'zendesk', identifier: 'maria' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { subdomain: 'acme' }, scopes: ['read', 'write'] });
    // Expiring tokens, so the refresher will keep them fresh (without expires_in they would never refresh).
    expect(account.expiresAt).toBeInstanceOf(Date);
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(25 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
    expect((await me('maria')).status).toBe(200);
    expect(wire.requests(`GET ${HOST}/api/v2/users/me.json`).at(-1)!.headers.authorization).toBe('Bearer zd_access_1');
  });

  it('refreshes with expires_in too, and keeps the new pair: Zendesk has deleted the old one', async () => {
    const refreshed = await t.ob.accounts.refresh({ connection: 'zendesk', identifier: 'maria' });
    expect(refreshed.accessToken).toBe('zd_access_2');
    expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'zd_refresh_1', client_secret: CLIENT_SECRET, expires_in: '1800' });
    expect(live.has('zd_access_1')).toBe(false);
    expect(await t.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'maria' })).toMatchObject({ accessToken: 'zd_access_2', refreshToken: 'zd_refresh_2' });

    // A token Zendesk forgot (401) is refreshed once with the rotated refresh token, and the call retried.
    forgotten.add('zd_access_2');
    expect((await me('maria')).status).toBe(200);
    expect(tokenRequests().at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'zd_refresh_2' });
    expect(await t.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'maria' })).toMatchObject({ accessToken: 'zd_access_3', refreshToken: 'zd_refresh_3' });
  });

  it('a refresh token Zendesk no longer knows (invalid_grant) ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'zendesk', identifier: 'li', code: 'zd-code', fields: { subdomain: 'acme' } });
    expect(callback.status).toBe(200);
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'li' })) as { accessToken: string };
    live.delete(accessToken); // the pair was deleted at Zendesk (the app's access revoked there)
    const failure = await me('li').then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'zendesk', identifier: 'li' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('revokes by token id: looks up the current token, deletes it, and says so', async () => {
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'maria' })) as { accessToken: string };
    const id = live.get(accessToken)!.id;
    const revoked = await t.ob.accounts.revoke({ connection: 'zendesk', identifier: 'maria' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(wire.requests(`GET ${HOST}/api/v2/oauth/tokens/current.json`).at(-1)!.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(wire.requests(`DELETE ${HOST}/api/v2/oauth/tokens/${id}.json`)).toHaveLength(1);
    expect(live.has(accessToken)).toBe(false);
  });

  it('an access token Zendesk already dropped cannot be looked up: revoked here only, and said so', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'zendesk', identifier: 'pat', code: 'zd-code', fields: { subdomain: 'acme' } });
    expect(callback.status).toBe(200);
    const { accessToken } = (await t.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'pat' })) as { accessToken: string };
    live.delete(accessToken);
    const deletes = wire.seen.filter((r) => r.method === 'DELETE').length;
    expect(await t.ob.accounts.revoke({ connection: 'zendesk', identifier: 'pat' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    expect(wire.seen.filter((r) => r.method === 'DELETE')).toHaveLength(deletes);
  });

  it.each(['evil.example#', 'x.zendesk.com@evil', '../', 'acme.zendesk.com', 'evil.example/x'])('refuses the subdomain %j before anything is sent', async (subdomain) => {
    const before = wire.seen.length;
    await expectOnBehalfError(t.ob.accounts.authorizationLink({ connection: 'zendesk', identifier: 'mallory', fields: { subdomain } }), 'INVALID_INPUT');
    expect(wire.seen.length).toBe(before);
  });

  it('asks for the subdomain on the hosted page when the link has none, refusing one that points elsewhere', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'zendesk', identifier: 'sam' });
    const page = await t.ob.handler(new Request(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="subdomain"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (subdomain: string) => t.ob.handler(new Request(link, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, subdomain }).toString(),
    }));
    const before = wire.seen.length;
    for (const evil of ['x.zendesk.com@evil', 'evil.example#', '../']) {
      const refused = await post(evil);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('subdomain has an invalid format');
    }
    const accepted = await post('acme');
    expect((await continueLocation(accepted)).pathname).toBe(`${HOST}/oauth/authorizations/new`);
    expect(wire.seen.length).toBe(before);
  });

  it('API tokens: Basic {email}/token:{token} on the subdomain given with them', async () => {
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'zendesk_tokens', identifier: 'agent', credentials: { type: 'basic', subdomain: 'acme', username: 'agent@acme.example', password: 'zd-api-token' } }), 'INVALID_CREDENTIALS');
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'zendesk_tokens', identifier: 'agent', credentials: { type: 'basic', subdomain: 'evil.example#', username: 'agent@acme.example/token', password: 'zd-api-token' } }), 'INVALID_CREDENTIALS');
    await t.ob.accounts.setCredentials({ connection: 'zendesk_tokens', identifier: 'agent', credentials: { type: 'basic', subdomain: 'acme', username: 'agent@acme.example/token', password: 'zd-api-token' } });
    const answer = await me('agent', 'zendesk_tokens');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ user: { id: 30 } });
  });
});
