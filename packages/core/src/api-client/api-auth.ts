import type { StoredCredentials } from '../accounts/index.ts';
import type { ConnectionEndpoints } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { Provider } from '../providers/index.ts';

/**
 * The provider's API base URL for one account: the connection's override if any, with
 * `{field}` placeholders (e.g. a Jira subdomain) filled from the account's credential fields.
 */
export function resolveApiBaseUrl(provider: Provider, endpoints: ConnectionEndpoints, fields: Record<string, string> = {}): string {
  const template = endpoints.apiBaseUrl ?? provider.api.baseUrl;
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = fields[name];
    if (!value) throw new OnBehalfError('CONFIGURATION_ERROR', `The ${provider.id} API URL needs '${name}', which this account does not have.`);
    return encodeURIComponent(value);
  });
  return url.replace(/\/+$/, '');
}

/** Headers and query parameters that authenticate one request with stored credentials. */
export function authenticationFor(provider: Provider, stored: StoredCredentials): { headers: Record<string, string>; query: Record<string, string> } {
  if (stored.type === 'oauth2') return { headers: { authorization: `${stored.tokenType === 'Bearer' ? 'Bearer' : stored.tokenType} ${stored.accessToken}` }, query: {} };
  const values = stored.values;
  switch (stored.type) {
    case 'basic':
      return { headers: { authorization: `Basic ${Buffer.from(`${values.username ?? ''}:${values.password ?? ''}`).toString('base64')}` }, query: {} };
    case 'bearer':
      return { headers: { authorization: `Bearer ${values.token ?? ''}` }, query: {} };
    case 'api_key': {
      const auth = provider.auth.type === 'api_key' ? provider.auth : { type: 'api_key' as const };
      const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
      if (auth.queryParam) return { headers: {}, query: { [auth.queryParam]: values.apiKey ?? '' } };
      return { headers: { [(auth.header ?? 'authorization').toLowerCase()]: fill(auth.template ?? 'Bearer {apiKey}') }, query: {} };
    }
  }
}
