import { decodeJwt } from 'jose';
import type { StoredCredentials } from '../accounts/index.ts';

interface TokenEndpointResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
}

export interface TokenSet {
  stored: Extract<StoredCredentials, { type: 'oauth2' }>;
  expiresAt: number | null;
  scopes: string[];
}

/**
 * The longest lifetime believed from a token response (ten years). A larger `expires_in` is
 * clamped rather than stored: it would overflow the BIGINT column on PostgreSQL after the
 * provider already rotated the refresh token, losing the new one.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

export function parseScopes(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  return [...new Set(scope.split(/[\s,]+/).filter(Boolean))];
}

/** A lifetime in seconds that is safe to store: positive, finite, at most ten years. */
function lifetimeSeconds(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.min(value, MAX_TOKEN_LIFETIME_SECONDS);
}

/**
 * The access token's own `exp` when it is a JWT (Salesforce, Microsoft and others send no
 * `expires_in` but sign their tokens). Decoded, not verified: only the API that receives the
 * token can verify it, and a wrong `exp` here only changes when we refresh, never who we are.
 */
function jwtExpiry(accessToken: string, now: number): number | undefined {
  if (accessToken.split('.').length !== 3) return undefined;
  try {
    const { exp } = decodeJwt(accessToken);
    const seconds = typeof exp === 'number' ? lifetimeSeconds(exp - now / 1000) : undefined;
    return seconds === undefined ? undefined : now + Math.round(seconds * 1000);
  } catch {
    return undefined;
  }
}

/**
 * The credentials to store from a token response. A response without a refresh token keeps the
 * previous one (Google never resends it); one without `scope` keeps the scopes already known.
 * Expiry comes from `expires_in`, else from the access token's JWT `exp`, else it is unknown (the
 * token is then used until the API answers 401, see authenticated-fetch).
 */
export function toTokenSet(response: TokenEndpointResponse, now: number, previous?: { refreshToken: string | null; scopes: string[] }): TokenSet {
  const seconds = lifetimeSeconds(response.expires_in);
  return {
    stored: {
      type: 'oauth2',
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
      tokenType: response.token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
      idToken: response.id_token ?? null,
    },
    expiresAt: seconds !== undefined ? now + Math.round(seconds * 1000) : (jwtExpiry(response.access_token, now) ?? null),
    scopes: parseScopes(response.scope) ?? previous?.scopes ?? [],
  };
}
