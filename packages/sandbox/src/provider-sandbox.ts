import { randomBytes } from 'node:crypto';
import { createMockApis, type MockApiName, type MockApis } from './apis/index.ts';
import { createSandbox } from './create-sandbox.ts';
import type { Sandbox, SandboxOptions } from './types.ts';

/**
 * Where each catalog provider's API lives on the sandbox. The value replaces the provider's real
 * API base URL (`endpoints.apiBaseUrl` of a connection), so the tools' real paths land on the mock:
 * Gmail's `/gmail/v1/…` under the origin, Slack's `/chat.postMessage` under `/slack/api`, …
 */
const API_BASES: Record<SandboxProviderId, { api: MockApiName; path: string }> = {
  gmail: { api: 'gmail', path: '' },
  google_calendar: { api: 'calendar', path: '' },
  slack: { api: 'slack', path: '/slack/api' },
  github: { api: 'github', path: '/github' },
  notion: { api: 'notion', path: '/notion' },
};

export type SandboxProviderId = 'gmail' | 'google_calendar' | 'slack' | 'github' | 'notion';
export const SANDBOX_PROVIDERS = Object.keys(API_BASES) as SandboxProviderId[];

/** A connection config for `@onbehalf/core` that points a catalog provider at the sandbox. */
export interface SandboxConnection {
  name: string;
  provider: SandboxProviderId;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  endpoints: { issuer: string; apiBaseUrl: string };
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

/** The authorization server plus Gmail-, Calendar-, Slack-, GitHub- and Notion-shaped APIs on one origin. */
export async function createProviderSandbox(options: SandboxOptions & { seed?: number | string } = {}): Promise<ProviderSandbox> {
  const { seed, ...sandboxOptions } = options;
  const sandbox = await createSandbox(sandboxOptions);
  const mocks = createMockApis({ verifyAccessToken: (token) => sandbox.verifyAccessToken(token), seed });
  for (const prefix of mocks.prefixes) sandbox.use(prefix, mocks.handler);
  return {
    sandbox,
    mocks,
    connection(provider, { baseUrl, name = provider, scopes = [] }) {
      const base = API_BASES[provider];
      if (!base) throw new TypeError(`The sandbox has no API for provider '${provider}'.`);
      const clientId = `sandbox-${name}`;
      const clientSecret = randomBytes(24).toString('base64url');
      sandbox.addClient({ clientId, clientSecret, redirectUris: [`${baseUrl.replace(/\/$/, '')}/callback/${name}`] });
      return { name, provider, clientId, clientSecret, scopes, endpoints: { issuer: sandbox.issuer, apiBaseUrl: `${sandbox.url}${base.path}` } };
    },
    close: () => sandbox.close(),
  };
}
