import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface OAuth1Consumer {
  /** The consumer (API) key: the connection's `clientId`. */
  key: string;
  /** The consumer secret: the connection's `clientSecret`. */
  secret: string;
}

export interface OAuth1Token {
  key: string;
  secret: string;
}

export interface SignOptions {
  method: string;
  url: URL;
  /** The temporary or access token, when the request is made with one. */
  token?: OAuth1Token;
  /** Protocol parameters signed and sent in the header besides the standard ones (`oauth_callback`, `oauth_verifier`). */
  oauthParams?: Record<string, string>;
  /** A form-encoded body, whose parameters RFC 5849 §3.4.1.3 includes in the signature. */
  form?: URLSearchParams;
}

/** Query and form parameters as the signature base string needs them: decoded, repeated names as arrays. */
function parameters(...sources: Array<URLSearchParams | undefined>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const source of sources) {
    for (const [name, value] of source ?? []) {
      const existing = result[name];
      result[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return result;
}

/**
 * The `Authorization: OAuth …` header of one request, HMAC-SHA1-signed by the `oauth-1.0a` library
 * over the method, the URL and its query (and a form body). The query is handed to the library
 * already decoded and the URL without it: the library reads a query itself with
 * `decodeURIComponent`, which leaves a `+` (how URLSearchParams writes a space) as a plus, and the
 * signature would then cover another value than the server reads.
 */
export function signOAuth1Request(consumer: OAuth1Consumer, options: SignOptions): string {
  const oauth = new OAuth({
    consumer: { key: consumer.key, secret: consumer.secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const url = `${options.url.origin}${options.url.pathname}`;
  const data = { ...parameters(options.url.searchParams, options.form), ...options.oauthParams };
  const authorized = oauth.authorize({ url, method: options.method.toUpperCase(), data }, options.token ? { key: options.token.key, secret: options.token.secret } : undefined);
  return oauth.toHeader({ ...authorized, ...options.oauthParams }).Authorization;
}
