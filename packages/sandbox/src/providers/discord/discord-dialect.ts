import type { ProviderDialect } from '../../mock-api/index.ts';
import { webhookOf } from './discord-ids.ts';

/**
 * Discord's token endpoint is RFC 6749 with a form body; what it adds is the incoming webhook:
 * when the person granted `webhook.incoming`, the code exchange (not a refresh) answers a
 * `webhook` object for the channel they picked, with the token that lets anyone post there.
 */
export const discordDialect: ProviderDialect = {
  tokenResponse(body, context) {
    const scopes = typeof body.scope === 'string' ? body.scope.split(' ') : [];
    if (context.grantType !== 'authorization_code' || !scopes.includes('webhook.incoming') || !context.sub) return body;
    const webhook = webhookOf(context.sub);
    return {
      ...body,
      webhook: {
        application_id: context.clientId,
        name: 'onbehalf',
        url: `${context.origin}/discord/api/webhooks/${webhook.id}/${webhook.token}`,
        channel_id: webhook.channelId,
        token: webhook.token,
        type: 1,
        avatar: null,
        guild_id: webhook.guildId,
        id: webhook.id,
      },
    };
  },
};
