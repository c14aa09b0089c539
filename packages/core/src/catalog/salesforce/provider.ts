import { defineProvider } from '../../providers/index.ts';
import { INSTANCE_HOST, LOGIN_HOST, SALESFORCE_API_VERSION, SALESFORCE_ID } from './salesforce-hosts.ts';
import { salesforceAfterConsent } from './salesforce-oauth.ts';

const loginHost = { name: 'loginHost', label: 'Salesforce login host', pattern: LOGIN_HOST, placeholder: 'login.salesforce.com', help: 'login.salesforce.com (production), test.salesforce.com (sandbox) or your My Domain, e.g. acme.my.salesforce.com.' };

/**
 * Salesforce. People sign in at a login host (production, sandbox or My Domain), per connection
 * (`settings.loginHost`, default production) or per link (`fields.loginHost`); refresh,
 * introspection and revocation go there too. API calls go to the org's own instance from the token
 * response. Token answers carry no `expires_in` (an access token lives as long as the org's
 * session timeout): its expiry comes from the introspection endpoint, and a 401 refreshes once.
 * Refresh tokens rotate only when the app turns rotation on; a new one is kept whenever sent.
 */
export const salesforce = defineProvider({
  id: 'salesforce',
  name: 'Salesforce',
  docsUrl: 'https://help.salesforce.com/s/articleView?id=xcloud.create_a_local_external_client_app.htm',
  settings: [{ ...loginHost, default: 'login.salesforce.com' }],
  auth: [{
    type: 'oauth2',
    authorizationUrl: 'https://{loginHost}/services/oauth2/authorize',
    tokenUrl: 'https://{loginHost}/services/oauth2/token',
    revocationUrl: 'https://{loginHost}/services/oauth2/revoke',
    introspectionUrl: 'https://{loginHost}/services/oauth2/introspect',
    expiryFromIntrospection: true,
    tokenEndpointAuthMethod: 'client_secret_post',
    // `refresh_token` (alias `offline_access`) is what makes Salesforce issue a refresh token.
    defaultScopes: ['api', 'refresh_token'],
    fields: [loginHost],
    afterConsent: salesforceAfterConsent,
    accountValues: [
      { name: 'instanceHost', label: 'Salesforce instance host', pattern: INSTANCE_HOST },
      { name: 'orgId', label: 'Salesforce org id', pattern: SALESFORCE_ID },
      { name: 'userId', label: 'Salesforce user id', pattern: SALESFORCE_ID },
    ],
  }],
  api: { baseUrl: `https://{instanceHost}/services/data/${SALESFORCE_API_VERSION}`, verify: { path: '/limits' } },
});
