import { defineProvider } from '../../providers/index.ts';
import { chooseJiraSite } from './jira-sites.ts';

/**
 * Jira Cloud, two ways in:
 * - OAuth 2.0 (3LO) through Atlassian's gateway: `audience=api.atlassian.com` and `prompt=consent`
 *   on the authorize URL, `offline_access` or there is no refresh token, refresh tokens that
 *   rotate on every use (the refresh lease is what keeps these accounts alive: two refreshes of
 *   one token kill the grant), a 90-day idle expiry answered by `invalid_grant`, and no
 *   revocation endpoint (the person removes the app under Connected apps; revoke is local). A
 *   token is not tied to one site: after consent the accessible sites are read and one is kept
 *   as `cloudId` (the link's `site` field picks it when the person has several), and every call
 *   goes to `api.atlassian.com/ex/jira/{cloudId}`.
 * - An Atlassian API token, as Basic auth of email + token against the site's own host.
 */
export const jira = defineProvider({
  id: 'jira',
  name: 'Jira',
  description: 'Jira Cloud issues and projects, through Atlassian OAuth 2.0 (3LO) or an API token.',
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://auth.atlassian.com/authorize',
      tokenUrl: 'https://auth.atlassian.com/oauth/token',
      tokenEndpointAuthMethod: 'client_secret_post',
      defaultScopes: ['offline_access'],
      authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
      fields: [{
        name: 'site',
        label: 'Jira site (the part before .atlassian.net), when you have several',
        pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$',
        placeholder: 'your-team',
      }],
      accountValues: [
        { name: 'cloudId', label: 'Atlassian cloud id', pattern: '^[0-9a-fA-F-]{36}$' },
        { name: 'siteUrl', label: 'Site URL', pattern: '^https://[a-zA-Z0-9-]+\\.(atlassian\\.net|jira\\.com)$' },
      ],
      afterConsent: chooseJiraSite,
      apiBaseUrl: 'https://api.atlassian.com/ex/jira/{cloudId}',
      verify: { path: '/rest/api/3/myself' },
    },
    {
      type: 'basic',
      fields: [
        { name: 'subdomain', label: 'Atlassian site (the part before .atlassian.net)', required: true, pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$', placeholder: 'your-team' },
        { name: 'username', label: 'Atlassian account email', required: true, placeholder: 'you@example.com' },
        { name: 'password', label: 'API token', required: true, secret: true },
      ],
      apiBaseUrl: 'https://{subdomain}.atlassian.net',
      verify: { path: '/rest/api/3/myself' },
    },
  ],
  api: { baseUrl: 'https://api.atlassian.com/ex/jira/{cloudId}', verify: { path: '/rest/api/3/myself' } },
});
