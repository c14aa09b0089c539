import * as client from 'openid-client';
import type { OAuthClient } from './oauth-configuration.ts';
import { MAX_TOKEN_LIFETIME_SECONDS, type TokenSet } from './token-set.ts';

/**
 * For providers that send no `expires_in` and opaque tokens but declare an RFC 7662 introspection
 * endpoint (`expiryFromIntrospection`): the token's `exp` from there. Best effort: when the
 * endpoint fails, the expiry stays unknown and the first 401 triggers the refresh instead.
 */
export async function withIntrospectedExpiry(oauth: OAuthClient, tokenSet: TokenSet, now: number): Promise<TokenSet> {
  if (tokenSet.expiresAt !== null || !oauth.auth.expiryFromIntrospection || !oauth.config.serverMetadata().introspection_endpoint) return tokenSet;
  try {
    const answer = await client.tokenIntrospection(oauth.config, tokenSet.stored.accessToken, { token_type_hint: 'access_token' });
    const seconds = typeof answer.exp === 'number' && answer.active ? answer.exp - now / 1000 : undefined;
    if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return tokenSet;
    return { ...tokenSet, expiresAt: now + Math.round(Math.min(seconds, MAX_TOKEN_LIFETIME_SECONDS) * 1000) };
  } catch {
    return tokenSet;
  }
}
