import { afterEach, expect, it } from 'vitest';
import { describeEachDialect, type TestDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed, type OAuthTestbedOptions } from '../../test/support/oauth-testbed.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What the token endpoint sends with its `expires_in` taken out (Salesforce, Notion, monday…). */
const withoutExpiresIn = ({ expires_in: _dropped, ...rest }: Record<string, unknown>) => rest;
/** An unsigned JWT with an `exp`: only the expiry is read from an access token, never trusted for identity. */
const jwtExpiringAt = (exp: number) =>
  [{ alg: 'none', typ: 'JWT' }, { sub: 'alice', exp }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';

describeEachDialect('token lifetimes', (dialect: TestDialect) => {
  let bed: OAuthTestbed;
  const open = async (options: OAuthTestbedOptions) => (bed = await createOAuthTestbed(dialect, options));
  afterEach(() => bed?.close());
  const refreshes = () => bed.sandbox.countTokenRequests({ grantType: 'refresh_token' });
  const ref = { connection: 'demo', identifier: 'alice' };
  const connect = async () => {
    const { link } = await bed.ob.accounts.authorizationLink(ref);
    expect((await bed.connect(link, { user: 'alice' })).callback.status).toBe(200);
  };

  it('a token shorter-lived than the margin is refreshed once per lifetime, not on every read', async () => {
    // The library's default margin (300 s) against a 4-second token.
    await open({ accessTokenTtl: 4, provider: { refreshMarginSeconds: undefined } });
    await connect();
    const first = await bed.ob.accounts.getAccessToken(ref);
    for (let i = 0; i < 20; i++) expect((await bed.ob.accounts.getAccessToken(ref)).accessToken).toBe(first.accessToken);
    expect(refreshes()).toBe(0);

    await sleep(2100); // past half the lifetime: due
    const second = await bed.ob.accounts.getAccessToken(ref);
    expect(second.accessToken).not.toBe(first.accessToken);
    for (let i = 0; i < 20; i++) expect((await bed.ob.accounts.getAccessToken(ref)).accessToken).toBe(second.accessToken);
    expect(refreshes()).toBe(1);
  });

  it('a token without expires_in is used until the API answers 401, then refreshed exactly once and the call retried', async () => {
    await open({ accessTokenTtl: 2 });
    bed.sandbox.rewriteNextTokenResponses(Infinity, withoutExpiresIn);
    await connect();
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE', expiresAt: null });
    expect((await bed.ob.fetch(ref, '/me')).status).toBe(200);

    await sleep(2100); // the sandbox no longer accepts the token; onbehalf cannot know
    const [a, b] = await Promise.all([bed.ob.fetch(ref, '/me'), bed.ob.fetch(ref, '/me')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toMatchObject({ sub: 'alice' });
    expect(refreshes()).toBe(1);
    expect((await bed.ob.fetch(ref, '/me')).status).toBe(200);
    expect(refreshes()).toBe(1);
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE', expiresAt: null });
  });

  it("without expires_in, a JWT access token's exp is its expiry", async () => {
    await open({});
    const exp = Math.floor(Date.now() / 1000) + 1800;
    bed.sandbox.rewriteNextTokenResponses(1, (body) => ({ ...withoutExpiresIn(body), access_token: jwtExpiringAt(exp) }));
    await connect();
    expect((await bed.ob.accounts.get(ref)).expiresAt?.getTime()).toBe(exp * 1000);
  });

  it('without expires_in, a provider that declares it asks its introspection endpoint for the expiry', async () => {
    await open({ accessTokenTtl: 900, provider: { expiryFromIntrospection: true } });
    bed.sandbox.rewriteNextTokenResponses(Infinity, withoutExpiresIn);
    const before = Date.now();
    await connect();
    const { expiresAt } = await bed.ob.accounts.get(ref);
    // The sandbox's own exp for the token (whole seconds), about 900 s from consent.
    expect(expiresAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 899_000);
    expect(expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 900_000);
    const token = await bed.ob.accounts.refresh(ref);
    expect(token.expiresAt).not.toBeNull();
  });
});
