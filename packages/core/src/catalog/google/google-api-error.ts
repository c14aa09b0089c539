import { oauthStyleErrorInfo, type ProviderErrorInfo } from '../../providers/index.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Google APIs answer `{ error: { code, message, status, errors: [{ reason }] } }`: the message, and
 * the canonical status (`NOT_FOUND`) or else the first reason as the code. Google's OAuth-style
 * answers (`{ error: 'invalid_token', error_description }`) fall back to the generic reading.
 */
export function googleApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (!isRecord(body) || !isRecord(body.error)) return oauthStyleErrorInfo(body);
  const nested = body.error;
  const firstError = Array.isArray(nested.errors) && isRecord(nested.errors[0]) ? nested.errors[0] : undefined;
  const message = str(nested.message) ?? str(body.message);
  const code = str(body.code) ?? str(nested.status) ?? str(firstError?.reason);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}) };
}
