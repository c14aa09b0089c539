import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OnBehalf } from '../create-on-behalf.ts';
import { describeEachDialect, testKey } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

/**
 * A rolling rotation: the new key is added to every instance's ring, then instances switch their
 * current key one by one. Meanwhile a person's callback may land on an instance whose current key
 * is not the one that sealed their transaction cookie.
 */
describeEachDialect('OAuth flows during a rolling key rotation', (dialect) => {
  let bed: OAuthTestbed;

  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect);
  });

  afterEach(async () => {
    await bed.close();
  });

  async function start(instance: OnBehalf, identifier: string) {
    const { link } = await instance.accounts.authorizationLink({ connection: 'demo', identifier });
    const authorize = await instance.handler(new Request(link));
    expect(authorize.status).toBe(302);
    const { callbackUrl } = await bed.sandbox.consent(authorize.headers.get('location')!, { user: identifier });
    return { callbackUrl, cookie: authorize.headers.getSetCookie()[0]!.split(';')[0]! };
  }

  const finish = (instance: OnBehalf, flow: { callbackUrl: string; cookie: string }) =>
    instance.handler(new Request(flow.callbackUrl, { headers: { cookie: flow.cookie } }));

  it('a flow started on one instance completes on an instance with another current key, both ways', async () => {
    const next = testKey();
    // Before the rotation: the ring holds the old key only ('default', as bed.ob has it).
    const beforeRotation = await start(bed.ob, 'user_1');
    const oldCurrent = await bed.reopen({ encryptionKeys: { default: bed.key, next }, currentKeyId: 'default' });
    const newCurrent = await bed.reopen({ encryptionKeys: { default: bed.key, next }, currentKeyId: 'next' });

    expect((await finish(newCurrent, beforeRotation)).status).toBe(200);
    expect((await finish(newCurrent, await start(oldCurrent, 'user_2'))).status).toBe(200);
    expect((await finish(oldCurrent, await start(newCurrent, 'user_3'))).status).toBe(200);
    for (const identifier of ['user_1', 'user_2', 'user_3']) {
      expect(await bed.ob.accounts.get({ connection: 'demo', identifier })).toMatchObject({ status: 'ACTIVE' });
    }
  });

  it('a cookie sealed with a key that is not in the ring is still refused', async () => {
    const stranger = await bed.reopen({ encryptionKeys: { default: bed.key, other: testKey() }, currentKeyId: 'other' });
    const flow = await start(stranger, 'user_1');
    // Same key id, other key material: the cookie cannot be opened here.
    const confused = await bed.reopen({ encryptionKeys: { default: bed.key, other: testKey() }, currentKeyId: 'default' });
    const refused = await finish(confused, flow);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('another browser');
  });
});
