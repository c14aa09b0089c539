import type { Connection } from '../connections/index.ts';
import type { Provider } from '../providers/index.ts';
import { oauth1Consumer } from './oauth1-endpoints.ts';
import { createOAuth1RequestSigner, createOAuth1SignedFetch } from './oauth1-signed-fetch.ts';

/**
 * Revokes an OAuth 1.0a account's token at the provider with the provider's own `revoke`
 * (RFC 5849 defines no revocation). False when the provider has none: the tokens are then only
 * deleted here.
 */
export async function revokeOAuth1Token(options: {
  provider: Provider;
  connection: Connection;
  clientSecret: string | undefined;
  token: { key: string; secret: string };
  apiBaseUrl: string;
  timeoutMs: number;
}): Promise<boolean> {
  const { provider, connection } = options;
  if (provider.auth.type !== 'oauth1' || !provider.auth.revoke) return false;
  const consumer = oauth1Consumer(connection, options.clientSecret);
  return provider.auth.revoke({
    token: options.token.key,
    consumerKey: consumer.key,
    apiBaseUrl: options.apiBaseUrl,
    fetch: createOAuth1SignedFetch(createOAuth1RequestSigner(consumer, options.token), options.timeoutMs),
  });
}
