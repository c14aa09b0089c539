import { afterEach, expect, it } from 'vitest';
import { createOnBehalf } from '../create-on-behalf.ts';
import { accountRows } from '../../test/support/account-rows.ts';
import { describeEachDialect, type TestDialect } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ref = { connection: 'demo', identifier: 'alice' };
/** Token calls give up after 1 s; the lease (7 s) outlasts that with room for the write. */
const refresh = { tokenRequestTimeoutSeconds: 1, leaseSeconds: 7 };

it('refuses refresh settings where the token call cannot fit inside the lease', () => {
  for (const settings of [{ leaseSeconds: 30, tokenRequestTimeoutSeconds: 20 }, { leaseSeconds: 10 }, { tokenRequestTimeoutSeconds: 0 }, { marginSeconds: -1 }]) {
    expect(() => createOnBehalf({ database: ':memory:', encryptionKey: Buffer.alloc(32, 1).toString('base64'), refresh: settings })).toThrow(expect.objectContaining({ code: 'CONFIGURATION_ERROR' }));
  }
});

describeEachDialect('refresh under provider faults', (dialect: TestDialect) => {
  let bed: OAuthTestbed;
  let rows: ReturnType<typeof accountRows>;
  let id: string;
  const open = async (extra: { dueReadWaitSeconds?: number } = {}) => {
    // The library's default margin (not the testbed's 0), so that "due but valid" exists.
    bed = await createOAuthTestbed(dialect, { provider: { refreshMarginSeconds: undefined }, extra: { refresh: { ...refresh, ...extra } } });
    rows = accountRows(bed.database.url);
    const { link } = await bed.ob.accounts.authorizationLink(ref);
    expect((await bed.connect(link, { user: 'alice' })).callback.status).toBe(200);
    id = (await bed.ob.accounts.get(ref)).id;
  };
  afterEach(async () => {
    await rows?.close();
    await bed?.close();
  });
  const refreshes = () => bed.sandbox.tokenRequests.filter((r) => r.grantType === 'refresh_token' || r.error === 'client_gone');
  /** The backoff after a failure has passed: the next read may try again. */
  const endBackoff = async () => {
    await rows.clearBackoff(id);
  };

  it('a token endpoint that does not answer in time is an outage: ACTIVE, a retryable REFRESH_FAILED, and the next refresh works', async () => {
    await open();
    await rows.expire(id);
    bed.sandbox.stallNextTokenRequests(1, 1500);
    expect((await expectOnBehalfError(bed.ob.accounts.getAccessToken(ref), 'REFRESH_FAILED')).retryable).toBe(true);
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });
    // Backing off: no second call right away.
    await expectOnBehalfError(bed.ob.accounts.getAccessToken(ref), 'REFRESH_FAILED');
    while (bed.sandbox.tokenRequestsInFlight > 0) await sleep(10);
    // One call, abandoned after the timeout and so never processed by the provider.
    expect(refreshes().map((r) => r.error)).toEqual(['client_gone']);
    await endBackoff();
    const token = await bed.ob.accounts.getAccessToken(ref);
    expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true });
  });

  it('a reader of a due but still valid token gets it without waiting out a hanging provider', async () => {
    await open({ dueReadWaitSeconds: 0.2 });
    const before = await bed.ob.accounts.getAccessToken(ref);
    await rows.makeDue(id);
    bed.sandbox.stallNextTokenRequests(1, 1500);
    const token = await bed.ob.accounts.getAccessToken(ref);
    expect(token.accessToken).toBe(before.accessToken);
    expect(bed.sandbox.tokenRequestsInFlight).toBe(1); // handed out while the refresh still hangs
    while (bed.sandbox.tokenRequestsInFlight > 0) await sleep(10);
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });
  });

  const garbage: Array<[string, (body: Record<string, unknown>) => unknown]> = [
    ['{}', () => ({})],
    ['null', () => null],
    ['a non-string access_token', (body) => ({ ...body, access_token: 42 })],
    ['no access_token', (body) => ({ refresh_token: body.refresh_token })],
    ['an HTML page', () => '<html>oops</html>'],
  ];
  for (const [what, rewrite] of garbage) {
    it(`an HTTP 200 with ${what} is an outage, and a rotated refresh token inside it is kept`, async () => {
      await open();
      await rows.expire(id);
      bed.sandbox.rewriteNextTokenResponses(1, rewrite);
      expect((await expectOnBehalfError(bed.ob.accounts.getAccessToken(ref), 'REFRESH_FAILED')).retryable).toBe(true);
      expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });
      await endBackoff();
      const carriedRefreshToken = typeof rewrite({ refresh_token: 'x' }) === 'object' && (rewrite({ refresh_token: 'x' }) as { refresh_token?: unknown } | null)?.refresh_token === 'x';
      if (carriedRefreshToken) {
        // The sandbox rotated; only the refresh token found in the garbage keeps the grant alive.
        const token = await bed.ob.accounts.getAccessToken(ref);
        expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true });
      } else {
        // The provider spent the old refresh token and sent no new one: nothing can save this grant.
        await expectOnBehalfError(bed.ob.accounts.getAccessToken(ref), 'ACCOUNT_EXPIRED');
      }
    });
  }

  it('unusual but usable answers are accepted: a negative expires_in (expiry unknown), token_type "bot"', async () => {
    await open();
    await rows.expire(id);
    bed.sandbox.rewriteNextTokenResponses(1, (body) => ({ ...body, expires_in: -5, token_type: 'bot' }));
    const token = await bed.ob.accounts.getAccessToken(ref);
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresAt: null });
    expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true });
  });

  it('a huge expires_in is clamped to ten years instead of failing the write after the provider rotated', async () => {
    await open();
    await rows.expire(id);
    bed.sandbox.rewriteNextTokenResponses(1, (body) => ({ ...body, expires_in: 1e300 }));
    const token = await bed.ob.accounts.getAccessToken(ref);
    expect(token.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 365 * 24 * 3600 * 1000);
    // The rotated refresh token was stored: the next refresh works.
    const again = await bed.ob.accounts.refresh(ref);
    expect(await bed.sandbox.introspect(again.accessToken)).toMatchObject({ active: true });
  });
});
