import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderSandbox, SANDBOX_PROVIDERS, type ProviderSandbox } from './provider-sandbox.ts';

describe('provider sandbox', () => {
  let ps: ProviderSandbox;
  beforeAll(async () => {
    ps = await createProviderSandbox();
  });
  afterAll(() => ps.close());

  it('gives each catalog provider a client and API base on the sandbox, reachable with a sandbox token', async () => {
    for (const provider of SANDBOX_PROVIDERS) {
      const connection = ps.connection(provider, { baseUrl: 'http://localhost:3000/onbehalf' });
      expect(connection).toMatchObject({ name: provider, provider, endpoints: { issuer: ps.sandbox.issuer } });
      expect(connection.endpoints.apiBaseUrl.startsWith(ps.sandbox.url)).toBe(true);
    }
    // Without a token the mocks answer as the providers do for unauthenticated calls.
    const gmail = await fetch(`${ps.connection('gmail', { baseUrl: 'http://x.test/ob' }).endpoints.apiBaseUrl}/gmail/v1/users/me/messages`);
    expect(gmail.status).toBe(401);
    const github = await fetch(`${ps.connection('github', { baseUrl: 'http://x.test/ob' }).endpoints.apiBaseUrl}/user`, { headers: { 'user-agent': 'test' } });
    expect(github.status).toBe(401);
    const slack = await fetch(`${ps.connection('slack', { baseUrl: 'http://x.test/ob' }).endpoints.apiBaseUrl}/auth.test`, { method: 'POST' });
    expect(await slack.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });
});
