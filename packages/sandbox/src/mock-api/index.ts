// The generic machinery every provider mock is built from; it knows no provider (providers/ imports it).
export { createMockHost } from './create-mock-host.ts';
export { createGraphqlEndpoint, graphqlFailure } from './graphql-endpoint.ts';
export type { GraphqlEndpointOptions } from './graphql-endpoint.ts';
export type { MockApiRequest, MockHost, MockHostOptions, MockHostState } from './create-mock-host.ts';
export { mockApiBases } from './mock-api-bases.ts';
export type { MockApiBase } from './mock-api-bases.ts';
export { hasScope, seedTime } from './mock-provider.ts';
export type { MockProvider, MockProviderContext } from './mock-provider.ts';
export { colleague, mockUser } from './mock-user.ts';
export type { MockPerson, MockUser } from './mock-user.ts';
export { defineProviderModule } from './provider-module.ts';
export type { ProviderDialect, ProviderModule, ProviderModuleState } from './provider-module.ts';
export {
  authenticate,
  bearerToken,
  createRouter,
  decodeCursor,
  encodeCursor,
  intParam,
  isRecord,
  listParam,
  readRequest,
  writeResponse,
} from './router.ts';
export type { AuthResult, MockRequest, MockResponse, RouteHandler, RouteMatch, TokenInfo, VerifyAccessToken } from './router.ts';
export { seededRandom } from './seeded-random.ts';
export type { SeededRandom } from './seeded-random.ts';
