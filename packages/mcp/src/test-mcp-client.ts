// Test support: the official MCP client doing what a desktop assistant or an inspector does —
// OAuth discovery from the 401 challenge, authorization code + PKCE at the app's authorization
// server (the sandbox, consent driven headlessly for one sandbox user), then MCP calls.
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import type { Sandbox } from '@onbehalf/sandbox';

export const MCP_CLIENT_ID = 'mcp-desktop-client';
export const MCP_REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback';

type Tokens = Awaited<ReturnType<OAuthClientProvider['tokens']>>;

/** An in-memory OAuth client of the MCP client, pre-registered at the sandbox as a public client. */
export class TestOAuthProvider implements OAuthClientProvider {
  savedTokens: Tokens;
  verifier = '';
  /** The authorization URL the client built, for the test to read (`resource`, PKCE). */
  authorizationUrl: URL | undefined;
  callback: URLSearchParams | undefined;

  private readonly sandbox: Sandbox;
  private readonly user: string;

  constructor(sandbox: Sandbox, user: string) {
    this.sandbox = sandbox;
    this.user = user;
  }

  get redirectUrl() {
    return MCP_REDIRECT_URI;
  }
  get clientMetadata() {
    return { client_name: 'test desktop client', redirect_uris: [MCP_REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return { client_id: MCP_CLIENT_ID };
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens: NonNullable<Tokens>) {
    this.savedTokens = tokens;
  }
  async redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
    const { callbackUrl } = await this.sandbox.consent(url, { user: this.user });
    this.callback = new URL(callbackUrl).searchParams;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  // Kept so the SDK can bind the callback leg to the authorization server it discovered (SEP-2352).
  discovery: unknown;
  saveDiscoveryState(state: unknown) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery as never;
  }
}

export interface ConnectedClient {
  client: Client;
  oauth: TestOAuthProvider;
  close(): Promise<void>;
}

/**
 * Connects the official client to `url` as sandbox `user`: the first attempt meets the 401, the
 * provider runs consent, `finishAuth` redeems the code, and a fresh transport connects with the
 * token. `onConnectLink` plays the person when a tool answers with an authorization link.
 */
export async function connectClient(url: string, sandbox: Sandbox, user: string, options: { onConnectLink?: (link: string, message: string) => Promise<void>; era?: 'modern' | 'legacy'; fetch?: typeof fetch } = {}): Promise<ConnectedClient> {
  const oauth = new TestOAuthProvider(sandbox, user);
  const make = () => {
    const client = new Client(
      { name: 'onbehalf-test-client', version: '1.0.0' },
      { capabilities: options.onConnectLink ? { elicitation: { url: {} } } : {}, versionNegotiation: { mode: options.era === 'legacy' ? 'legacy' : { pin: '2026-07-28' } } } as ConstructorParameters<typeof Client>[1],
    );
    if (options.onConnectLink) {
      const onConnectLink = options.onConnectLink;
      client.setRequestHandler('elicitation/create', async (request) => {
        const params = request.params as { mode?: string; url?: string; message?: string };
        if (params.mode !== 'url' || !params.url) return { action: 'decline' };
        await onConnectLink(params.url, params.message ?? '');
        return { action: 'accept' };
      });
    }
    return { client, transport: new StreamableHTTPClientTransport(new URL(url), { authProvider: oauth, ...(options.fetch ? { fetch: options.fetch } : {}) }) };
  };
  let { client, transport } = make();
  try {
    await client.connect(transport);
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !oauth.callback) throw error;
    await transport.finishAuth(oauth.callback);
    await client.close().catch(() => {});
    ({ client, transport } = make());
    await client.connect(transport);
  }
  return { client, oauth, close: () => client.close() };
}
