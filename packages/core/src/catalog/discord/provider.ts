import { defineProvider } from '../../providers/index.ts';
import { discordAfterConsent, discordAccountValues } from './discord-after-consent.ts';
import { normalizeDiscordTokenResponse } from './discord-token-response.ts';

/**
 * Discord OAuth2 (user tokens): a form-only token endpoint, space-separated scopes, 7-day access
 * tokens with refresh tokens, PKCE S256. With `webhook.incoming` the person picks a channel at
 * consent and the token answer carries an incoming webhook for it (see discord-token-response.ts).
 *
 * Revocation is RFC 7009 at `/oauth2/token/revoke`, but Discord revokes *every* token the person
 * granted this application, not only the one sent: revoking one connected account of a person
 * disconnects every other account of that person on the same Discord app (another alias, another
 * connection with the same client id) too.
 *
 * The bot token of a Discord application is not an OAuth token (it comes from the developer
 * portal) but the second method here (`auth: 'api_key'`, sent as `Authorization: Bot …`); the
 * OAuth `bot` scope only adds the bot to a server and still returns a user token.
 */
export const discord = defineProvider({
  id: 'discord',
  name: 'Discord',
  docsUrl: 'https://discord.com/developers/docs/topics/oauth2',
  auth: [{
    type: 'oauth2',
    authorizationUrl: 'https://discord.com/oauth2/authorize',
    tokenUrl: 'https://discord.com/api/oauth2/token',
    revocationUrl: 'https://discord.com/api/oauth2/token/revoke',
    defaultScopes: ['identify'],
    scopeSeparator: ' ',
    tokenEndpointAuthMethod: 'client_secret_post',
    normalizeTokenResponse: normalizeDiscordTokenResponse,
    afterConsent: discordAfterConsent,
    accountValues: discordAccountValues,
  }, {
    // A bot acts as itself, not as a person: /users/@me is the bot, /users/@me/guilds its servers.
    type: 'api_key',
    header: 'authorization',
    template: 'Bot {apiKey}',
    fields: [{
      name: 'apiKey',
      label: 'Discord bot token',
      required: true,
      secret: true,
      pattern: '^[A-Za-z0-9._-]{50,100}$',
      help: 'From the Developer Portal: your application, Bot, Reset Token. The tools then act as the bot in the servers it was added to.',
    }],
  }],
  api: { baseUrl: 'https://discord.com/api/v10', verify: { path: '/users/@me' } },
});
