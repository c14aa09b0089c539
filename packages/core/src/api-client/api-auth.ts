import type { StoredCredentials } from '../accounts/index.ts';
import type { ConnectionEndpoints } from '../connections/index.ts';
import { fillUrlTemplate, type Provider } from '../providers/index.ts';
import { OnBehalfError } from '../errors.ts';
import { createOAuth1RequestSigner, type OAuth1Consumer, type OAuth1RequestSigner } from '../oauth1/index.ts';

/**
 * The provider's API base URL for one account: the connection's override if any, with `{name}`
 * placeholders (a Jira subdomain, a Salesforce instance host, a GitLab host) filled from `values`:
 * the account's values and credential fields over the connection's settings. Each value must be
 * what its field accepts, so a bad one fails here with a typed error naming the field.
 */
export function resolveApiBaseUrl(provider: Provider, endpoints: ConnectionEndpoints, values: Record<string, string> = {}): string {
  return fillUrlTemplate(provider, endpoints.apiBaseUrl ?? provider.api.baseUrl, values).replace(/\/+$/, '');
}

export interface Authentication {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** OAuth 1.0a: the Authorization header of each request, signed over its method, URL and query. */
  sign?: OAuth1RequestSigner;
}

/**
 * Headers and query parameters that authenticate one request with stored credentials. An OAuth
 * 1.0a account has no fixed header: each request is signed by `sign` with the `consumer` (the
 * connection's key and secret) and the account's token.
 */
export function authenticationFor(provider: Provider, stored: StoredCredentials, consumer?: OAuth1Consumer): Authentication {
  if (stored.type === 'oauth2') return { headers: { authorization: `${stored.tokenType === 'Bearer' ? 'Bearer' : stored.tokenType} ${stored.accessToken}` }, query: {} };
  if (stored.type === 'jwt') return { headers: { authorization: `${stored.tokenType} ${stored.accessToken ?? ''}` }, query: {} };
  if (stored.type === 'oauth1') {
    if (!consumer) throw new OnBehalfError('CONFIGURATION_ERROR', `The ${provider.name} account uses OAuth 1.0a, whose requests need the connection's consumer key and secret.`);
    return { headers: {}, query: {}, sign: createOAuth1RequestSigner(consumer, { key: stored.token, secret: stored.tokenSecret }) };
  }
  const values = stored.values;
  switch (stored.type) {
    case 'basic':
      return { headers: { authorization: `Basic ${Buffer.from(`${values.username ?? ''}:${values.password ?? ''}`).toString('base64')}` }, query: {} };
    case 'bearer':
      return { headers: { authorization: `Bearer ${values.token ?? ''}` }, query: {} };
    case 'api_key': {
      const auth = provider.auth.type === 'api_key' ? provider.auth : { type: 'api_key' as const };
      const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
      if (auth.queryParams) return { headers: {}, query: Object.fromEntries(Object.entries(auth.queryParams).map(([name, template]) => [name, fill(template)])) };
      if (auth.queryParam) return { headers: {}, query: { [auth.queryParam]: values.apiKey ?? '' } };
      return { headers: { [(auth.header ?? 'authorization').toLowerCase()]: fill(auth.template ?? 'Bearer {apiKey}') }, query: {} };
    }
  }
}
