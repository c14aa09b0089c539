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

// Provider-shaped mock APIs, to mount on the sandbox with `sandbox.use`.
export * from './apis/index.ts';

// The sandbox as a stand-in for real providers: catalog connections pointed at it.
export { createProviderSandbox, SANDBOX_PROVIDERS } from './provider-sandbox.ts';
export type { ProviderSandbox, SandboxConnection, SandboxProviderId } from './provider-sandbox.ts';

// A stand-in API that answers from recorded exchanges (the tools' replay conformance fixtures).
export * from './replay/index.ts';
