import { defineProvider } from '../../providers/index.ts';
import { slackAccountValues, slackAfterConsent, slackIdentity } from './slack-after-consent.ts';
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
 * on with `settings: { pkce: 'on' }`. A token copied from a single-workspace app's settings page is
 * the second method (`auth: 'bearer'`).
 */
export const slack = defineProvider({
  id: 'slack',
  name: 'Slack',
  docsUrl: 'https://api.slack.com/authentication/oauth-v2',
  auth: [{
    type: 'oauth2',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopeSeparator: ',',
    tokenEndpointAuthMethod: 'client_secret_post',
    pkce: 'opt-in',
    normalizeTokenResponse: normalizeSlackTokenResponse,
    revoke: revokeSlackToken,
    afterConsent: slackAfterConsent,
    identity: slackIdentity,
    accountValues: slackAccountValues,
  }, {
    // An app installed in its own workspace shows its tokens on the OAuth & Permissions page.
    type: 'bearer',
    fields: [{
      name: 'token',
      label: 'Slack bot or user token',
      required: true,
      secret: true,
      pattern: '^xox[bp]-[A-Za-z0-9-]+$',
      help: "The Bot User OAuth Token (xoxb-…) or User OAuth Token (xoxp-…) from your Slack app's OAuth & Permissions page. Apps with token rotation on have 12-hour tokens there: connect them through OAuth instead.",
    }],
  }],
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
