import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { runHeadlessStory } from '@onbehalf/demo-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample, type RunningExample } from './test-support.ts';

// What the README's MCP section promises: an MCP client pointed at the example's /mcp finds the
// authorization server in the 401, registers itself there, signs the person in (headlessly here)
// and gets that person's tools, the same ones the LangChain agent uses.
type Tokens = Awaited<ReturnType<OAuthClientProvider['tokens']>>;
type ClientInfo = Awaited<ReturnType<OAuthClientProvider['clientInformation']>>;

class HeadlessClientOAuth implements OAuthClientProvider {
  client: ClientInfo;
  saved: Tokens;
  verifier = '';
  callback: URLSearchParams | undefined;
  discovery: unknown;
  private readonly app: RunningExample;
  private readonly user: string;
  constructor(app: RunningExample, user: string) {
    this.app = app;
    this.user = user;
  }
  get redirectUrl() {
    return 'http://127.0.0.1:9/callback';
  }
  get clientMetadata() {
    return { client_name: 'example test client', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: NonNullable<ClientInfo>) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: NonNullable<Tokens>) {
    this.saved = tokens;
  }
  async redirectToAuthorization(url: URL) {
    const { callbackUrl } = await this.app.env.sandbox.sandbox.consent(url, { user: this.user });
    this.callback = new URL(callbackUrl).searchParams;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: unknown) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery as never;
  }
}

async function connectAs(app: RunningExample, user: string) {
  const oauth = new HeadlessClientOAuth(app, user);
  const make = () => ({ client: new Client({ name: 'example-test', version: '1.0.0' }), transport: new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), { authProvider: oauth }) });
  let { client, transport } = make();
  try {
    await client.connect(transport);
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !oauth.callback) throw error;
    await transport.finishAuth(oauth.callback);
    ({ client, transport } = make());
    await client.connect(transport);
  }
  return { client, oauth };
}

describe('the example over MCP', () => {
  let app: RunningExample;
  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    app = await startExample();
  });
  afterAll(() => app.stop());

  it('serves the signed-in person’s tools to an MCP client that registered itself', async () => {
    const { client, oauth } = await connectAs(app, 'demo-user');
    try {
      expect(oauth.client?.client_id).toBeTruthy();
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['gmail_fetch_mails', 'slack_send_message']));
      // Not connected yet: the answer carries the link to connect Gmail.
      const before = await client.callTool({ name: 'gmail_fetch_mails', arguments: { maxResults: 3 } });
      expect(before.isError).toBe(true);
      expect(JSON.stringify(before.content)).toMatch(/\/onbehalf\/authorize\//);
      await runHeadlessStory({ appUrl: app.url, env: app.env, user: 'demo-user', print: () => {} });
      const after = await client.callTool({ name: 'gmail_fetch_mails', arguments: { maxResults: 3 } });
      expect(after.isError).toBeFalsy();
      expect(app.env.sandbox.mocks.requests.filter((r) => r.api === 'gmail').at(-1)?.sub).toBe('demo-user');
    } finally {
      await client.close();
    }
  });
});
