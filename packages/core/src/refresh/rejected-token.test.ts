import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import { testDialects } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * A token that neither expires nor comes with a refresh token (GitHub OAuth Apps, Notion before
 * refresh tokens) serves until the provider refuses it. That 401 is final: the account turns
 * EXPIRED after one request, instead of the same token being sent again and the account staying
 * ACTIVE with a dead token.
 */
describe.each(testDialects)('a refused token that cannot be refreshed [%s]', (dialect) => {
  let wire: WireServer;
  let t: TestOnBehalf;
  const revoked = new Set<string>();
  let issued = 0;

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /token': () => ({ body: { access_token: `forever-${++issued}`, token_type: 'bearer', scope: 'read' } }),
      'GET /api/me': ({ headers }) => (revoked.has(headers.authorization?.replace(/^Bearer /, '') ?? '') ? { status: 401, body: { message: 'Bad credentials' } } : { body: { login: 'mia' } }),
    });
    const forever = defineProvider({
      id: 'forever',
      name: 'Forever',
      auth: { type: 'oauth2', authorizationUrl: `${wire.url}/authorize`, tokenUrl: `${wire.url}/token`, tokenEndpointAuthMethod: 'client_secret_post' },
      api: { baseUrl: `${wire.url}/api` },
    });
    t = await createTestOnBehalf(dialect, { baseUrl: 'http://localhost:3000/onbehalf', providers: [forever], connections: [{ name: 'forever', provider: 'forever', clientId: 'c', clientSecret: 's' }] });
  });
  afterAll(async () => {
    await t?.cleanup();
    await wire?.close();
  });

  it('a 401 to it expires the account after one request', async () => {
    await consentWithCode(t.ob, { connection: 'forever', identifier: 'mia', code: 'x' });
    expect(await (await t.ob.fetch({ connection: 'forever', identifier: 'mia' }, '/me')).json()).toEqual({ login: 'mia' });
    revoked.add((await t.ob.accounts.getAccessToken({ connection: 'forever', identifier: 'mia' })).accessToken);
    const before = wire.requests('GET /api/me').length;
    await expectOnBehalfError(t.ob.fetch({ connection: 'forever', identifier: 'mia' }, '/me'), 'ACCOUNT_EXPIRED');
    expect(wire.requests('GET /api/me').length - before).toBe(1);
    expect(await t.ob.accounts.get({ connection: 'forever', identifier: 'mia' })).toMatchObject({ status: 'EXPIRED', statusReason: 'the provider refused the access token and there is no refresh token' });
  });

  it('asking to refresh it, with no 401, leaves it as it is', async () => {
    await consentWithCode(t.ob, { connection: 'forever', identifier: 'sam', code: 'x' });
    const token = await t.ob.accounts.refresh({ connection: 'forever', identifier: 'sam' });
    expect(token.accessToken).toMatch(/^forever-/);
    expect(await t.ob.accounts.get({ connection: 'forever', identifier: 'sam' })).toMatchObject({ status: 'ACTIVE' });
  });
});
