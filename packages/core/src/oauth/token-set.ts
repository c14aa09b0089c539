import { decodeJwt } from 'jose';
import type { ExtraToken, StoredCredentials } from '../accounts/index.ts';

interface TokenEndpointResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
  /** Set by a provider's normalizer: what the token is (`user`, `bot`), when the provider says. */
  token_label?: unknown;
  /** Set by a provider's normalizer: other tokens of the same grant, by label, in token response shape. */
  extra_tokens?: unknown;
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
  const extraTokens = parseExtraTokens(response.extra_tokens, now);
  const expiresAt = seconds !== undefined ? now + Math.round(seconds * 1000) : (jwtExpiry(response.access_token, now) ?? null);
  return {
    stored: {
      type: 'oauth2',
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
      tokenType: response.token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
      idToken: response.id_token ?? null,
      ...(typeof response.token_label === 'string' && response.token_label !== '' ? { label: response.token_label } : {}),
      ...(extraTokens ? { extraTokens } : {}),
    },
    expiresAt: grantExpiry(expiresAt, extraTokens),
    scopes: parseScopes(response.scope) ?? previous?.scopes ?? [],
  };
}

/** One extra token from its token-response shape; undefined when it has no access token. */
export function toExtraToken(raw: unknown, now: number, previous?: ExtraToken): ExtraToken | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.access_token !== 'string' || r.access_token === '') return undefined;
  const seconds = lifetimeSeconds(typeof r.expires_in === 'string' && /^\d+$/.test(r.expires_in) ? Number(r.expires_in) : r.expires_in);
  return {
    accessToken: r.access_token,
    refreshToken: typeof r.refresh_token === 'string' && r.refresh_token !== '' ? r.refresh_token : (previous?.refreshToken ?? null),
    tokenType: typeof r.token_type === 'string' && r.token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
    expiresAt: seconds !== undefined ? now + Math.round(seconds * 1000) : null,
    scopes: parseScopes(typeof r.scope === 'string' ? r.scope : undefined) ?? previous?.scopes ?? [],
  };
}

function parseExtraTokens(raw: unknown, now: number): Record<string, ExtraToken> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const tokens = Object.entries(raw).flatMap(([label, value]) => {
    const token = toExtraToken(value, now);
    return token ? [[label, token] as const] : [];
  });
  return tokens.length > 0 ? Object.fromEntries(tokens) : undefined;
}

/**
 * When the account is due: the earliest expiry of its token and of every extra token that can be
 * refreshed (one refresh renews them all). An extra token without a refresh token is used until
 * it expires and does not make the account due.
 */
export function grantExpiry(expiresAt: number | null, extraTokens: Record<string, ExtraToken> | undefined): number | null {
  let earliest = expiresAt;
  for (const token of Object.values(extraTokens ?? {})) {
    if (token.refreshToken && token.expiresAt !== null && (earliest === null || token.expiresAt < earliest)) earliest = token.expiresAt;
  }
  return earliest;
}
