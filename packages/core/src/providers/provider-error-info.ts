import type { ProviderErrorInfo } from './provider-types.ts';

const MAX_MESSAGE = 300;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The reading for providers that declare no parser of their own: `{ message }`, `{ code }`, and
 * OAuth-style `{ error, error_description }` (RFC 6750 answers of protected resources), plus a
 * nested `{ error: { message } }`, which many APIs copy from Google's shape.
 */
export function oauthStyleErrorInfo(body: unknown): ProviderErrorInfo {
  if (!isRecord(body)) return {};
  const nested = isRecord(body.error) ? body.error : undefined;
  const firstError = Array.isArray(nested?.errors) && isRecord(nested.errors[0]) ? nested.errors[0] : undefined;
  const message = str(nested?.message) ?? str(body.message) ?? str(body.error_description);
  const code = str(body.code) ?? str(nested?.status) ?? str(firstError?.reason) ?? str(body.error);
  return { ...(message ? { message } : {}), ...(code ? { code } : {}) };
}

/** A provider's own message and code from an error body, with the message capped for models and logs. */
export function providerErrorInfo(provider: { api: { parseError?: (body: unknown) => ProviderErrorInfo } }, body: unknown): ProviderErrorInfo {
  let info: ProviderErrorInfo;
  try {
    info = (provider.api.parseError ?? oauthStyleErrorInfo)(body);
  } catch {
    // A custom parser that trips over an unexpected body must not hide the provider's status.
    info = {};
  }
  const message = str(info.message);
  const code = str(info.code);
  return { ...(message ? { message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message } : {}), ...(code ? { code } : {}) };
}
