import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OnBehalf } from '../create-on-behalf.ts';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

/** A browser's cookie jar in front of the handler: it sends back what it was told to keep. */
function createBrowser(ob: OnBehalf) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return {
    jar,
    cookieHeader,
    async get(url: string): Promise<Response> {
      const response = await ob.handler(new Request(url, { headers: jar.size > 0 ? { cookie: cookieHeader() } : {} }));
      for (const cookie of response.headers.getSetCookie()) {
        const pair = cookie.split(';')[0]!;
        const name = pair.slice(0, pair.indexOf('='));
        if (/;\s*Max-Age=0\b/i.test(cookie)) jar.delete(name);
        else jar.set(name, pair.slice(pair.indexOf('=') + 1));
      }
      return response;
    },
  };
}

describeEachDialect('transaction cookies', (dialect) => {
  let bed: OAuthTestbed;

  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect, { connections: ['demo', 'other'] });
  });

  afterEach(async () => {
    await bed.close();
  });

  it('opening links again and again keeps one small cookie per connection, and the latest flow completes', async () => {
    const browser = createBrowser(bed.ob);
    let location = '';
    for (let i = 0; i < 60; i++) {
      const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
      location = (await browser.get(link)).headers.get('location')!;
    }
    // Without a bound, 60 opens would be 60 cookies of ~310 bytes: past the 16 KB header limit
    // of Node's HTTP server, every route of the app would answer 431.
    expect(browser.jar.size).toBe(1);
    expect(browser.cookieHeader().length).toBeLessThan(1024);

    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    expect((await browser.get(callbackUrl)).status).toBe(200);
    expect(browser.jar.size).toBeLessThanOrEqual(1); // the older flows, still in flight
  });

  it('two tabs of one browser each complete their own authorization', async () => {
    const browser = createBrowser(bed.ob);
    const tabs = [];
    for (const [connection, identifier] of [['demo', 'user_1'], ['demo', 'user_2'], ['other', 'user_1']] as const) {
      const { link } = await bed.ob.accounts.authorizationLink({ connection, identifier });
      tabs.push(await bed.sandbox.consent((await browser.get(link)).headers.get('location')!, { user: identifier }));
    }
    expect(browser.jar.size).toBe(2); // one per connection
    for (const { callbackUrl } of tabs) expect((await browser.get(callbackUrl)).status).toBe(200);
    expect(browser.jar.size).toBe(0);
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_2' })).toMatchObject({ status: 'ACTIVE' });
  });
});
