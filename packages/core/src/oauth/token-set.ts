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

export function parseScopes(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  return [...new Set(scope.split(/[\s,]+/).filter(Boolean))];
}

/**
 * The credentials to store from a token response. A response without a refresh token keeps the
 * previous one (Google never resends it); one without `scope` keeps the scopes already known.
 */
export function toTokenSet(response: TokenEndpointResponse, now: number, previous?: { refreshToken: string | null; scopes: string[] }): TokenSet {
  return {
    stored: {
      type: 'oauth2',
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
      tokenType: response.token_type.toLowerCase() === 'bearer' ? 'Bearer' : response.token_type,
      idToken: response.id_token ?? null,
    },
    expiresAt: typeof response.expires_in === 'number' && response.expires_in > 0 ? now + response.expires_in * 1000 : null,
    scopes: parseScopes(response.scope) ?? previous?.scopes ?? [],
  };
}
