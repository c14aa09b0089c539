export { authenticationFor, resolveApiBaseUrl } from './api-auth.ts';
export { createAuthenticatedFetch, resolveRequestUrl } from './authenticated-fetch.ts';
export type { AuthenticatedFetch, AuthenticatedFetchOptions, AuthenticatedRequestInit } from './authenticated-fetch.ts';
export { insufficientScopes, missingScopesOf, providerApiError, providerError } from './provider-api-error.ts';
export { createRequestAuth } from './request-auth.ts';
export type { RequestAuth, RequestAuthResolver } from './request-auth.ts';
