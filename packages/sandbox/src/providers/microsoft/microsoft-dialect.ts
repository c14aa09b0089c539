import type { ProviderDialect } from '../../mock-api/index.ts';

/**
 * The identity platform's endpoints carry the tenant in the path
 * (`/{tenant}/oauth2/v2.0/authorize`, `/{tenant}/oauth2/v2.0/token`): the sandbox serves them as
 * its own authorization and token endpoints for any tenant (`common`, `organizations`, an id…).
 * Everything else Microsoft sends is plain RFC 6749 (form bodies, the secret in the form, PKCE).
 */
export const microsoftDialect: ProviderDialect = {
  endpointPaths: {
    authorization: /^\/[A-Za-z0-9.-]+\/oauth2\/v2\.0\/authorize$/,
    token: /^\/[A-Za-z0-9.-]+\/oauth2\/v2\.0\/token$/,
  },
};

/** A sandbox connection's OAuth endpoints in Microsoft's layout, the tenant left to the connection's setting. */
export function microsoftEndpoints(origin: string): Record<string, string> {
  return { authorizationUrl: `${origin}/{tenant}/oauth2/v2.0/authorize`, tokenUrl: `${origin}/{tenant}/oauth2/v2.0/token` };
}
