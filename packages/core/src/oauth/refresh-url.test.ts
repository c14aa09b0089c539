import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../errors.ts';
import { defineProvider } from '../providers/index.ts';
import { consentWithCode, startWireServer, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * `refreshUrl` (on the provider's OAuth method, or the connection's `endpoints`): the refresh
 * grant goes there instead of the token endpoint, and an answer without a refresh token keeps
 * the old one. A connection that moves the token endpoint without naming a refresh URL refreshes
 * at the token endpoint it named, as it does for revocation.
 */
describe('a refresh endpoint apart from the token endpoint', () => {
  let t: TestOnBehalf;
  let server: WireServer;
  let minted = 0;
  const logged: Array<Record<string, unknown>> = [];
  const mint = (withRefresh: boolean) => {
    minted += 1;
    return { access_token: `at-${minted}`, token_type: 'bearer', expires_in: 3600, ...(withRefresh ? { refresh_token: `rt-${minted}` } : {}) };
  };

  beforeAll(async () => {
    server = await startWireServer({
      'POST /token': ({ body }) => (body.grant_type === 'authorization_code' || body.grant_type === 'refresh_token' ? { body: mint(true) } : { status: 400, body: { error: 'unsupported_grant_type' } }),
      'POST /refresh': ({ body }) => (body.grant_type === 'refresh_token' && body.refresh_token === 'rt-1' ? { body: mint(false) } : { status: 400, body: { error: 'invalid_grant' } }),
      'POST /other-refresh': ({ body }) => (body.refresh_token ? { body: mint(false) } : { status: 400, body: { error: 'invalid_request' } }),
    });
    const split = defineProvider({
      id: 'split_refresh',
      name: 'Split refresh',
      auth: { type: 'oauth2', authorizationUrl: `${server.url}/authorize`, tokenUrl: `${server.url}/token`, refreshUrl: `${server.url}/refresh`, tokenEndpointAuthMethod: 'client_secret_post' },
      api: { baseUrl: server.url },
    });
    t = await createTestOnBehalf('sqlite', {
      logger: { debug() {}, info() {}, warn() {}, error: (_message, fields) => void logged.push(fields ?? {}) },
      providers: [split],
      connections: [
        { name: 'split', provider: 'split_refresh', clientId: 'c', clientSecret: 's' },
        { name: 'overridden', provider: 'split_refresh', clientId: 'c', clientSecret: 's', endpoints: { refreshUrl: `${server.url}/other-refresh` } },
        { name: 'moved', provider: 'split_refresh', clientId: 'c', clientSecret: 's', endpoints: { authorizationUrl: `${server.url}/authorize`, tokenUrl: `${server.url}/token` } },
        { name: 'plain_http', provider: 'split_refresh', clientId: 'c', clientSecret: 's', endpoints: { refreshUrl: 'http://refresh.example.com/refresh' } },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await server.close();
  });

  async function connect(connection: string, identifier: string) {
    const { callback } = await consentWithCode(t.ob, { connection, identifier, code: 'code' });
    expect(callback.status).toBe(200);
  }

  it('sends the code to the token endpoint and the refresh grant to the provider\'s refreshUrl, keeping the refresh token its answer lacks', async () => {
    await connect('split', 'ann');
    expect(server.requests('POST /token').at(-1)!.body).toMatchObject({ grant_type: 'authorization_code', client_secret: 's' });
    const tokenCalls = server.requests('POST /token').length;
    await t.ob.accounts.refresh({ connection: 'split', identifier: 'ann' });
    expect(server.requests('POST /token')).toHaveLength(tokenCalls);
    expect(server.requests('POST /refresh').at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'c', client_secret: 's' });
    expect(await t.ob.accounts.getCredentials({ connection: 'split', identifier: 'ann' })).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-1' });
  });

  it('an invalid_grant from the refresh endpoint ends the account as EXPIRED', async () => {
    await connect('split', 'bob');
    const failure = await t.ob.accounts.refresh({ connection: 'split', identifier: 'bob' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
  });

  it('a connection\'s endpoints.refreshUrl takes the place of the provider\'s', async () => {
    await connect('overridden', 'ann');
    const calls = server.requests('POST /refresh').length;
    await t.ob.accounts.refresh({ connection: 'overridden', identifier: 'ann' });
    expect(server.requests('POST /refresh')).toHaveLength(calls);
    expect(server.requests('POST /other-refresh')).toHaveLength(1);
  });

  it('a connection that moves the token endpoint and names no refresh URL refreshes at its token endpoint', async () => {
    await connect('moved', 'ann');
    const refreshCalls = server.requests('POST /refresh').length + server.requests('POST /other-refresh').length;
    await t.ob.accounts.refresh({ connection: 'moved', identifier: 'ann' });
    expect(server.requests('POST /token').at(-1)!.body).toMatchObject({ grant_type: 'refresh_token' });
    expect(server.requests('POST /refresh').length + server.requests('POST /other-refresh').length).toBe(refreshCalls);
  });

  it('refuses a plain-http refresh URL that is not on a loopback address', async () => {
    const link = await t.ob.accounts.authorizationLink({ connection: 'plain_http', identifier: 'ann' }).then((l) => l.link);
    const seen = server.seen.length;
    const response = await t.ob.handler(new Request(link));
    expect(response.status).toBe(500);
    expect(logged.at(-1)).toMatchObject({ code: 'CONFIGURATION_ERROR', message: expect.stringContaining('refresh URL must use https') });
    expect(server.seen).toHaveLength(seen);
  });
});
