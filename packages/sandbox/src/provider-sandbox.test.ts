import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderSandbox, type ProviderSandbox } from './provider-sandbox.ts';
import { SANDBOX_PROVIDERS } from './providers/index.ts';

describe('provider sandbox', () => {
  let ps: ProviderSandbox;
  beforeAll(async () => {
    ps = await createProviderSandbox();
  });
  afterAll(() => ps.close());

  it('gives each catalog provider a client and API base on the sandbox, reachable with a sandbox token', async () => {
    for (const provider of SANDBOX_PROVIDERS) {
      const connection = ps.connection(provider, { baseUrl: 'http://localhost:3000/onbehalf' });
      // Every endpoint points at the sandbox: its OIDC server (an issuer, or explicit URLs for
      // providers whose URLs have their own shape, such as Microsoft's tenant paths), or a
      // provider's own authorization server on the mock host (Trello's OAuth 1.0a, monday's).
      expect(connection).toMatchObject({ name: provider, provider });
      const urls = Object.entries(connection.endpoints);
      expect(urls.length, provider).toBeGreaterThan(1);
      for (const [name, url] of urls) expect(String(url).startsWith(ps.sandbox.url), `${provider} ${name}`).toBe(true);
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

describe('provider dialects', () => {
  let ps: ProviderSandbox;
  beforeAll(async () => {
    ps = await createProviderSandbox();
  });
  afterAll(() => ps.close());

  async function authorize(scope: string | undefined, clientId: string, redirectUri: string) {
    const { createHash, randomBytes } = await import('node:crypto');
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(`${ps.sandbox.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      state: 'st',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(scope === undefined ? {} : { scope }),
    }).toString();
    const { callbackUrl } = await ps.sandbox.consent(url, { user: 'pat' });
    return { code: new URL(callbackUrl).searchParams.get('code')!, verifier };
  }

  it("accepts Slack's comma-separated scopes and Notion's JSON token request without scopes", async () => {
    const slack = ps.connection('slack', { baseUrl: 'http://app.test/ob' });
    const s = await authorize('chat:write,channels:read', slack.clientId, 'http://app.test/ob/callback/slack');
    const form = await fetch(`${ps.sandbox.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: s.code, redirect_uri: 'http://app.test/ob/callback/slack', code_verifier: s.verifier, client_id: slack.clientId, client_secret: slack.clientSecret }),
    });
    const slackToken = (await form.json()) as { access_token: string };
    expect((await ps.sandbox.verifyAccessToken(slackToken.access_token))?.scopes.sort()).toEqual(['channels:read', 'chat:write']);

    const notion = ps.connection('notion', { baseUrl: 'http://app.test/ob' });
    const n = await authorize(undefined, notion.clientId, 'http://app.test/ob/callback/notion');
    const json = await fetch(`${ps.sandbox.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${notion.clientId}:${notion.clientSecret}`).toString('base64')}` },
      body: JSON.stringify({ grant_type: 'authorization_code', code: n.code, redirect_uri: 'http://app.test/ob/callback/notion', code_verifier: n.verifier }),
    });
    expect(json.status).toBe(200);
    const notionToken = (await json.json()) as { access_token: string };
    expect((await ps.sandbox.verifyAccessToken(notionToken.access_token))?.scopes).toEqual(['api']);
  });
});
