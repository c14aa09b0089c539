import { defineProvider } from '../../providers/index.ts';
import { mondayIdentity } from './monday-identity.ts';
import { revokeMondayToken } from './monday-revoke.ts';

/**
 * monday.com. OAuth 2.1 first (the only flow for apps created since it became the default): PKCE
 * S256 required, the token request as a JSON body at `/oauth_ms/oauth/token` with the client
 * credentials in it, rotating refresh tokens, and access tokens that are JWTs sent without
 * `expires_in`: the engine takes their expiry from the JWT's `exp`. An account admin must have
 * installed the app before a member can consent. Revocation is monday's own JSON request
 * (monday-revoke.ts). After consent the user and account are read and kept on the account
 * (monday-identity.ts). Personal API tokens are the second method, sent in the Authorization
 * header as they are.
 */
export const monday = defineProvider({
  id: 'monday',
  name: 'monday.com',
  docsUrl: 'https://developer.monday.com/apps/docs/oauth-2-1',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://auth.monday.com/oauth2/authorize',
      tokenUrl: 'https://auth.monday.com/oauth_ms/oauth/token',
      revocationUrl: 'https://auth.monday.com/oauth_ms/oauth/revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
      tokenRequestBody: 'json',
      scopeSeparator: ' ',
      revoke: revokeMondayToken,
      afterConsent: mondayIdentity,
      accountValues: [
        { name: 'userId', label: 'monday.com user id' },
        { name: 'accountId', label: 'monday.com account id' },
        { name: 'accountSlug', label: 'monday.com account slug' },
      ],
    },
    { type: 'api_key', header: 'Authorization', template: '{apiKey}', fields: [{ name: 'apiKey', label: 'monday.com API token', required: true, secret: true, help: 'Profile picture → Developers → API token → Show' }] },
  ],
  // No `verify`: the GraphQL endpoint needs a document, which `verify` cannot send.
  api: { baseUrl: 'https://api.monday.com' },
});
