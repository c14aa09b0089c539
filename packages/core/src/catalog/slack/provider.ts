import { defineProvider } from '../../providers/index.ts';
import { slackAccountValues, slackAfterConsent } from './slack-after-consent.ts';
import { revokeSlackToken } from './slack-revoke.ts';
import { normalizeSlackTokenResponse } from './slack-token-response.ts';

export { normalizeSlackTokenResponse } from './slack-token-response.ts';

/**
 * Slack OAuth v2. Bot scopes go in the connection's `scopes` (sent as `scope`), user scopes in
 * `authorizationParams.user_scope` (comma-separated, Slack's own parameter): the user token they
 * grant is the account's token, the bot token is kept beside it (slack-token-response.ts).
 *
 * PKCE is off: on Slack it is an app setting that, once turned on, cannot be turned off and makes
 * the app a public client with 30-day refresh tokens. A connection of an app that has it turns it
 * on with `settings: { pkce: 'on' }`.
 */
export const slack = defineProvider({
  id: 'slack',
  name: 'Slack',
  docsUrl: 'https://api.slack.com/authentication/oauth-v2',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopeSeparator: ',',
    tokenEndpointAuthMethod: 'client_secret_post',
    pkce: 'opt-in',
    normalizeTokenResponse: normalizeSlackTokenResponse,
    revoke: revokeSlackToken,
    afterConsent: slackAfterConsent,
    accountValues: slackAccountValues,
  },
  settings: [
    {
      name: 'pkce',
      label: 'PKCE (S256)',
      default: 'off',
      pattern: '^(on|off)$',
      help: "'on' only for a Slack app whose PKCE setting is on (Slack cannot turn it off again).",
    },
  ],
  api: { baseUrl: 'https://slack.com/api', verify: { path: '/auth.test' } },
});
