import { randomBytes } from 'node:crypto';
import { hmacsign } from 'oauth-sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderSandbox, type ProviderSandbox } from '../../provider-sandbox.ts';

const CALLBACK = 'http://localhost:3000/onbehalf/callback/trello?state=s1';
const pct = (value: string) => encodeURIComponent(value).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An RFC 5849 Authorization header, signed here with oauth-sign (the sandbox checks it independently of how it was made). */
function sign(method: string, url: string, consumer: { key: string; secret: string }, token?: { key: string; secret: string }, extra: Record<string, string> = {}, tamper?: (oauth: Record<string, string>) => void): string {
  const target = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: consumer.key, oauth_nonce: randomBytes(16).toString('hex'), oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)), oauth_version: '1.0', ...(token ? { oauth_token: token.key } : {}), ...extra,
  };
  const params: Record<string, string> = { ...Object.fromEntries(target.searchParams), ...oauth };
  oauth.oauth_signature = hmacsign(method, `${target.origin}${target.pathname}`, params, consumer.secret, token?.secret ?? '');
  tamper?.(oauth);
  return `OAuth ${Object.entries(oauth).map(([k, v]) => `${pct(k)}="${pct(v)}"`).join(', ')}`;
}

describe('the sandbox speaks Trello: OAuth 1.0a three-legged, signed API calls, key + token', () => {
  let ps: ProviderSandbox;
  let endpoints: Record<string, string>;
  let consumer: { key: string; secret: string };

  beforeAll(async () => {
    ps = await createProviderSandbox();
    const connection = ps.connection('trello', { baseUrl: 'http://localhost:3000/onbehalf' });
    endpoints = connection.endpoints as Record<string, string>;
    consumer = { key: connection.clientId, secret: connection.clientSecret };
  });
  afterAll(() => ps.close());

  async function requestToken(extra: Record<string, string> = { oauth_callback: CALLBACK }) {
    const response = await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.requestTokenUrl!, consumer, undefined, extra) } });
    return { response, form: new URLSearchParams(await response.text()) };
  }

  /** Request token → consent as `user` → access token and secret. */
  async function connect(user: string, scope = 'read,write') {
    const { form } = await requestToken();
    const temporary = { key: form.get('oauth_token')!, secret: form.get('oauth_token_secret')! };
    const authorize = new URL(endpoints.authorizationUrl!);
    authorize.search = new URLSearchParams({ oauth_token: temporary.key, scope, expiration: 'never', name: 'Sandbox test' }).toString();
    const { callbackUrl } = await ps.sandbox.consent(authorize, { user });
    const back = new URL(callbackUrl);
    const verifier = back.searchParams.get('oauth_verifier')!;
    const exchange = await fetch(endpoints.tokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.tokenUrl!, consumer, temporary, { oauth_verifier: verifier }) } });
    const access = new URLSearchParams(await exchange.text());
    return { back, temporary, verifier, exchange, token: { key: access.get('oauth_token')!, secret: access.get('oauth_token_secret')! } };
  }

  const api = (path: string, token: { key: string; secret: string }, method = 'GET') =>
    fetch(`${endpoints.apiBaseUrl}${path}`, { method, headers: { authorization: sign(method, `${endpoints.apiBaseUrl}${path}`, consumer, token) } });

  it('issues a request token only for a correctly signed request, confirming the callback', async () => {
    const { response, form } = await requestToken();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(form.get('oauth_callback_confirmed')).toBe('true');
    expect(form.get('oauth_token')).toMatch(/^[0-9a-f]{32}$/);

    const forged = await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.requestTokenUrl!, { key: consumer.key, secret: 'not-the-secret' }, undefined, { oauth_callback: CALLBACK }) } });
    expect([forged.status, await forged.text()]).toEqual([401, 'invalid signature']);
    const unknown = await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.requestTokenUrl!, { key: 'f'.repeat(32), secret: consumer.secret }, undefined, { oauth_callback: CALLBACK }) } });
    expect([unknown.status, await unknown.text()]).toEqual([401, 'invalid key']);
    const stale = await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.requestTokenUrl!, consumer, undefined, { oauth_callback: CALLBACK }, (o) => { o.oauth_timestamp = String(Number(o.oauth_timestamp) - 3600); }) } });
    expect(stale.status).toBe(401);
  });

  it('refuses a signed request sent twice (same nonce)', async () => {
    const header = sign('POST', endpoints.requestTokenUrl!, consumer, undefined, { oauth_callback: CALLBACK });
    expect((await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: header } })).status).toBe(200);
    const replayed = await fetch(endpoints.requestTokenUrl!, { method: 'POST', headers: { authorization: header } });
    expect([replayed.status, await replayed.text()]).toEqual([401, 'invalid nonce']);
  });

  it('consents, appends oauth_token and oauth_verifier to the callback query, and exchanges them once', async () => {
    const { back, temporary, verifier, exchange, token } = await connect('alice');
    expect(back.origin + back.pathname).toBe('http://localhost:3000/onbehalf/callback/trello');
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('oauth_token')).toBe(temporary.key);
    expect(exchange.status).toBe(200);
    expect(token.key).toMatch(/^ATTA[0-9a-f]{72}$/);
    expect(ps.mocks.state.trello.oauth.grant(token.key)).toMatchObject({ member: 'alice', scopes: ['read', 'write'], expiresAt: null });
    // The verifier is single-use.
    const again = await fetch(endpoints.tokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.tokenUrl!, consumer, temporary, { oauth_verifier: verifier }) } });
    expect([again.status, await again.text()]).toEqual([401, 'invalid verifier']);
  });

  it('refuses an access token exchange with a wrong verifier or without the request token secret', async () => {
    const { form } = await requestToken();
    const temporary = { key: form.get('oauth_token')!, secret: form.get('oauth_token_secret')! };
    const authorize = new URL(endpoints.authorizationUrl!);
    authorize.search = new URLSearchParams({ oauth_token: temporary.key, scope: 'read', expiration: 'never' }).toString();
    await ps.sandbox.consent(authorize, { user: 'bob' });
    const wrong = await fetch(endpoints.tokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.tokenUrl!, consumer, temporary, { oauth_verifier: 'nope' }) } });
    expect([wrong.status, await wrong.text()]).toEqual([401, 'invalid verifier']);
    const unsigned = await fetch(endpoints.tokenUrl!, { method: 'POST', headers: { authorization: sign('POST', endpoints.tokenUrl!, consumer, { key: temporary.key, secret: 'guess' }, { oauth_verifier: 'nope' }) } });
    expect([unsigned.status, await unsigned.text()]).toEqual([401, 'invalid signature']);
  });

  it('denying sends the person back without a verifier', async () => {
    const { form } = await requestToken();
    const authorize = new URL(endpoints.authorizationUrl!);
    authorize.search = new URLSearchParams({ oauth_token: form.get('oauth_token')!, scope: 'read', expiration: 'never' }).toString();
    const { callbackUrl } = await ps.sandbox.consent(authorize, { user: 'carol', deny: true });
    const back = new URL(callbackUrl);
    expect(back.searchParams.get('oauth_token')).toBe(form.get('oauth_token'));
    expect(back.searchParams.has('oauth_verifier')).toBe(false);
  });

  it('serves the API to signed requests, enforces the write scope, and deletes a token with DELETE /1/tokens/{token}', async () => {
    const { token } = await connect('dave', 'read');
    const me = await api('/members/me?fields=id', token);
    expect(me.status).toBe(200);
    const { id } = (await me.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const boards = (await (await api(`/members/${id}/boards?filter=open&lists=open`, token)).json()) as Array<{ name: string; lists: Array<{ id: string; name: string }> }>;
    expect(boards.map((b) => b.name)).toEqual(['Product Roadmap', 'Marketing']);
    const todo = boards[0]!.lists.find((l) => l.name === 'To Do')!;
    const denied = await api(`/cards?idList=${todo.id}&name=x`, token, 'POST');
    expect([denied.status, await denied.text()]).toEqual([401, 'unauthorized permission requested']);
    const tampered = await fetch(`${endpoints.apiBaseUrl}/members/me?fields=id&x=1`, { headers: { authorization: sign('GET', `${endpoints.apiBaseUrl}/members/me?fields=id`, consumer, token) } });
    expect([tampered.status, await tampered.text()]).toEqual([401, 'invalid signature']);

    const info = await api(`/tokens/${token.key}`, token);
    expect([info.status, await info.json()]).toEqual([200, expect.objectContaining({ idMember: id, dateExpires: null, permissions: [expect.objectContaining({ read: true, write: false })] })]);
    const gone = await api(`/tokens/${token.key}`, token, 'DELETE');
    expect([gone.status, await gone.json()]).toEqual([200, { _value: null }]);
    expect((await api('/members/me?fields=id', token)).status).toBe(401);
  });

  it('takes the key + token method as query parameters, a token only with the key that minted it', async () => {
    const apiKey = 'a'.repeat(32);
    const token = ps.mocks.state.trello.oauth.issueUserToken({ apiKey, member: 'erin' });
    const ok = await fetch(`${endpoints.apiBaseUrl}/members/me?key=${apiKey}&token=${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: 'erin' });
    const otherKey = await fetch(`${endpoints.apiBaseUrl}/members/me?key=${'b'.repeat(32)}&token=${token}`);
    expect([otherKey.status, await otherKey.text()]).toEqual([401, 'invalid token']);
    const none = await fetch(`${endpoints.apiBaseUrl}/members/me`);
    expect([none.status, await none.text()]).toEqual([401, 'invalid key']);
  });
});
