import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { defineProvider } from '../providers/index.ts';

/** An API-key provider of the test's own, so the hosted form serves its links. */
const keyedProvider = defineProvider({ id: 'keyed', name: 'Keyed', auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' }, api: { baseUrl: 'https://keyed.example' } });

/**
 * The link route's check of the app's getIdentifier answer: nobody signed in is asked to sign in,
 * a numeric id is the same user as its string form, a value of another type is a configuration
 * error, and only a different identifier is "another user".
 */
describe('the signed-in identifier at an authorization link', () => {
  let t: TestOnBehalf;
  let link: string;
  beforeEach(async () => {
    t = await createTestOnBehalf('sqlite', { providers: [keyedProvider], connections: [{ name: 'keyed', provider: 'keyed' }] });
    ({ link } = await t.ob.accounts.authorizationLink({ connection: 'keyed', identifier: '42' }));
  });
  afterEach(() => t.cleanup());

  const open = (identifier: unknown) => t.ob.handler(new Request(link), { identifier } as { identifier: string | number | null });

  it('answers nobody signed in (null, undefined, empty) with a 401 sign-in page', async () => {
    for (const nobody of [null, undefined, '']) {
      const page = await open(nobody);
      expect(page.status, String(nobody)).toBe(401);
      const html = await page.text();
      expect(html).toContain('Sign in first');
      expect(html).not.toContain('another user');
    }
  });

  it('compares a numeric identifier as the string it is stored as', async () => {
    const page = await open(42);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
    expect((await open(43)).status).toBe(403);
  });

  it('refuses an identifier of another type as a configuration error, not as another user', async () => {
    const page = await open({ id: '42' });
    expect(page.status).toBe(500);
    expect(await page.text()).not.toContain('another user');
  });

  it('still sends another signed-in user to the wrong-account page', async () => {
    const page = await open('7');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Wrong account');
  });
});
