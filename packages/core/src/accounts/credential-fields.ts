import { OnBehalfError } from '../errors.ts';
import { checkFieldValues, credentialFields, providerPlaceholders, type Provider } from '../providers/index.ts';
import type { Credentials, StoredCredentials } from './account-types.ts';

export { credentialFields, isPlaceholderValue } from '../providers/index.ts';

/**
 * Checks submitted credentials against the provider's fields. Error messages name fields, never
 * values, so a pasted key cannot end up in a log through an error.
 */
export function validateCredentialValues(provider: Provider, input: Record<string, unknown>): StoredCredentials {
  const type = provider.auth.type;
  if (type === 'oauth2' || type === 'oauth1') {
    throw new OnBehalfError('INVALID_CREDENTIALS', `Provider '${provider.id}' uses ${type === 'oauth2' ? 'OAuth 2.0' : 'OAuth 1.0a'}: send the person through an authorization link instead.`);
  }
  if (!input || typeof input !== 'object') throw new OnBehalfError('INVALID_CREDENTIALS', 'credentials must be an object.');
  const { values, problems } = checkFieldValues(provider, credentialFields(provider), input as Record<string, unknown>, providerPlaceholders(provider));
  if (problems.length > 0) {
    throw new OnBehalfError('INVALID_CREDENTIALS', `Invalid credentials for ${provider.id}: ${problems.join('; ')}.`, { details: { problems } });
  }
  if (type === 'jwt') {
    // The key stays among the sealed secrets; the claims' values may be shown (getCredentials).
    const secret = new Set(credentialFields(provider).filter((field) => field.secret).map((field) => field.name));
    const secrets = Object.fromEntries(Object.entries(values).filter(([name]) => secret.has(name)));
    const claims = Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
    return { type, secrets, claims, accessToken: null, tokenType: 'Bearer' };
  }
  return { type, values };
}

/** The public, typed view of stored credentials. */
export function toCredentials(stored: StoredCredentials, extra: { expiresAt: Date | null; scopes: string[] }): Credentials {
  switch (stored.type) {
    case 'oauth2':
      return {
        type: 'oauth2', accessToken: stored.accessToken, refreshToken: stored.refreshToken, tokenType: stored.tokenType, idToken: stored.idToken, ...extra,
        ...(stored.extraTokens
          ? { extraTokens: Object.fromEntries(Object.entries(stored.extraTokens).map(([label, t]) => [label, { ...t, expiresAt: t.expiresAt === null ? null : new Date(t.expiresAt) }])) }
          : {}),
      };
    case 'oauth1':
      return { type: 'oauth1', token: stored.token, tokenSecret: stored.tokenSecret, scopes: extra.scopes };
    case 'api_key':
      return { type: 'api_key', apiKey: stored.values.apiKey ?? '', fields: { ...stored.values } };
    case 'basic':
      return { type: 'basic', username: stored.values.username ?? '', password: stored.values.password ?? '', fields: { ...stored.values } };
    case 'bearer':
      return { type: 'bearer', token: stored.values.token ?? '', fields: { ...stored.values } };
    case 'jwt':
      return { type: 'jwt', accessToken: stored.accessToken ?? '', tokenType: stored.tokenType, ...extra, fields: { ...stored.claims } };
  }
}
