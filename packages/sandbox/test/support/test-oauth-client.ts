import * as client from 'openid-client';
import type { Sandbox, SandboxClient } from '../../src/types.ts';

/** A relying party for tests: openid-client configured against a sandbox. */
export interface TestOAuthClient {
  config: client.Configuration;
  /** What was registered at the sandbox. */
  registered: SandboxClient;
  redirectUri: string;
  /** Runs authorization code + PKCE S256 through `sandbox.consent` and exchanges the code. */
  authorize(options: { user: string; scope: string }): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers>;
  /** Builds an authorization URL (PKCE S256 + state) and drives consent, without exchanging. */
  consent(options: { user: string; scope: string; deny?: boolean }): Promise<{ callbackUrl: URL; verifier: string; state: string }>;
  refresh(refreshToken: string): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers>;
}

let counter = 0;

/**
 * Registers a fresh client at the sandbox (unique id and redirect URI, as onbehalf's tests do for
 * each connection) and discovers the sandbox with openid-client.
 */
export async function createTestOAuthClient(
  sandbox: Sandbox,
  overrides: Partial<SandboxClient> = {},
): Promise<TestOAuthClient> {
  counter += 1;
  const redirectUri = `http://127.0.0.1:1/callback/app-${counter}`;
  const registered: SandboxClient = {
    clientId: `app-${counter}`,
    clientSecret: `secret-${counter}`,
    redirectUris: [redirectUri],
    ...overrides,
  };
  sandbox.addClient(registered);
  const authentication = registered.tokenEndpointAuthMethod === 'none'
    ? client.None()
    : registered.tokenEndpointAuthMethod === 'client_secret_basic'
      ? client.ClientSecretBasic(registered.clientSecret)
      : client.ClientSecretPost(registered.clientSecret);
  const config = await client.discovery(
    new URL(sandbox.issuer),
    registered.clientId,
    undefined,
    authentication,
    { execute: [client.allowInsecureRequests] },
  );

  const consent: TestOAuthClient['consent'] = async ({ user, scope, deny }) => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const { callbackUrl } = await sandbox.consent(url, { user, ...(deny ? { deny } : {}) });
    return { callbackUrl: new URL(callbackUrl), verifier, state };
  };

  return {
    config,
    registered,
    redirectUri,
    consent,
    async authorize({ user, scope }) {
      const { callbackUrl, verifier, state } = await consent({ user, scope });
      return client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    },
    refresh: (refreshToken) => client.refreshTokenGrant(config, refreshToken),
  };
}
