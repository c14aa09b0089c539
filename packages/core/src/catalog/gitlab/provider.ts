import { defineProvider } from '../../providers/index.ts';
import { gitlabTokenResponse } from './gitlab-token-response.ts';

/** A host name (`gitlab.com`, `gitlab.example.com`): labels joined by dots, nothing that could carry a path, port or user. */
const HOST = '^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$';

/**
 * GitLab, on gitlab.com or a self-managed instance: the connection's `settings.host` is in every
 * OAuth and API URL (the OAuth application is registered on that instance). OAuth 2.0 with PKCE
 * and the client secret in the body; access tokens live 2 hours and a refresh returns a new pair,
 * invalidating the old one; RFC 7009 revocation at `/oauth/revoke`. Some GitLab versions leave
 * `expires_in` out of the token answer (gitlab-org/gitlab#360729): the 2-hour lifetime every
 * token has had since 15.0 is assumed from its `created_at`. Personal, group and project access
 * tokens are the second method, sent as `PRIVATE-TOKEN`.
 */
export const gitlab = defineProvider({
  id: 'gitlab',
  name: 'GitLab',
  description: 'GitLab projects, issues, merge requests and files, on gitlab.com or a self-managed instance.',
  docsUrl: 'https://docs.gitlab.com/integration/oauth_provider/',
  settings: [{ name: 'host', label: 'GitLab host (gitlab.com or your instance)', pattern: HOST, default: 'gitlab.com' }],
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://{host}/oauth/authorize',
      tokenUrl: 'https://{host}/oauth/token',
      revocationUrl: 'https://{host}/oauth/revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
      defaultScopes: ['read_user'],
      normalizeTokenResponse: gitlabTokenResponse,
    },
    {
      type: 'api_key',
      header: 'PRIVATE-TOKEN',
      template: '{apiKey}',
      fields: [{ name: 'apiKey', label: 'GitLab personal access token', required: true, secret: true, help: 'User settings → Access tokens, with the api or read_api scope.' }],
    },
  ],
  api: { baseUrl: 'https://{host}/api/v4', verify: { path: '/user' } },
});
