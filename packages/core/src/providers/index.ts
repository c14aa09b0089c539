export { defineProvider } from './define-provider.ts';
export { builtInProviders, createProviderRegistry } from './registry.ts';
export type { ProviderRegistry } from './registry.ts';
export type * from './provider-types.ts';
export { authenticationFor, resolveApiBaseUrl } from './api-auth.ts';
