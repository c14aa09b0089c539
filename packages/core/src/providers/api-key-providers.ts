import { defineProvider } from './define-provider.ts';

/** Jira Cloud with an Atlassian API token: Basic auth of email + token against the site's own host. */
export const jira = defineProvider({
  id: 'jira',
  name: 'Jira',
  docsUrl: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
  auth: {
    type: 'basic',
    fields: [
      { name: 'subdomain', label: 'Atlassian site (the part before .atlassian.net)', required: true, pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$', placeholder: 'your-team' },
      { name: 'username', label: 'Atlassian account email', required: true, placeholder: 'you@example.com' },
      { name: 'password', label: 'API token', required: true, secret: true },
    ],
  },
  api: { baseUrl: 'https://{subdomain}.atlassian.net', verify: { path: '/rest/api/3/myself' } },
});

/** Vercel access tokens are plain bearer tokens. */
export const vercel = defineProvider({
  id: 'vercel',
  name: 'Vercel',
  docsUrl: 'https://vercel.com/docs/rest-api#creating-an-access-token',
  auth: { type: 'bearer', fields: [{ name: 'token', label: 'Vercel access token', required: true, secret: true }] },
  api: { baseUrl: 'https://api.vercel.com', verify: { path: '/v2/user' } },
});

/** Linear personal API keys go in the Authorization header as they are, without "Bearer". */
export const linear = defineProvider({
  id: 'linear',
  name: 'Linear',
  docsUrl: 'https://linear.app/developers/graphql#personal-api-keys',
  auth: { type: 'api_key', header: 'Authorization', template: '{apiKey}', fields: [{ name: 'apiKey', label: 'Linear API key', required: true, secret: true }] },
  api: { baseUrl: 'https://api.linear.app', verify: { method: 'POST', path: '/graphql' } },
});
