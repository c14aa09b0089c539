import { defineProvider } from '../../providers/index.ts';
import { asanaUserFromTokenResponse } from './asana-identity.ts';

/**
 * Asana. OAuth first: PKCE, client credentials in the form body, one-hour access tokens and a
 * refresh token that does not rotate (a refresh answer carries none, so the stored one is kept).
 * The token answer also carries the person as `data: { id, gid, name, email }` beside the tokens;
 * its gid is kept on the account as `values.userGid` (asana-identity.ts). `/-/oauth_revoke` takes the RFC 7009 form
 * (`token` plus the client credentials in the body), so the refresh token is revoked there and
 * the whole grant ends. Personal access tokens are the second method, sent as Bearer tokens.
 */
export const asana = defineProvider({
  id: 'asana',
  name: 'Asana',
  docsUrl: 'https://developers.asana.com/docs/oauth',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://app.asana.com/-/oauth_authorize',
      tokenUrl: 'https://app.asana.com/-/oauth_token',
      revocationUrl: 'https://app.asana.com/-/oauth_revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
      scopeSeparator: ' ',
      afterConsent: asanaUserFromTokenResponse,
      accountValues: [{ name: 'userGid', label: 'Asana user gid', pattern: '^\\d{1,24}$' }],
    },
    {
      type: 'bearer',
      fields: [{ name: 'token', label: 'Asana personal access token', required: true, secret: true, help: 'My settings → Apps → Developer apps → Personal access tokens' }],
    },
  ],
  api: { baseUrl: 'https://app.asana.com/api/1.0', verify: { path: '/users/me' } },
});
