import { defineProvider } from '../../providers/index.ts';
import { checkTrelloToken } from './trello-check-token.ts';
import { trelloIdentity } from './trello-identity.ts';
import { revokeTrelloToken } from './trello-revoke.ts';

/**
 * Trello. Its OAuth app flow is OAuth 1.0a (consumer key = the Power-Up's API key, consumer secret
 * = its secret), asked for with `expiration=never` so the token lives until revoked (Trello has no
 * refresh); scopes are comma-separated (`read,write,account`). Its token method is the API key
 * plus a user token from `trello.com/1/authorize`, sent as Trello documents them: the `key` and
 * `token` query parameters. A token only works with the key that minted it.
 */
export const trello = defineProvider({
  id: 'trello',
  name: 'Trello',
  docsUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/',
  auth: [
    {
      type: 'oauth1',
      requestTokenUrl: 'https://trello.com/1/OAuthGetRequestToken',
      authorizationUrl: 'https://trello.com/1/OAuthAuthorizeToken',
      tokenUrl: 'https://trello.com/1/OAuthGetAccessToken',
      signatureMethod: 'HMAC-SHA1',
      defaultScopes: ['read', 'write'],
      scopeSeparator: ',',
      authorizationParams: { expiration: 'never' },
      revoke: revokeTrelloToken,
      checkToken: checkTrelloToken,
      afterConsent: trelloIdentity,
      accountValues: [
        { name: 'memberId', label: 'Trello member id', pattern: '^[0-9a-fA-F]{24}$' },
        { name: 'username', label: 'Trello username' },
      ],
    },
    {
      type: 'api_key',
      queryParams: { key: '{apiKey}', token: '{token}' },
      fields: [
        { name: 'apiKey', label: 'API key (of your Power-Up, at trello.com/power-ups/admin)', required: true, pattern: '^[0-9a-fA-F]{32}$' },
        { name: 'token', label: 'Token (from trello.com/1/authorize with that key)', required: true, secret: true },
      ],
    },
  ],
  api: { baseUrl: 'https://api.trello.com/1', verify: { path: '/members/me' } },
});
