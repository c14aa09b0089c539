import { OnBehalfError } from '../errors.ts';

/**
 * Resolves `returnTo` against the public base URL and accepts it only when it stays on the same
 * origin, so a link can never be turned into an open redirect.
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
  return target.href;
}
