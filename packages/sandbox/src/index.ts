export { createSandbox } from './create-sandbox.ts';
export { createUserAgent } from './user-agent.ts';
export type { UserAgent, UserAgentOptions } from './user-agent.ts';
export type {
  AccessTokenInfo,
  ConsentOptions,
  ConsentResult,
  IntrospectionResult,
  Sandbox,
  SandboxClient,
  SandboxOptions,
  SandboxRouteHandler,
  SandboxUser,
  TokenRequestFilter,
  TokenRequestRecord,
} from './types.ts';

// Provider-shaped mock APIs (one folder per provider under providers/), to mount on the sandbox with `sandbox.use`.
export { createMockApis } from './create-mock-apis.ts';
export type { CreateMockApisOptions, MockApiName, MockApiRequest, MockApis, MockApisState } from './create-mock-apis.ts';
export { MOCK_API_BASES, mockBaseUrl, toMockUrl } from './mock-urls.ts';
export type { TokenInfo, VerifyAccessToken } from './mock-api/index.ts';

// The sandbox as a stand-in for real providers: catalog connections pointed at it.
export { createProviderSandbox } from './provider-sandbox.ts';
export type { ProviderSandbox, SandboxConnection } from './provider-sandbox.ts';
export { SANDBOX_PROVIDERS } from './providers/index.ts';
export type { SandboxProviderId } from './providers/index.ts';

// A stand-in API that answers from recorded exchanges (the tools' replay conformance fixtures).
export * from './replay/index.ts';
