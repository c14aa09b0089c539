import { randomBytes } from 'node:crypto';
import { oauth1SignatureMatches, parseOAuthHeader } from '@onbehalf/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createRecorder } from '../../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { createAuditRepository, openDatabase } from '../../store/index.ts';

/**
 * Trello's OAuth 1.0a dialect on a local server: `OAuthGetRequestToken` (signed with the consumer
 * secret, `oauth_callback` in the header, a form-encoded answer with `oauth_callback_confirmed`),
 * the person at `OAuthAuthorizeToken` (played by the test), `OAuthGetAccessToken` (signed with the
 * request token secret, `oauth_verifier` in the header), signed API calls, `DELETE /1/tokens/{token}`,
 * and the key + token method's query parameters. Every signature is checked with oauth-sign,
 * another implementation than the one onbehalf signs with.
 */

const CONSUMER = { key: '0123456789abcdef0123456789abcdef', secret: 'trello-power-up-secret-0123456789abcdef' };
const ACCESS = { key: `ATTA${'7'.repeat(72)}`, secret: 'access-token-secret-9d8c7b6a5f4e3d2c1b0a' };

interface Pending { secret: string; callback: string; verifier?: string; used: boolean }

describe.each(testDialects)('trello lifecycle in Trello\'s OAuth 1.0a dialect [%s]', (dialect) => {
  let wire: WireServer;
  let t: TestOnBehalf;
  const recorder = createRecorder();
  const pending = new Map<string, Pending>();
  let refuseVerifier = false;
  let confirmCallback = true;
  /** Who GET /1/members/me says the signed-in member is; null answers 401. */
  let member: { id: string; username: string } | null = { id: '5abbe4b7ddc1b351ef961414', username: 'alice' };
  const liveTokens = new Set<string>();

  /** The provider's own check of a signed request: consumer, signature over method, URL and query. */
  function signed(request: WireRequest, tokenSecret: string): Record<string, string> | undefined {
    const oauth = parseOAuthHeader(request.headers.authorization);
    if (!oauth || oauth.oauth_consumer_key !== CONSUMER.key) return undefined;
    const ok = oauth1SignatureMatches({ method: request.method, baseUri: `${wire.url}${request.path}`, query: new URLSearchParams(request.query), oauth }, CONSUMER.secret, tokenSecret);
    return ok ? oauth : undefined;
  }
  const text = (status: number, body: string) => ({ status, body });

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /1/OAuthGetRequestToken': (request) => {
        const oauth = signed(request, '');
        if (!oauth) return text(401, 'invalid signature');
        const key = randomBytes(16).toString('hex');
        pending.set(key, { secret: randomBytes(16).toString('hex'), callback: oauth.oauth_callback!, used: false });
        return text(200, new URLSearchParams({ oauth_token: key, oauth_token_secret: pending.get(key)!.secret, ...(confirmCallback ? { oauth_callback_confirmed: 'true' } : {}) }).toString());
      },
      'POST /1/OAuthGetAccessToken': (request) => {
        const token = parseOAuthHeader(request.headers.authorization)?.oauth_token ?? '';
        const entry = pending.get(token);
        const oauth = entry && signed(request, entry.secret);
        if (!entry || !oauth) return text(401, 'invalid signature');
        if (refuseVerifier || entry.used || oauth.oauth_verifier !== entry.verifier) return text(401, 'invalid verifier');
        entry.used = true;
        liveTokens.add(ACCESS.key);
        return text(200, new URLSearchParams({ oauth_token: ACCESS.key, oauth_token_secret: ACCESS.secret }).toString());
      },
      'GET /1/members/me': (request) => {
        const byKey = request.query.key === CONSUMER.key && liveTokens.has(request.query.token ?? '');
        const bySignature = signed(request, ACCESS.secret)?.oauth_token === ACCESS.key && liveTokens.has(ACCESS.key);
        return (byKey || bySignature) && member ? { body: { ...member, fullName: 'Alice Example' } } : text(401, 'invalid token');
      },
      [`GET /1/tokens/${ACCESS.key}`]: (request) =>
        signed(request, ACCESS.secret)?.oauth_token === ACCESS.key && liveTokens.has(ACCESS.key)
          ? { body: { id: '6a7b8c9d0e1f2a3b4c5d6e7f', idMember: '5abbe4b7ddc1b351ef961414', dateCreated: '2026-12-01T10:00:00.000Z', dateExpires: null, permissions: [] } }
          : text(401, 'invalid token'),
      'GET /1/boards/5f1a2b3c4d5e6f7a8b9c0d1e': () => text(401, 'unauthorized permission requested'),
      'GET /1/members/alice': () => ({ status: 301, headers: { location: '/1/members/me?fields=id' } }),
      [`DELETE /1/tokens/${ACCESS.key}`]: (request) => {
        if (signed(request, ACCESS.secret)?.oauth_token !== ACCESS.key || !liveTokens.delete(ACCESS.key)) return text(401, 'invalid token');
        return { body: { _value: null } };
      },
    });
    t = await createTestOnBehalf(dialect, {
      logger: recorder.logger,
      connections: [
        {
          name: 'trello', provider: 'trello', clientId: CONSUMER.key, clientSecret: CONSUMER.secret, authorizationParams: { name: 'Acme Assistant' },
          endpoints: { requestTokenUrl: `${wire.url}/1/OAuthGetRequestToken`, authorizationUrl: `${wire.url}/1/OAuthAuthorizeToken`, tokenUrl: `${wire.url}/1/OAuthGetAccessToken`, apiBaseUrl: `${wire.url}/1` },
        },
        { name: 'trello_wrong_secret', provider: 'trello', clientId: CONSUMER.key, clientSecret: 'not-the-secret', endpoints: { requestTokenUrl: `${wire.url}/1/OAuthGetRequestToken`, authorizationUrl: `${wire.url}/1/OAuthAuthorizeToken`, tokenUrl: `${wire.url}/1/OAuthGetAccessToken`, apiBaseUrl: `${wire.url}/1` } },
        { name: 'trello_tokens', provider: 'trello', auth: 'api_key', endpoints: { apiBaseUrl: `${wire.url}/1` } },
      ],
    });
  });
  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  /**
   * Opens a link as the person's browser; the person allows access at Trello, which sends them
   * back to the `oauth_callback` it was given with `oauth_token` and `oauth_verifier`.
   */
  async function begin(identifier: string, connection = 'trello', replace = false) {
    const { link } = await t.ob.accounts.authorizationLink({ connection, identifier, ...(replace ? { replace } : {}) });
    const start = await t.ob.handler(new Request(link));
    const location = start.headers.get('location');
    const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return { start, authorizationUrl: location ? new URL(location) : undefined, cookie };
  }
  function allow(authorizationUrl: URL): URL {
    const token = authorizationUrl.searchParams.get('oauth_token')!;
    const entry = pending.get(token)!;
    entry.verifier = randomBytes(12).toString('hex');
    const back = new URL(entry.callback);
    back.searchParams.set('oauth_token', token);
    back.searchParams.set('oauth_verifier', entry.verifier);
    return back;
  }
  const callback = (url: URL, cookie: string) => t.ob.handler(new Request(url, { headers: { cookie } }));

  it('connects: request token, consent with the scopes and expiration=never, verifier exchange; calls are signed', async () => {
    const { start, authorizationUrl, cookie } = await begin('u1');
    expect(start.status).toBe(302);
    expect(authorizationUrl!.origin + authorizationUrl!.pathname).toBe(`${wire.url}/1/OAuthAuthorizeToken`);
    expect(Object.fromEntries(authorizationUrl!.searchParams)).toEqual({ expiration: 'never', name: 'Acme Assistant', scope: 'read,write', oauth_token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // The callback Trello was given is the connection's own, with a one-time state of ours.
    const given = new URL(wire.requests('POST /1/OAuthGetRequestToken').at(-1)!.headers.authorization!.match(/oauth_callback="([^"]+)"/)![1]!.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    expect(given.origin + given.pathname).toBe('http://localhost:3000/onbehalf/callback/trello');
    expect(given.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const done = await callback(allow(authorizationUrl!), cookie);
    expect(done.status).toBe(200);
    const account = await t.ob.accounts.get({ connection: 'trello', identifier: 'u1' });
    // Who the account is, asked of Trello with the new token right after the exchange.
    expect(account).toMatchObject({ status: 'ACTIVE', authType: 'oauth1', scopes: ['read', 'write'], expiresAt: null, values: { memberId: '5abbe4b7ddc1b351ef961414', username: 'alice' } });
    expect(await t.ob.accounts.getCredentials({ connection: 'trello', identifier: 'u1' })).toEqual({ type: 'oauth1', token: ACCESS.key, tokenSecret: ACCESS.secret, scopes: ['read', 'write'] });
    // Nothing to refresh: an access token alone is no use without its secret.
    await expect(t.ob.accounts.getAccessToken({ connection: 'trello', identifier: 'u1' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('getCredentials()') });
    await expect(t.ob.accounts.refresh({ connection: 'trello', identifier: 'u1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const exchange = wire.requests('POST /1/OAuthGetAccessToken').at(-1)!;
    expect(exchange.headers.authorization).toMatch(/oauth_verifier="[0-9a-f]{24}"/);
    expect(exchange.headers.authorization).toContain(`oauth_token="${authorizationUrl!.searchParams.get('oauth_token')}"`);

    // The API: signed per request with the consumer and the access token; the wire server checks the signature.
    const me = await t.ob.fetch({ connection: 'trello', identifier: 'u1' }, '/members/me?fields=id,username');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'alice' });
    const sent = wire.requests('GET /1/members/me').at(-1)!;
    expect(sent.headers.authorization).toMatch(/^OAuth oauth_consumer_key="0123456789abcdef0123456789abcdef", oauth_nonce="\w+", oauth_signature="[^"]+", oauth_signature_method="HMAC-SHA1", oauth_timestamp="\d+", oauth_token="ATTA7+", oauth_version="1.0"$/);
    expect(sent.headers.authorization).not.toContain(ACCESS.secret);
    expect(sent.query).toEqual({ fields: 'id,username' });
    // A redirect on the API's origin is signed again for its own URL (a signature covers one URL).
    const moved = await t.ob.fetch({ connection: 'trello', identifier: 'u1' }, '/members/alice');
    expect(moved.status).toBe(200);
    expect(wire.requests('GET /1/members/me').at(-1)!.query).toEqual({ fields: 'id' });
  });

  it('refuses a forged or replayed callback with INVALID_STATE, and the real one still completes', async () => {
    const { authorizationUrl, cookie } = await begin('u2');
    const real = allow(authorizationUrl!);

    const wrongToken = new URL(real);
    wrongToken.searchParams.set('oauth_token', randomBytes(16).toString('hex'));
    const forged = await callback(wrongToken, cookie);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('not for the authorization this browser started');

    const noVerifier = new URL(real);
    noVerifier.searchParams.delete('oauth_verifier');
    const denied = await callback(noVerifier, cookie);
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('no verifier');

    const noState = new URL(real);
    noState.searchParams.delete('state');
    expect((await callback(noState, cookie)).status).toBe(400);
    expect((await callback(real, '')).status).toBe(400); // another browser: no transaction cookie
    expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u2' })).toMatchObject({ status: 'PENDING' });
    expect(wire.requests('POST /1/OAuthGetAccessToken').filter((r) => r.headers.authorization?.includes(authorizationUrl!.searchParams.get('oauth_token')!))).toHaveLength(0);

    expect((await callback(real, cookie)).status).toBe(200);
    expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u2' })).toMatchObject({ status: 'ACTIVE' });
    const replayed = await callback(real, cookie);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toMatch(/already completed|unknown/);
  });

  it('the provider refusing the verifier: a 400 page naming Trello\'s answer, the account stays PENDING with the reason', async () => {
    refuseVerifier = true;
    try {
      const { authorizationUrl, cookie } = await begin('u3');
      const refused = await callback(allow(authorizationUrl!), cookie);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('invalid verifier');
      expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u3' })).toMatchObject({ status: 'PENDING', statusReason: 'invalid_grant' });
    } finally {
      refuseVerifier = false;
    }
  });

  it('reconnecting as another Trello member is refused unless the link says replace, then audited; a failed identity call leaves the account unconnected', async () => {
    const first = await begin('u6');
    expect((await callback(allow(first.authorizationUrl!), first.cookie)).status).toBe(200);
    expect((await t.ob.accounts.get({ connection: 'trello', identifier: 'u6' })).identity).toEqual({ subject: '5abbe4b7ddc1b351ef961414', display: 'alice' });
    member = { id: '5abbe4b7ddc1b351ef96ffff', username: 'bob' };
    try {
      const refusedSwap = await begin('u6');
      expect((await callback(allow(refusedSwap.authorizationUrl!), refusedSwap.cookie)).status).toBe(409);
      expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u6' })).toMatchObject({ status: 'ACTIVE', values: { memberId: '5abbe4b7ddc1b351ef961414' } });
      const again = await begin('u6', 'trello', true);
      expect((await callback(allow(again.authorizationUrl!), again.cookie)).status).toBe(200);
      expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u6' })).toMatchObject({ status: 'ACTIVE', values: { memberId: '5abbe4b7ddc1b351ef96ffff', username: 'bob' } });
      const store = openDatabase(t.database.url);
      try {
        const changed = (await createAuditRepository(store.db).list({ type: 'account.identity_changed' })).filter((e) => e.identifier === 'u6');
        expect(changed).toHaveLength(1);
        expect(JSON.parse(String(changed[0]!.data))).toEqual({ previousSubject: '5abbe4b7ddc1b351ef961414', subject: '5abbe4b7ddc1b351ef96ffff' });
      } finally {
        await store.destroy();
      }
      member = null;
      const failing = await begin('u7');
      const refused = await callback(allow(failing.authorizationUrl!), failing.cookie);
      expect(refused.status).toBe(502);
      expect(await refused.text()).toContain('Trello did not say who the connected member is');
      expect(await t.ob.accounts.get({ connection: 'trello', identifier: 'u7' })).toMatchObject({ status: 'PENDING', statusReason: 'PROVIDER_API_ERROR' });
    } finally {
      member = { id: '5abbe4b7ddc1b351ef961414', username: 'alice' };
    }
  });

  it('a provider that does not confirm the callback (OAuth 1.0 without the a) is refused before the person is sent there', async () => {
    confirmCallback = false;
    try {
      const { start, authorizationUrl } = await begin('u4');
      expect(authorizationUrl).toBeUndefined();
      expect(start.status).toBe(502);
      expect(await start.text()).toContain('oauth_callback_confirmed');
    } finally {
      confirmCallback = true;
    }
  });

  it('a consumer secret Trello refuses: the link cannot start, and no secret reaches the page or the log', async () => {
    const { start, authorizationUrl } = await begin('u5', 'trello_wrong_secret');
    expect(authorizationUrl).toBeUndefined();
    expect(start.status).toBe(502);
    const page = await start.text();
    expect(page).toContain('invalid signature');
    for (const where of [page, recorder.lines.join('\n')]) {
      expect(where).not.toContain('not-the-secret');
      expect(where).not.toContain(CONSUMER.secret);
    }
  });

  it('revokes with a signed DELETE /1/tokens/{token}: REVOKED, revokedAtProvider, and the token no longer works there', async () => {
    const revoked = await t.ob.accounts.revoke({ connection: 'trello', identifier: 'u1' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(wire.requests(`DELETE /1/tokens/${ACCESS.key}`)).toHaveLength(1);
    expect(liveTokens.has(ACCESS.key)).toBe(false);
    await expect(t.ob.accounts.getCredentials({ connection: 'trello', identifier: 'u1' })).rejects.toMatchObject({ code: 'ACCOUNT_REVOKED' });
    // Revoking again: Trello no longer knows the token (401), which confirms nothing.
    const u2 = await t.ob.accounts.revoke({ connection: 'trello', identifier: 'u2' });
    expect(u2).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
  });

  it('a 401 on a token Trello no longer takes (revoked in its settings) turns the account EXPIRED; a permission 401 does not', async () => {
    liveTokens.add(ACCESS.key);
    const ref = { connection: 'trello', identifier: 'u6' };
    const forbidden = await t.ob.fetch(ref, '/boards/5f1a2b3c4d5e6f7a8b9c0d1e');
    expect(forbidden.status).toBe(401);
    expect(wire.requests(`GET /1/tokens/${ACCESS.key}`)).toHaveLength(1);
    expect(await t.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });

    liveTokens.delete(ACCESS.key); // the member revoked the app under Trello's account settings
    expect((await t.ob.fetch(ref, '/members/me')).status).toBe(401);
    expect(await t.ob.accounts.get(ref)).toMatchObject({ status: 'EXPIRED', statusReason: 'token_rejected' });
    await expect(t.ob.fetch(ref, '/members/me')).rejects.toMatchObject({ code: 'ACCOUNT_EXPIRED' });
  });

  it('the key + token method sends Trello\'s key and token query parameters', async () => {
    liveTokens.add('ATTAuserTokenFromTrelloAuthorize0123456789');
    await t.ob.accounts.setCredentials({ connection: 'trello_tokens', identifier: 'k1', credentials: { apiKey: CONSUMER.key, token: 'ATTAuserTokenFromTrelloAuthorize0123456789' } });
    const me = await t.ob.fetch({ connection: 'trello_tokens', identifier: 'k1' }, '/members/me');
    expect(me.status).toBe(200);
    expect(wire.requests('GET /1/members/me').at(-1)).toMatchObject({ query: { key: CONSUMER.key, token: 'ATTAuserTokenFromTrelloAuthorize0123456789' } });
    expect(wire.requests('GET /1/members/me').at(-1)!.headers.authorization).toBeUndefined();
    await expect(t.ob.accounts.setCredentials({ connection: 'trello_tokens', identifier: 'k2', credentials: { apiKey: 'not-a-key', token: 'x' } })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('the hosted form takes a key and token, checks them with GET /1/members/me, and stores only ones Trello accepts', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'trello_tokens', identifier: 'k3' });
    const post = async (token: string) => {
      const page = await t.ob.handler(new Request(link));
      const html = await page.text();
      expect(html).toContain('name="apiKey"');
      expect(html).toMatch(/name="token"[^>]*type="password"|type="password"[^>]*name="token"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return t.ob.handler(new Request(link, {
        method: 'POST',
        headers: { origin: 'http://localhost:3000', cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, apiKey: CONSUMER.key, token }).toString(),
      }));
    };
    const refused = await post('ATTAnotATokenTrelloKnows0123456789abcdef');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await refused.text()).not.toContain('ATTAnotATokenTrelloKnows0123456789abcdef');
    expect(await t.ob.accounts.get({ connection: 'trello_tokens', identifier: 'k3' })).toMatchObject({ status: 'PENDING' });

    liveTokens.add('ATTAformTokenFromTrelloAuthorize0123456789');
    const stored = await post('ATTAformTokenFromTrelloAuthorize0123456789');
    expect(stored.status).toBeLessThan(400);
    expect(wire.requests('GET /1/members/me').at(-1)).toMatchObject({ query: { key: CONSUMER.key, token: 'ATTAformTokenFromTrelloAuthorize0123456789' } });
    expect(await t.ob.accounts.get({ connection: 'trello_tokens', identifier: 'k3' })).toMatchObject({ status: 'ACTIVE', authType: 'api_key' });
  });
});
