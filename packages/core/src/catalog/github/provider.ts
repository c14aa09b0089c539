import { defineProvider, type RevokeContext } from '../../providers/index.ts';
import { githubAppInstallation } from './github-app-installation.ts';
import { githubIdentity } from './github-identity.ts';

/**
 * GitHub's own error codes that mean the same as RFC 6749's: `bad_refresh_token` (expired, reused
 * after a rotation, or revoked) ends the grant, `incorrect_client_credentials` is the app's fault.
 * The GitHub code stays visible in the description.
 */
const STANDARD_ERRORS: Record<string, string> = { bad_refresh_token: 'invalid_grant', incorrect_client_credentials: 'invalid_client' };

/**
 * GitHub's token endpoint reports failures with HTTP 200 and an `error` field
 * (`bad_verification_code`, `bad_refresh_token`…) and lists scopes with commas. Expiring user
 * tokens (GitHub Apps, and OAuth Apps that opted in) come with `expires_in` and a
 * `refresh_token`; the others with neither. All of it is smoothed here so the engine sees a
 * standard response.
 */
export function normalizeGitHubTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  if (typeof raw.error === 'string') {
    const standard = STANDARD_ERRORS[raw.error];
    const description = typeof raw.error_description === 'string' ? raw.error_description : undefined;
    throw standard
      ? { error: standard, error_description: `${raw.error}${description ? `: ${description}` : ''}` }
      : { error: raw.error, error_description: description };
  }
  const normalized: Record<string, unknown> = { ...raw, token_type: 'bearer' };
  if (typeof raw.scope === 'string') normalized.scope = raw.scope.split(',').filter(Boolean).join(' ');
  if (raw.refresh_token === null || raw.refresh_token === '') delete normalized.refresh_token;
  return normalized;
}

/**
 * Revokes the whole grant (every token of this app for that person; the app leaves their
 * authorized apps) with `DELETE /applications/{client_id}/grant`: HTTP Basic with the app's own
 * client id and secret, the user's token in the JSON body. The path is under the API base URL,
 * so a GitHub Enterprise Server connection revokes at `https://HOST/api/v3`. 204 is success.
 */
export async function revokeGitHubGrant(context: RevokeContext): Promise<boolean> {
  if (!context.clientId || !context.clientSecret) return false;
  const url = `${context.apiBaseUrl}/applications/${encodeURIComponent(context.clientId)}/grant`;
  const response = await context.fetch(url, {
    method: 'DELETE',
    headers: {
      authorization: `Basic ${Buffer.from(`${context.clientId}:${context.clientSecret}`).toString('base64')}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'onbehalf',
    },
    body: JSON.stringify({ access_token: context.accessToken }),
  });
  await response.body?.cancel();
  return response.status === 204;
}

/**
 * GitHub. OAuth first: an OAuth App (tokens that never expire, or 8-hour tokens with 6-month
 * refresh tokens when the app opted into expiring user tokens) or a GitHub App's user
 * authorization (8-hour user-to-server tokens whose refresh tokens rotate; permissions come from
 * the app, scopes are ignored). Both use the same endpoints; the engine refreshes only when a
 * token came with `expires_in`. Personal access tokens (fine-grained `github_pat_…` or classic
 * `ghp_…`) are the second method; a GitHub App acting as an installation (`auth: 'jwt'`, see
 * github-app-installation.ts) the third. GitHub Enterprise Server: set the connection's `endpoints`
 * (`https://HOST/login/oauth/authorize`, `https://HOST/login/oauth/access_token`, API
 * `https://HOST/api/v3`).
 */
export const github = defineProvider({
  id: 'github',
  name: 'GitHub',
  docsUrl: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/creating-an-oauth-app',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      defaultScopes: [],
      tokenEndpointAuthMethod: 'client_secret_post',
      normalizeTokenResponse: normalizeGitHubTokenResponse,
      revoke: revokeGitHubGrant,
      afterConsent: githubIdentity,
      // Already read by afterConsent (GET /user): the numeric id survives a rename, the login is shown.
      identity: ({ values }) => (values.userId ? { subject: values.userId, display: values.login ?? null } : undefined),
      accountValues: [
        { name: 'login', label: 'GitHub login' },
        { name: 'userId', label: 'GitHub user id', pattern: '^\\d{1,20}$' },
      ],
    },
    {
      type: 'bearer',
      fields: [{
        name: 'token',
        label: 'GitHub personal access token',
        required: true,
        secret: true,
        help: 'A fine-grained (github_pat_…) or classic (ghp_…) token from Settings → Developer settings → Personal access tokens.',
      }],
    },
    githubAppInstallation,
  ],
  api: {
    baseUrl: 'https://api.github.com',
    // The X-GitHub-Api-Version header comes from the toolkit (index.ts), with the tools it was written for.
    headers: { accept: 'application/vnd.github+json' },
    verify: { path: '/user' },
  },
});
