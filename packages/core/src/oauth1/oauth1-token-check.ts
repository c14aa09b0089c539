import type { Connection } from '../connections/index.ts';
import type { Provider } from '../providers/index.ts';
import type { OAuth1Consumer, OAuth1Token } from './oauth1-signer.ts';
import { createOAuth1RequestSigner, createOAuth1SignedFetch } from './oauth1-signed-fetch.ts';

/**
 * Whether the provider says it no longer takes this token (its `checkToken` resolved false).
 * Anything else — no check declared, the token still valid, the check failing — is not a verdict:
 * a 401 that a permission caused must not end a working account.
 */
export async function oauth1TokenRejected(options: {
  provider: Provider;
  connection: Pick<Connection, 'name'>;
  consumer: OAuth1Consumer;
  token: OAuth1Token;
  apiBaseUrl: string;
  timeoutMs: number;
}): Promise<boolean> {
  const { provider } = options;
  if (provider.auth.type !== 'oauth1' || !provider.auth.checkToken) return false;
  try {
    const valid = await provider.auth.checkToken({
      token: options.token.key,
      consumerKey: options.consumer.key,
      apiBaseUrl: options.apiBaseUrl,
      fetch: createOAuth1SignedFetch(createOAuth1RequestSigner(options.consumer, options.token), options.timeoutMs),
    });
    return valid === false;
  } catch {
    return false;
  }
}
