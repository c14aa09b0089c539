import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

describe.each(testDialects)('the web handler [%s]', (dialect) => {
  let bed: OAuthTestbed;
  beforeAll(async () => {
    bed = await createOAuthTestbed(dialect);
  });
  afterAll(() => bed?.close());

  it('a callback whose code the provider refuses (invalid_grant) is the browser\'s fault: 400, not 502', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'bad_code' });
    const { location, cookie } = await bed.begin(link);
    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    const forged = new URL(callbackUrl);
    forged.searchParams.set('code', 'not-a-code-the-provider-issued');
    const response = await bed.callback(forged.href, cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Connection failed');
    expect((await bed.ob.accounts.get({ connection: 'demo', identifier: 'bad_code' })).status).not.toBe('ACTIVE');
  });
});
