import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';
import { createAuditRepository, openDatabase } from '../store/index.ts';

/** What must hold when a callback arrives late, twice, or after the account changed under it. */
describeEachDialect('OAuth callback guards', (dialect) => {
  let bed: OAuthTestbed;

  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect);
  });

  afterEach(async () => {
    await bed.close();
  });

  const account = { connection: 'demo', identifier: 'user_1' };
  const connectedSubject = async () => (await bed.sandbox.introspect((await bed.ob.accounts.getAccessToken(account)).accessToken)).sub;

  async function auditEvents(type: string) {
    const store = openDatabase(bed.database.url);
    try {
      return await createAuditRepository(store.db).list({ type });
    } finally {
      await store.destroy();
    }
  }

  it('a link opened twice completes once: the second transaction is refused after the first connected', async () => {
    const { link } = await bed.ob.accounts.authorizationLink(account);
    const first = await bed.begin(link);
    const second = await bed.begin(link);
    const alice = await bed.sandbox.consent(first.location, { user: 'alice' });
    expect((await bed.callback(alice.callbackUrl, first.cookie)).status).toBe(200);

    const mallory = await bed.sandbox.consent(second.location, { user: 'mallory' });
    const refused = await bed.callback(mallory.callbackUrl, second.cookie);
    expect(refused.status).toBe(410);
    expect(await refused.text()).toContain('already been used');
    expect(await connectedSubject()).toBe('alice');
    expect(await auditEvents('account.authorized')).toHaveLength(1);
  });

  it('of two callbacks through one link racing each other, exactly one connects', async () => {
    const { link } = await bed.ob.accounts.authorizationLink(account);
    const first = await bed.begin(link);
    const second = await bed.begin(link);
    const alice = await bed.sandbox.consent(first.location, { user: 'alice' });
    const bob = await bed.sandbox.consent(second.location, { user: 'bob' });
    const [a, b] = await Promise.all([bed.callback(alice.callbackUrl, first.cookie), bed.callback(bob.callbackUrl, second.cookie)]);
    expect([a.status, b.status].sort()).toEqual([200, 410]);
    expect(await connectedSubject()).toBe(a.status === 200 ? 'alice' : 'bob');
  });

  it('a re-authorization through a replace link that connects another provider identity is recorded and warned about', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(account)).link, { user: 'alice' });
    await bed.connect((await bed.ob.accounts.authorizationLink(account)).link, { user: 'alice' });
    expect(await auditEvents('account.identity_changed')).toHaveLength(0);

    const { callback } = await bed.connect((await bed.ob.accounts.authorizationLink({ ...account, replace: true })).link, { user: 'bob' });
    expect(callback.status).toBe(200);
    expect(await connectedSubject()).toBe('bob');
    const [changed] = await auditEvents('account.identity_changed');
    expect(JSON.parse(changed!.data)).toEqual({ previousSubject: 'alice', subject: 'bob' });
    expect(bed.recorder.lines.some((line) => line.startsWith('warn') && line.includes('another provider identity'))).toBe(true);
  });

  it('revoke() ends the transactions already started: a later callback cannot re-activate the account', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(account)).link);
    const { location, cookie } = await bed.begin((await bed.ob.accounts.authorizationLink(account)).link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    await bed.ob.accounts.revoke(account);

    const late = await bed.callback(callbackUrl, cookie);
    expect(late.status).toBe(400);
    expect(await bed.ob.accounts.get(account)).toMatchObject({ status: 'REVOKED' });
  });

  it('a revoke() that lands during the code exchange wins over the callback', async () => {
    const { location, cookie } = await bed.begin((await bed.ob.accounts.authorizationLink(account)).link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    // The app revokes while the callback is at the provider's token endpoint.
    const realFetch = globalThis.fetch;
    let revoked: Promise<unknown> | undefined;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '';
      if (!revoked && body.includes('grant_type=authorization_code')) await (revoked = bed.ob.accounts.revoke(account));
      return realFetch(input, init);
    });
    try {
      const callback = await bed.callback(callbackUrl, cookie);
      expect(revoked, 'the revoke ran inside the code exchange').toBeDefined();
      expect(callback.status).toBe(400);
      expect(await callback.text()).toContain('disconnected');
    } finally {
      spy.mockRestore();
    }
    expect(await bed.ob.accounts.get(account)).toMatchObject({ status: 'REVOKED' });
  });

  it('checks the RFC 9207 iss of an error callback before it consumes the transaction', async () => {
    const { location, cookie } = await bed.begin((await bed.ob.accounts.authorizationLink(account)).link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice', deny: true });
    const real = new URL(callbackUrl);
    expect(real.searchParams.get('iss')).toBe(bed.sandbox.issuer);

    const mixedUp = new URL(real);
    mixedUp.searchParams.set('iss', 'https://evil.example');
    const withoutIss = new URL(real);
    withoutIss.searchParams.delete('iss');
    for (const forged of [mixedUp, withoutIss]) {
      const refused = await bed.callback(forged.href, cookie);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('issuer');
    }
    expect(await bed.ob.accounts.get(account)).toMatchObject({ status: 'PENDING', statusReason: null });

    // The genuine answer still lands on its transaction.
    const genuine = await bed.callback(real.href, cookie);
    expect(genuine.status).toBe(403);
    expect(await bed.ob.accounts.get(account)).toMatchObject({ status: 'PENDING', statusReason: 'access_denied' });
  });

  it('a code callback with another issuer does not use up the transaction either', async () => {
    const { location, cookie } = await bed.begin((await bed.ob.accounts.authorizationLink(account)).link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    const mixedUp = new URL(callbackUrl);
    mixedUp.searchParams.set('iss', 'https://evil.example');
    expect((await bed.callback(mixedUp.href, cookie)).status).toBe(400);
    expect(bed.sandbox.countTokenRequests({ grantType: 'authorization_code' })).toBe(0);
    expect((await bed.callback(callbackUrl, cookie)).status).toBe(200);
  });

  it('a transaction that cannot be decrypted shows a generic page and logs the detail for the operator', async () => {
    const { location, cookie } = await bed.begin((await bed.ob.accounts.authorizationLink(account)).link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    // A database writer without the key alters the stored code verifier.
    const store = openDatabase(bed.database.url);
    const tx = await store.db.selectFrom('onbehalf_oauth_transactions').selectAll().executeTakeFirstOrThrow();
    const envelope = JSON.parse(tx.code_verifier!);
    const body = Buffer.from(envelope.c, 'base64');
    body[0] = body[0]! ^ 1;
    await store.db.updateTable('onbehalf_oauth_transactions').set({ code_verifier: JSON.stringify({ ...envelope, c: body.toString('base64') }) }).where('id', '=', tx.id).execute();
    await store.destroy();

    const page = await bed.callback(callbackUrl, cookie);
    expect(page.status).toBe(500);
    const text = await page.text();
    for (const internal of ['oauth_transactions', 'code_verifier', tx.id, 'decrypt']) expect(text).not.toContain(internal);
    expect(bed.recorder.lines.some((line) => line.startsWith('error') && line.includes('DECRYPTION_FAILED') && line.includes(tx.id))).toBe(true);
  });
});
