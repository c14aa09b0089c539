import { signOAuth1Request, type OAuth1Consumer, type OAuth1Token } from './oauth1-signer.ts';

/** Signs a request with the consumer and an access token: `(method, url, form body?)` → the Authorization header. */
export type OAuth1RequestSigner = (method: string, url: URL, form?: URLSearchParams) => string;

export function createOAuth1RequestSigner(consumer: OAuth1Consumer, token: OAuth1Token): OAuth1RequestSigner {
  return (method, url, form) => signOAuth1Request(consumer, { method, url, token, form });
}

/**
 * A `fetch` that signs every request it sends (the provider's own revocation call), bounded by
 * `timeoutMs`. Redirects are not followed: a signature covers one URL.
 */
export function createOAuth1SignedFetch(sign: OAuth1RequestSigner, timeoutMs: number): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init = {}) => {
    const target = new URL(url);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    headers.set('authorization', sign(method, target, init.body instanceof URLSearchParams ? init.body : undefined));
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(target, { ...init, method, headers, redirect: 'manual', signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
