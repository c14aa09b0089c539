export { defineProvider } from './define-provider.ts';
export { createProviderRegistry } from './provider-registry.ts';
export type { ProviderRegistry } from './provider-registry.ts';
export { oauthStyleErrorInfo, providerErrorInfo } from './provider-error-info.ts';
export type * from './provider-types.ts';
export { withAuthMethod } from './auth-method.ts';
export { checkFieldValues, consentFields, credentialFields, fillUrlTemplate, isPlaceholderValue, providerPlaceholders, urlPlaceholders } from './url-values.ts';
