import { OnBehalfError } from '../errors.ts';

/** `%2F` or `%5C`, also encoded again (`%252F`): a slash or backslash once the app decodes it. */
const ENCODED_SEPARATOR = /%(?:25)*(?:2f|5c)/i;

/**
 * Resolves `returnTo` against the public base URL and accepts it only when it stays on the same
 * origin, so a link can never be turned into an open redirect.
 *
 * The origin check alone is not enough: `/.//evil.com` resolves to `http://app//evil.com`, whose
 * path is a protocol-relative URL to anything that later reads it as a reference (the app's own
 * trailing-slash or sign-in redirects). So the path gets a single leading slash, and encoded
 * slashes or backslashes in it are refused, since decoding would bring the same back.
 */
export function resolveReturnTo(returnTo: string | undefined | null, baseUrl: string): string | null {
  if (returnTo === undefined || returnTo === null || returnTo === '') return null;
  const base = new URL(baseUrl);
  let target: URL;
  try {
    if (typeof returnTo !== 'string' || /[\u0000-\u001f\\]/.test(returnTo)) throw new Error('bad');
    target = new URL(returnTo, base);
  } catch {
    throw new OnBehalfError('INVALID_RETURN_TO', 'returnTo must be a URL on the same origin as baseUrl.');
  }
  if (target.origin !== base.origin || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new OnBehalfError('INVALID_RETURN_TO', `returnTo must stay on ${base.origin}.`, { details: { allowedOrigin: base.origin } });
  }
  if (ENCODED_SEPARATOR.test(target.pathname)) {
    throw new OnBehalfError('INVALID_RETURN_TO', 'returnTo must not have encoded slashes or backslashes in its path.');
  }
  target.pathname = target.pathname.replace(/^\/{2,}/, '/');
  return target.href;
}
