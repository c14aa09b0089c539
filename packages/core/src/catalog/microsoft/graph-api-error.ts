import { oauthStyleErrorInfo, type ProviderErrorInfo } from '../../providers/index.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Microsoft Graph answers errors as `{ error: { code: 'ErrorItemNotFound', message, innerError } }`
 * (the code is Graph's own, more telling than the HTTP status). Anything else, such as an OAuth-style
 * body from a gateway, falls back to the generic reading.
 */
export function graphApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (!isRecord(body) || !isRecord(body.error)) return oauthStyleErrorInfo(body);
  const message = str(body.error.message);
  const code = str(body.error.code);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}) };
}
