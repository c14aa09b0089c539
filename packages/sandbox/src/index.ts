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
  SandboxServiceAccount,
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
/** The incoming webhook the sandbox hands a Discord user at consent (`webhook.incoming`), for tests that run the webhook tool without consent. */
export { webhookOf as sandboxDiscordWebhook } from './providers/discord/discord-ids.ts';
export type { SandboxProviderId } from './providers/index.ts';

// A stand-in API that answers from recorded exchanges (the tools' replay conformance fixtures).
export * from './replay/index.ts';

// RFC 5849 signature checks as the sandbox's Trello server makes them (with oauth-sign), for local servers in the OAuth 1.0a dialect.
export { parseOAuthHeader, signatureMatches as oauth1SignatureMatches } from './providers/trello/trello-signature.ts';
export type { SignedRequest as OAuth1SignedRequest } from './providers/trello/trello-signature.ts';
