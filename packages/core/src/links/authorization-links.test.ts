import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthorizationRequiredError } from '../errors.ts';
import { defineTool } from '../tools/index.ts';
import { describeEachDialect, testKey } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

const whoami = defineTool({
  name: 'sandbox_whoami',
  provider: 'sandbox',
  description: 'Who the connected sandbox user is.',
  input: z.object({}),
  execute: async (_input, ctx) => ctx.request('/me'),
});

describeEachDialect('reusing a live authorization link', (dialect) => {
  let bed: OAuthTestbed;

  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect, { extra: { tools: [whoami] } });
  });

  afterEach(async () => {
    await bed.close();
  });

  const account = { connection: 'demo', identifier: 'user_1' };

  it('hands out the same live link for the same account and returnTo, and it works', async () => {
    const first = await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/settings', reuse: true });
    const second = await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/settings', reuse: true });
    expect(second).toEqual(first);
    expect((await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/settings' })).link).not.toBe(first.link); // without reuse, as before

    expect((await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/elsewhere', reuse: true })).link).not.toBe(first.link);
    expect((await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/settings', scopes: ['profile'], reuse: true })).link).not.toBe(first.link);
    expect((await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_2', returnTo: '/settings', reuse: true })).link).not.toBe(first.link);

    expect((await bed.connect(first.link)).callback.status).toBe(302);
    // Used: the next one is new.
    const after = await bed.ob.accounts.authorizationLink({ ...account, returnTo: '/settings', reuse: true });
    expect(after.link).not.toBe(first.link);
    expect((await bed.ob.handler(new Request(after.link))).status).toBe(302);
  });

  it('does not hand out a link that would expire within half the lifetime asked for', async () => {
    const short = await bed.ob.accounts.authorizationLink({ ...account, expiresIn: 60, reuse: true });
    expect((await bed.ob.accounts.authorizationLink({ ...account, expiresIn: 100, reuse: true })).link).toBe(short.link);
    expect((await bed.ob.accounts.authorizationLink({ ...account, expiresIn: 3600, reuse: true })).link).not.toBe(short.link);
  });

  it('after a key rotation mints a new link rather than a wrong one', async () => {
    const before = await bed.ob.accounts.authorizationLink({ ...account, reuse: true });
    const rotated = await bed.reopen({ encryptionKeys: { default: bed.key, next: testKey() }, currentKeyId: 'next' });
    const after = await rotated.accounts.authorizationLink({ ...account, reuse: true });
    expect(after.link).not.toBe(before.link);
    expect((await rotated.handler(new Request(after.link))).status).toBe(302);
    expect((await rotated.accounts.authorizationLink({ ...account, reuse: true })).link).toBe(after.link);
  });

  it('a tool that finds the account unconnected hands the model the same link on every call', async () => {
    const call = () => bed.ob.tools.execute({ identifier: 'user_1', tool: 'sandbox_whoami', input: {} }).then(
      () => undefined,
      (error: unknown) => (error instanceof AuthorizationRequiredError ? error.authorizationLink : undefined),
    );
    const first = await call();
    expect(first).toMatch(/\/authorize\//);
    expect(await call()).toBe(first);
    expect(await call()).toBe(first);
  });
});
