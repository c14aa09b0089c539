import { defineProvider } from '../../providers/index.ts';
import { zendeskRevoke } from './zendesk-oauth.ts';

/** A Zendesk subdomain: one DNS label, so it can only ever name a host under zendesk.com. */
const SUBDOMAIN = '^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$';
const subdomainField = { name: 'subdomain', label: 'Zendesk subdomain (the part before .zendesk.com)', required: true, pattern: SUBDOMAIN, placeholder: 'your-company' };

/**
 * Zendesk Support. The OAuth client lives in one Zendesk account (a global client works for any),
 * so the person names their subdomain before consent. `expires_in=1800` goes with both grants:
 * clients created before Zendesk enforced expiry would otherwise get tokens that never expire and
 * never refresh. Refresh rotates (the previous pair is deleted). API tokens are the second method,
 * as Basic `{email}/token:{api_token}`.
 */
export const zendesk = defineProvider({
  id: 'zendesk',
  name: 'Zendesk',
  docsUrl: 'https://developer.zendesk.com/documentation/api-basics/authentication/using-oauth-to-authenticate-zendesk-api-requests-in-a-web-app/',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://{subdomain}.zendesk.com/oauth/authorizations/new',
      tokenUrl: 'https://{subdomain}.zendesk.com/oauth/tokens',
      tokenEndpointAuthMethod: 'client_secret_post',
      defaultScopes: ['read'],
      tokenRequestParams: { expires_in: '1800' },
      fields: [subdomainField],
      revoke: zendeskRevoke,
    },
    {
      type: 'basic',
      fields: [
        subdomainField,
        { name: 'username', label: 'Your Zendesk email followed by /token', required: true, pattern: '^[^\\s@/]+@[^\\s@/]+/token$', placeholder: 'you@example.com/token', help: 'Zendesk API tokens sign in as {email}/token.' },
        { name: 'password', label: 'API token', required: true, secret: true, help: 'Admin Center → Apps and integrations → APIs → Zendesk API → Add API token.' },
      ],
    },
  ],
  api: { baseUrl: 'https://{subdomain}.zendesk.com/api/v2', verify: { path: '/users/me.json' } },
});
