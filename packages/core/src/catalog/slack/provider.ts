import { defineProvider } from '../../providers/index.ts';

/**
 * Slack's OAuth v2 answers errors with HTTP 200 and `{ ok: false, error }`, separates scopes with
 * commas, and puts a user token (user scopes) under `authed_user` next to the bot token. We act on
 * behalf of a person, so when a user token is present it is the one we keep.
 */
export function normalizeSlackTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.ok === false) throw { error: String(raw.error ?? 'slack_error'), error_description: `Slack returned ${String(raw.error)}` };
  const user = raw.authed_user as Record<string, unknown> | undefined;
  const source = user && typeof user.access_token === 'string' ? user : raw;
  const normalized: Record<string, unknown> = {
    access_token: source.access_token,
    token_type: 'bearer',
    scope: typeof source.scope === 'string' ? source.scope.split(',').join(' ') : undefined,
  };
  if (typeof source.refresh_token === 'string') normalized.refresh_token = source.refresh_token;
  if (typeof source.expires_in === 'number') normalized.expires_in = source.expires_in;
  return normalized;
}

export const slack = defineProvider({
  id: 'slack',
  name: 'Slack',
  docsUrl: 'https://api.slack.com/authentication/oauth-v2',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopeSeparator: ',',
    tokenEndpointAuthMethod: 'client_secret_post',
    normalizeTokenResponse: normalizeSlackTokenResponse,
  },
  api: { baseUrl: 'https://slack.com/api', verify: { path: '/auth.test' } },
});
