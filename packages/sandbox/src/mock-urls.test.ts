import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockBaseUrl } from './mock-urls.ts';
import { createProviderSandbox, type ProviderSandbox } from './provider-sandbox.ts';
import { SANDBOX_PROVIDERS } from './providers/index.ts';

/**
 * mockBaseUrl is what an app hands a catalog connection as `endpoints.apiBaseUrl` when it wires the
 * sandbox in by hand: it must be the base createProviderSandbox's connections use, which is where
 * core's mock-conformance suite runs every built-in tool of these providers.
 */
describe('mockBaseUrl', () => {
  let ps: ProviderSandbox;
  beforeAll(async () => {
    ps = await createProviderSandbox();
  });
  afterAll(() => ps.close());

  it.each([...SANDBOX_PROVIDERS])('%s: the API base the provider sandbox gives its connections', (provider) => {
    expect(mockBaseUrl(provider, ps.sandbox.url)).toBe(ps.connection(provider, { baseUrl: 'http://app.test/onbehalf' }).endpoints.apiBaseUrl);
  });

  it('reaches the mock with the paths the built-in tools send', async () => {
    // Slack's tools call `${apiBaseUrl}/auth.test`-style paths; Gmail's call `/gmail/v1/…` from the origin.
    const slack = await fetch(`${mockBaseUrl('slack', ps.sandbox.url)}/auth.test`, { method: 'POST' });
    expect(await slack.json()).toMatchObject({ ok: false, error: 'not_authed' });
    const gmail = await fetch(`${mockBaseUrl('gmail', `${ps.sandbox.url}/`)}/gmail/v1/users/me/messages`);
    expect(gmail.status).toBe(401);
    expect(() => mockBaseUrl('nope' as 'gmail', ps.sandbox.url)).toThrow(/no API for provider 'nope'/);
  });
});
