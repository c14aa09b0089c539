import type { Connection } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { OAuth1Auth, Provider } from '../providers/index.ts';
import type { OAuth1Consumer, OAuth1Token } from './oauth1-signer.ts';
import { createOAuth1RequestSigner, createOAuth1SignedFetch } from './oauth1-signed-fetch.ts';

/**
 * What the provider's `afterConsent` captures with the new token (Trello's member id and
 * username), each value a string matching its declared pattern; `{}` when it declares none.
 */
export async function oauth1CapturedValues(options: {
  provider: Provider;
  auth: OAuth1Auth;
  connection: Connection;
  consumer: OAuth1Consumer;
  token: OAuth1Token;
  /** The access token answer's other fields. */
  tokenResponse: Record<string, string>;
  timeoutMs: number;
}): Promise<Record<string, string>> {
  const { provider, auth, connection } = options;
  if (!auth.afterConsent) return {};
  const apiBaseUrl = connection.endpoints.apiBaseUrl ?? provider.api.baseUrl;
  const signedFetch = createOAuth1SignedFetch(createOAuth1RequestSigner(options.consumer, options.token), options.timeoutMs);
  const captured = await auth.afterConsent({
    tokenResponse: { ...options.tokenResponse },
    values: { ...connection.settings },
    fetch: (pathOrUrl, init) => signedFetch(/^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${apiBaseUrl.replace(/\/+$/, '')}${pathOrUrl}`, { ...init, headers: { accept: 'application/json', ...Object.fromEntries(new Headers(init?.headers)) } }),
    apiBaseUrl,
    connection: { name: connection.name, settings: { ...connection.settings } },
  });
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(captured ?? {})) {
    const pattern = auth.accountValues?.find((field) => field.name === name)?.pattern;
    if (typeof value !== 'string' || (pattern && !new RegExp(pattern).test(value))) {
      throw new OnBehalfError('PROVIDER_API_ERROR', `${provider.name} answered with a '${name}' onbehalf cannot use.`, { details: { provider: provider.id, field: name } });
    }
    values[name] = value;
  }
  return values;
}
