import { defineProvider } from '../../providers/index.ts';

/**
 * Jira Cloud. Its token method: an Atlassian API token, as Basic auth of email + token against the
 * site's own host (the OAuth 2.0 (3LO) method, on api.atlassian.com, goes first in `auth` when added).
 */
export const jira = defineProvider({
  id: 'jira',
  name: 'Jira',
  docsUrl: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
  auth: [{
    type: 'basic',
    fields: [
      { name: 'subdomain', label: 'Atlassian site (the part before .atlassian.net)', required: true, pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$', placeholder: 'your-team' },
      { name: 'username', label: 'Atlassian account email', required: true, placeholder: 'you@example.com' },
      { name: 'password', label: 'API token', required: true, secret: true },
    ],
  }],
  api: { baseUrl: 'https://{subdomain}.atlassian.net', verify: { path: '/rest/api/3/myself' } },
});
