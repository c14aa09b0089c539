import { defineProvider } from '../../providers/index.ts';
import { hubspotAfterConsent, hubspotRevoke, hubspotTokenError, normalizeHubspotTokenResponse } from './hubspot-oauth.ts';

/**
 * HubSpot: OAuth on the 2026-03 token endpoint (every parameter in the form body; the v1 endpoints
 * retire on 2027-02-16), 30-minute access tokens, refresh tokens that never rotate and are shared
 * by every connection to the same portal (see hubspot-oauth.ts for what `revoke` does about it),
 * the portal id captured after consent. Scopes the portal may lack go in the connection's
 * `authorizationParams: { optional_scope: '…' }`. Private app access tokens are the second method.
 */
export const hubspot = defineProvider({
  id: 'hubspot',
  name: 'HubSpot',
  docsUrl: 'https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/oauth/oauth-quickstart-guide',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
      tokenUrl: 'https://api.hubapi.com/oauth/2026-03/token',
      tokenEndpointAuthMethod: 'client_secret_post',
      // Every HubSpot app has `oauth`; the CRM scopes come from the connection (see the tools' scopes).
      defaultScopes: ['oauth'],
      normalizeTokenResponse: normalizeHubspotTokenResponse,
      normalizeTokenError: hubspotTokenError,
      afterConsent: hubspotAfterConsent,
      accountValues: [{ name: 'portalId', label: 'HubSpot portal (hub) id', pattern: '^\\d{1,20}$' }],
      revoke: hubspotRevoke,
    },
    {
      type: 'bearer',
      fields: [{ name: 'token', label: 'Private app access token', required: true, secret: true, placeholder: 'pat-na1-…', help: 'Settings → Integrations → Private apps → your app → Access token.' }],
    },
  ],
  api: { baseUrl: 'https://api.hubapi.com', verify: { path: '/account-info/v3/details' } },
});
