import { defineProvider } from '../../providers/index.ts';
import { linearIdentity } from './linear-identity.ts';
import { revokeLinearToken } from './linear-revoke.ts';

/** Linear apps created before 2023-12-01 get `scope` as an array of strings; the standard is one string. */
export function normalizeLinearTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  return Array.isArray(raw.scope) ? { ...raw, scope: raw.scope.filter((s) => typeof s === 'string').join(' ') } : raw;
}

/**
 * Linear. OAuth first: PKCE, comma-separated scopes (`read` is always granted), a form-only token
 * endpoint with the client credentials in the body, 24-hour access tokens and refresh tokens that
 * rotate on every refresh (all Linear OAuth apps since 2026-04-01), so a refresh must happen once
 * per expiry: the engine's lease sees to it. Agents that should act as the app rather than as the
 * person set `authorizationParams: { actor: 'app' }` on the connection. After consent the
 * workspace and user are read and kept on the account (linear-identity.ts). Revocation is
 * Linear's own request (linear-revoke.ts). The personal API key stays the second method: sent in the
 * Authorization header as it is, without "Bearer".
 */
export const linear = defineProvider({
  id: 'linear',
  name: 'Linear',
  docsUrl: 'https://linear.app/developers/oauth-2-0-authentication',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://linear.app/oauth/authorize',
      tokenUrl: 'https://api.linear.app/oauth/token',
      revocationUrl: 'https://api.linear.app/oauth/revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
      scopeSeparator: ',',
      defaultScopes: ['read'],
      normalizeTokenResponse: normalizeLinearTokenResponse,
      revoke: revokeLinearToken,
      afterConsent: linearIdentity,
      accountValues: [
        { name: 'organizationId', label: 'Linear workspace id' },
        { name: 'organizationUrlKey', label: 'Linear workspace URL key' },
        { name: 'viewerId', label: 'Linear user id' },
      ],
    },
    { type: 'api_key', header: 'Authorization', template: '{apiKey}', fields: [{ name: 'apiKey', label: 'Linear API key', required: true, secret: true, help: 'Settings → Account → Security & access → Personal API keys' }] },
  ],
  // No `verify`: a GraphQL endpoint answers a request without a document with 400 whatever the
  // key, so the hosted form could not tell a good key from a bad one that way.
  api: { baseUrl: 'https://api.linear.app' },
});
