import { isPlaceholderValue, type StoredCredentials } from '../accounts/index.ts';
import type { ConnectionEndpoints } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { Provider } from '../providers/index.ts';

/**
 * The provider's API base URL for one account: the connection's override if any, with
 * `{field}` placeholders (e.g. a Jira subdomain) filled from the account's credential fields.
 * Each value must be what its field accepts (one host label unless the field has a pattern), so
 * a value stored before that check, or one the connection's own URL uses, fails here with a
 * typed error naming the field instead of as a malformed URL later.
 */
export function resolveApiBaseUrl(provider: Provider, endpoints: ConnectionEndpoints, fields: Record<string, string> = {}): string {
  const template = endpoints.apiBaseUrl ?? provider.api.baseUrl;
  const invalid = (name: string) => new OnBehalfError('INVALID_CREDENTIALS', `The ${provider.name} API URL cannot be built from this account's '${name}': it has an invalid format.`, {
    details: { provider: provider.id, field: name },
  });
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = fields[name];
    if (!value) throw new OnBehalfError('CONFIGURATION_ERROR', `The ${provider.id} API URL needs '${name}', which this account does not have.`);
    if (!isPlaceholderValue(provider, name, value)) throw invalid(name);
    return encodeURIComponent(value);
  }).replace(/\/+$/, '');
  // A field's own pattern may still let through something no URL can hold.
  if (!URL.canParse(url)) throw invalid(/\{(\w+)\}/.exec(template)?.[1] ?? 'apiBaseUrl');
  return url;
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
