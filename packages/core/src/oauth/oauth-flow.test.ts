import { afterEach, beforeEach, expect, it } from 'vitest';
import type { EventName } from '../events.ts';
import { describeEachDialect } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { BASE_URL, createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

const EVENTS: EventName[] = ['account.created', 'account.status_changed', 'account.authorized', 'token.refreshed', 'token.refresh_failed'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('OAuth connect flow against the sandbox', (dialect) => {
  let bed: OAuthTestbed;
  const secrets = new Set<string>();
  const events: unknown[] = [];

  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect, { accessTokenTtl: 2, connections: ['demo', 'other'] });
    secrets.clear();
    events.length = 0;
    for (const name of EVENTS) bed.ob.on(name, (payload) => void events.push([name, payload]));
  });

  afterEach(async () => {
    // Nothing secret ever reached a log line, an event or a recorded error.
    const said = [...bed.recorder.lines, JSON.stringify(events)].join('\n');
    for (const secret of [...secrets, bed.clientSecret]) expect(said.includes(secret), 'a secret leaked').toBe(false);
    await bed.close();
  });

  async function remember(identifier = 'user_1', connection = 'demo') {
    const creds = await bed.ob.accounts.getCredentials({ connection, identifier });
    if (creds.type === 'oauth2') {
      secrets.add(creds.accessToken);
      if (creds.refreshToken) secrets.add(creds.refreshToken);
    }
    return creds;
  }

  it('link → consent → callback → ACTIVE, with a working token and a dead link', async () => {
    const { link, expiresAt } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    expect(link).toMatch(new RegExp(`^${BASE_URL}/authorize/[A-Za-z0-9_-]{43}$`));
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect((await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).status).toBe('PENDING');

    const { authorize, callback, callbackUrl } = await bed.connect(link);
    const provider = new URL(authorize.headers.get('location')!);
    expect(provider.origin).toBe(bed.sandbox.issuer);
    expect(provider.searchParams.get('code_challenge_method')).toBe('S256');
    expect(provider.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/callback/demo`);
    expect(authorize.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    expect(authorize.headers.get('referrer-policy')).toBe('no-referrer');
    secrets.add(new URL(callbackUrl).searchParams.get('code')!);

    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Connected');
    const account = await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' });
    expect(account).toMatchObject({ status: 'ACTIVE', statusReason: null });
    expect(account.scopes).toEqual(expect.arrayContaining(['openid', 'email']));
    expect(account.expiresAt!.getTime()).toBeGreaterThan(Date.now());

    const creds = await remember();
    expect(creds).toMatchObject({ type: 'oauth2', tokenType: 'Bearer' });
    if (creds.type !== 'oauth2') throw new Error('unreachable');
    expect(creds.refreshToken).toBeTruthy();
    expect(await bed.sandbox.introspect(creds.accessToken)).toMatchObject({ active: true, sub: 'alice', client_id: bed.clientId });
    expect(events.map((e) => (e as [string])[0])).toEqual(['account.created', 'account.status_changed', 'account.authorized']);

    // The link is dead once an authorization completed through it.
    const again = await bed.ob.handler(new Request(link));
    expect(again.status).toBe(410);
  });

  it('refreshes an expired token on the next read, once, with a rotated refresh token', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.connect(link);
    const before = await remember();
    await sleep(2100);
    const token = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    secrets.add(token.accessToken);
    expect(token.accessToken).not.toBe(before.type === 'oauth2' && before.accessToken);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(1);
    expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true });
    const after = await remember();
    expect(after.type === 'oauth2' && after.refreshToken).not.toBe(before.type === 'oauth2' && before.refreshToken);
    // A fresh token is handed out without another token request.
    await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(1);
    expect(events.some((e) => (e as [string])[0] === 'token.refreshed')).toBe(true);
    // refresh() forces one now.
    secrets.add((await bed.ob.accounts.refresh({ connection: 'demo', identifier: 'user_1' })).accessToken);
    await remember();
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true })).toBe(2);
  });

  it('a revoked grant ends in EXPIRED with a typed error, and a fresh link re-activates', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.connect(link);
    await remember();
    await bed.sandbox.revokeGrants('alice');
    await sleep(2100);
    const error = await expectOnBehalfError(bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' }), 'ACCOUNT_EXPIRED');
    bed.recorder.note(error);
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'EXPIRED' });
    await expectOnBehalfError(bed.ob.accounts.getCredentials({ connection: 'demo', identifier: 'user_1' }), 'ACCOUNT_EXPIRED');
    expect(events).toContainEqual(['token.refresh_failed', expect.objectContaining({ code: 'ACCOUNT_EXPIRED', retryable: false })]);

    const fresh = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const { callback } = await bed.connect(fresh.link);
    expect(callback.status).toBe(200);
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'ACTIVE' });
    await remember();
  });

  it('an outage keeps the account ACTIVE with a retryable error, and a later read recovers', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.connect(link);
    await remember();
    await sleep(2100);
    bed.sandbox.failNextTokenRequests(1, 503);
    const error = await expectOnBehalfError(bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' }), 'REFRESH_FAILED');
    bed.recorder.note(error);
    expect(error.retryable).toBe(true);
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'ACTIVE' });
    // During the backoff no new token request is made.
    await expectOnBehalfError(bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' }), 'REFRESH_FAILED');
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(1);
    await sleep(2000); // the first backoff is about a second
    secrets.add((await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' })).accessToken);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true })).toBe(1);
    await remember();
  });

  it('refuses forged, replayed, cross-connection and cross-browser callbacks, leaving the account untouched', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const { location, cookie } = await bed.begin(link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    const url = new URL(callbackUrl);
    secrets.add(url.searchParams.get('code')!);

    // Forged: a state the app never issued.
    const forged = new URL(url);
    forged.searchParams.set('state', 'x'.repeat(43));
    expect((await bed.callback(forged.href, cookie)).status).toBe(400);
    // Cross-connection: a real state delivered to another connection's callback.
    const cross = new URL(url);
    cross.pathname = cross.pathname.replace('/callback/demo', '/callback/other');
    expect((await bed.callback(cross.href, cookie)).status).toBe(400);
    // Another browser (no transaction cookie, or a forged one).
    expect((await bed.callback(url.href)).status).toBe(400);
    expect((await bed.callback(url.href, `${cookie.split('=')[0]}=Fe26.2**forged`)).status).toBe(400);
    expect((await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).status).toBe('PENDING');

    // The real browser still completes it…
    expect((await bed.callback(url.href, cookie)).status).toBe(200);
    await remember();
    // …exactly once.
    const replay = await bed.callback(url.href, cookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already completed');
    expect(bed.sandbox.countTokenRequests({ grantType: 'authorization_code' })).toBe(1);
  });

  it('refuses expired and unknown links and off-origin returnTo', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', expiresIn: 1 });
    await sleep(1100);
    const expired = await bed.ob.handler(new Request(link));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await bed.ob.handler(new Request(`${BASE_URL}/authorize/${'A'.repeat(43)}`))).status).toBe(404);
    for (const returnTo of ['https://evil.example/steal', '//evil.example/x', 'javascript:alert(1)', 'http://app.test:8080/x']) {
      await expectOnBehalfError(bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo }), 'INVALID_RETURN_TO');
    }
    expect((await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).status).toBe('PENDING');
  });

  it('redirects to a same-origin returnTo with the outcome', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: '/settings/integrations?tab=mail' });
    const { callback } = await bed.connect(link);
    expect(callback.status).toBe(302);
    const location = new URL(callback.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://app.test/settings/integrations');
    expect(Object.fromEntries(location.searchParams)).toEqual({ tab: 'mail', onbehalf_status: 'success', onbehalf_connection: 'demo' });
    expect(callback.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    await remember();
  });

  it('records access_denied on the account and shows a clear page', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const { callback } = await bed.connect(link, { deny: true });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('Access not granted');
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'PENDING', statusReason: 'access_denied' });

    // Declining a second consent leaves a working account as it was.
    await bed.connect((await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' })).link);
    await remember();
    await bed.connect((await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' })).link, { deny: true });
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'ACTIVE', statusReason: null });
  });

  it('refuses a link for another signed-in identifier', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const wrong = await bed.ob.handler(new Request(link), { identifier: 'user_2' });
    expect(wrong.status).toBe(403);
    expect((await bed.ob.handler(new Request(link), { identifier: null })).status).toBe(401);
    expect((await bed.ob.handler(new Request(link), { identifier: 'user_1' })).status).toBe(302);
  });

  it('revoke() revokes at the provider, deletes the tokens and sets REVOKED', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.connect(link);
    const creds = await remember();
    if (creds.type !== 'oauth2') throw new Error('unreachable');
    const revoked = await bed.ob.accounts.revoke({ connection: 'demo', identifier: 'user_1' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect((await bed.sandbox.introspect(creds.accessToken)).active).toBe(false);
    await expectOnBehalfError(bed.ob.accounts.getCredentials({ connection: 'demo', identifier: 'user_1' }), 'ACCOUNT_REVOKED');
  });

  it('deleting an account deletes its links; the refresher sweep prunes long-expired links and transactions', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.begin(link); // an OAuth transaction exists now
    await bed.ob.accounts.delete({ connection: 'demo', identifier: 'user_1' });
    expect((await bed.ob.handler(new Request(link))).status).toBe(404);

    const old = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_2', expiresIn: 1 });
    await bed.begin(old.link);
    const later = Date.now() + 2 * 24 * 3600 * 1000;
    const { openDatabase } = await import('../store/index.ts');
    const store = openDatabase(bed.database.url);
    const count = async () => {
      const links = await store.db.selectFrom('onbehalf_authorization_links').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const txs = await store.db.selectFrom('onbehalf_oauth_transactions').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(links.n) + Number(txs.n);
    };
    expect(await count()).toBe(2);
    const sweeper = await bed.reopen({ connections: [] });
    const realNow = Date.now;
    Date.now = () => later; // two days on: both are long expired
    const refresher = sweeper.startRefresher({ intervalSeconds: 3600 });
    try {
      expect((await refresher.runOnce()).pruned).toBe(2);
    } finally {
      Date.now = realNow;
      await refresher.stop();
    }
    expect(await count()).toBe(0);
    await store.destroy();
  });
});
