import * as client from 'openid-client';
import { OnBehalfError, type ErrorCode } from '../errors.ts';

/** How a failed OAuth call should be treated by the caller. */
export type OAuthFailureKind = 'invalid_grant' | 'invalid_client' | 'server' | 'network' | 'denied' | 'invalid_response' | 'other';

export class OAuthFailure extends OnBehalfError {
  override readonly name = 'OAuthFailure';
  readonly kind: OAuthFailureKind;
  readonly oauthError: string | undefined;
  /** The provider's `error_description`, scrubbed: what a status reason can quote (an expired client secret). */
  readonly description: string | undefined;

  constructor(code: ErrorCode, message: string, kind: OAuthFailureKind, oauthError: string | undefined, details: Record<string, unknown>, description?: string) {
    super(code, message, { details: { ...details, kind, oauthError }, retryable: kind === 'server' || kind === 'network' });
    this.kind = kind;
    this.oauthError = oauthError;
    this.description = description;
  }
}

/** Long opaque strings (tokens, codes) never survive into a message, even inside provider prose. */
export function scrub(text: unknown, max = 200): string {
  return String(text ?? '')
    .replace(/[A-Za-z0-9._~+/=-]{24,}/g, '[redacted]')
    .slice(0, max);
}

/**
 * Turns whatever openid-client (or fetch) threw into an OAuthFailure with a safe message. The
 * original error is dropped on purpose: its `cause` can hold the raw token response.
 */
export function toOAuthFailure(error: unknown, operation: string, details: Record<string, unknown> = {}, code: ErrorCode = 'OAUTH_ERROR'): OAuthFailure {
  if (error instanceof OAuthFailure) return error;
  if (error instanceof client.ResponseBodyError) {
    const oauthError = scrub(error.error, 64);
    const kind: OAuthFailureKind =
      oauthError === 'invalid_grant' ? 'invalid_grant'
      : oauthError === 'invalid_client' || oauthError === 'unauthorized_client' ? 'invalid_client'
      : error.status >= 500 ? 'server'
      : 'other';
    const said = error.error_description ? scrub(error.error_description, 300) : undefined;
    const description = said ? `: ${said}` : '';
    return new OAuthFailure(code, `${operation} failed: the provider answered ${oauthError} (HTTP ${error.status})${description}`, kind, oauthError, { ...details, httpStatus: error.status }, said);
  }
  if (error instanceof client.AuthorizationResponseError) {
    const oauthError = scrub(error.error, 64);
    const description = error.error_description ? `: ${scrub(error.error_description)}` : '';
    return new OAuthFailure(oauthError === 'access_denied' ? 'ACCESS_DENIED' : code, `${operation} failed: ${oauthError}${description}`, 'denied', oauthError, details);
  }
  const name = (error as { name?: string } | null)?.name;
  const errorCode = (error as { code?: string } | null)?.code;
  // openid-client reports its own timeout as OAUTH_TIMEOUT: a provider that does not answer is
  // an outage like any unreachable host, never a verdict on the grant.
  if (name === 'TimeoutError' || name === 'AbortError' || errorCode === 'OAUTH_TIMEOUT' || errorCode === 'OAUTH_ABORT' || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return new OAuthFailure(code, `${operation} failed: the provider could not be reached`, 'network', undefined, details);
  }
  if (errorCode === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || errorCode === 'OAUTH_RESPONSE_IS_NOT_JSON') {
    // Usually an HTTP 5xx (openid-client reads error bodies of 4xx answers only) or a proxy's page;
    // the status tells a refresher to back off.
    const status = (error as { cause?: { status?: unknown } }).cause?.status;
    const httpStatus = typeof status === 'number' ? status : undefined;
    return new OAuthFailure(code, `${operation} failed: the provider sent an unexpected response${httpStatus ? ` (HTTP ${httpStatus})` : ''}`, 'server', undefined, { ...details, ...(httpStatus ? { httpStatus } : {}) });
  }
  if (error instanceof client.ClientError || (errorCode && errorCode.startsWith('OAUTH_'))) {
    return new OAuthFailure(code, `${operation} failed: ${scrub((error as Error).message)}`, 'invalid_response', undefined, { ...details, clientError: errorCode });
  }
  return new OAuthFailure(code, `${operation} failed unexpectedly`, 'other', undefined, details);
}
