import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

describeEachDialect('proactive refresher', (dialect) => {
  let bed: OAuthTestbed;
  beforeEach(async () => {
    // Tokens live 60 s: a refresher looking 120 s ahead sees them as expiring.
    bed = await createOAuthTestbed(dialect, { accessTokenTtl: 60 });
  });
  afterEach(() => bed.close());

  it('refreshes accounts nearing expiry once, even with two instances sweeping at the same time', async () => {
    for (const user of ['u1', 'u2', 'u3']) {
      const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: user });
      await bed.connect(link, { user });
    }
    const other = await bed.reopen();
    const a = bed.ob.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    const b = other.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.failed + rb.failed).toBe(0);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(3);
    // Nothing is left expiring within the window until the new tokens age: a second sweep is a no-op
    // when it looks less far ahead than the new lifetime.
    const c = bed.ob.startRefresher({ aheadSeconds: 30, intervalSeconds: 3600 });
    expect(await c.runOnce()).toMatchObject({ refreshed: 0, failed: 0 });
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(3);
    for (const user of ['u1', 'u2', 'u3']) {
      const token = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: user });
      expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true, sub: user });
    }
    await Promise.all([a.stop(), b.stop(), c.stop()]);
  });
});
