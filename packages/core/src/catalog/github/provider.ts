import { defineProvider } from '../../providers/index.ts';

/**
 * GitHub's token endpoint reports failures with HTTP 200 and an `error` field (for example
 * `bad_verification_code`); it returns `refresh_token: null`-free bodies only for expiring user
 * tokens. Both are smoothed here so the engine sees a standard response.
 */
export function normalizeGitHubTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  if (typeof raw.error === 'string') throw { error: raw.error, error_description: raw.error_description };
  const normalized: Record<string, unknown> = { ...raw, token_type: 'bearer' };
  if (typeof raw.scope === 'string') normalized.scope = raw.scope.split(',').filter(Boolean).join(' ');
  if (raw.refresh_token === null || raw.refresh_token === '') delete normalized.refresh_token;
  return normalized;
}

export const github = defineProvider({
  id: 'github',
  name: 'GitHub',
  docsUrl: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    defaultScopes: [],
    tokenEndpointAuthMethod: 'client_secret_post',
    normalizeTokenResponse: normalizeGitHubTokenResponse,
  },
  api: {
    baseUrl: 'https://api.github.com',
    // The X-GitHub-Api-Version header comes from the toolkit (index.ts), with the tools it was written for.
    headers: { accept: 'application/vnd.github+json' },
    verify: { path: '/user' },
  },
});
