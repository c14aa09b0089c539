import { randomBytes } from 'node:crypto';
import { createMockApis, type MockApis } from './create-mock-apis.ts';
import { createSandbox } from './create-sandbox.ts';
import { SANDBOX_PROVIDER_MODULES, type SandboxProviderId } from './providers/index.ts';
import type { Sandbox, SandboxOptions } from './types.ts';

/** A connection config for `@onbehalf/core` that points a catalog provider at the sandbox. */
export interface SandboxConnection {
  name: string;
  provider: SandboxProviderId;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The OIDC server's issuer and the mock's API base; for Trello (OAuth 1.0a) its three OAuth endpoints on the mock instead of an issuer. */
  endpoints: { issuer?: string; requestTokenUrl?: string; authorizationUrl?: string; tokenUrl?: string; apiBaseUrl: string };
}

export interface ProviderSandbox {
  sandbox: Sandbox;
  mocks: MockApis;
  /**
   * Registers an OAuth client for `provider` whose redirect URI is `${baseUrl}/callback/${name}`
   * and returns the connection to give onbehalf. The provider definition (its quirks, its tools)
   * stays the real one; only the issuer and the API base URL move to the sandbox.
   */
  connection(provider: SandboxProviderId, options: { baseUrl: string; name?: string; scopes?: string[] }): SandboxConnection;
  close(): Promise<void>;
}

/** The authorization server plus every sandbox provider's mock API (Gmail, Calendar, Slack, GitHub, Notion) on one origin. */
export async function createProviderSandbox(options: SandboxOptions & { seed?: number | string } = {}): Promise<ProviderSandbox> {
  const { seed, ...sandboxOptions } = options;
  const sandbox = await createSandbox(sandboxOptions);
  const mocks = createMockApis({ verifyAccessToken: (token) => sandbox.verifyAccessToken(token), seed });
  for (const prefix of mocks.prefixes) sandbox.use(prefix, mocks.handler);
  return {
    sandbox,
    mocks,
    connection(provider, { baseUrl, name = provider, scopes = [] }) {
      // The module's API base path replaces the provider's real API base URL (`endpoints.apiBaseUrl`),
      // so the tools' real paths land on the mock: Gmail's `/gmail/v1/…` under the origin, Slack's
      // `/chat.postMessage` under `/slack/api`, …
      const module = SANDBOX_PROVIDER_MODULES.find((m) => m.id === provider);
      if (!module) throw new TypeError(`The sandbox has no API for provider '${provider}'.`);
      const clientId = `sandbox-${name}`;
      const clientSecret = randomBytes(24).toString('base64url');
      if (module.connect) {
        // The mock is this provider's authorization server (Trello's OAuth 1.0a): the OIDC server plays no part.
        const connect = module.connect as (options: { state: unknown; origin: string; clientId: string; clientSecret: string }) => Record<string, string>;
        const endpoints = connect({ state: mocks.state[module.id], origin: sandbox.url, clientId, clientSecret });
        return { name, provider, clientId, clientSecret, scopes, endpoints: { ...endpoints, apiBaseUrl: endpoints.apiBaseUrl ?? `${sandbox.url}${module.apiBasePath}` } };
      }
      sandbox.addClient({ clientId, clientSecret, redirectUris: [`${baseUrl.replace(/\/$/, '')}/callback/${name}`], provider });
      const apiBaseUrl = `${sandbox.url}${module.apiBasePath}`;
      // Microsoft's tenant paths: the connection keeps the provider's layout, the sandbox serves it.
      const own = 'oauthEndpoints' in module && module.oauthEndpoints ? module.oauthEndpoints(sandbox.url) : undefined;
      return { name, provider, clientId, clientSecret, scopes, endpoints: own ? { ...own, apiBaseUrl } : { issuer: sandbox.issuer, apiBaseUrl } };
    },
    close: () => sandbox.close(),
  };
}
