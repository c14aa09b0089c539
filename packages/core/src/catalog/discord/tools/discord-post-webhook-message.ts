import { z } from 'zod';
import { providerApiError } from '../../../api-client/index.ts';
import { OnBehalfError, isOnBehalfError } from '../../../errors.ts';
import { compact, defineTool, path } from '../../../tools/index.ts';

interface DiscordMessage {
  id: string;
  channel_id: string;
  timestamp?: string;
  webhook_id?: string;
}

/** The webhook path as it may appear in errors: the token is what lets anyone post there. */
const shown = (webhookId: string) => `/webhooks/${webhookId}/[REDACTED]`;

export const discordPostWebhookMessage = defineTool({
  name: 'discord_post_webhook_message',
  provider: 'discord',
  writes: true,
  description: 'Post a message to the Discord channel the user picked when connecting (their incoming webhook). @everyone, @here and role or user mentions do not ping unless allowMentions is true.',
  scopes: ['webhook.incoming'],
  input: z.object({
    content: z.string().min(1).max(2000).describe('Message text (Discord markdown, at most 2000 characters).'),
    username: z.string().trim().min(1).max(80).optional().describe('Name to post under instead of the webhook\'s own.'),
    allowMentions: z.boolean().default(false).describe('Let mentions in the text notify people (off by default).'),
  }),
  async execute({ content, username, allowMentions }, ctx) {
    const webhookId = ctx.account.values.webhookId;
    if (!webhookId) {
      throw new OnBehalfError('INVALID_PERMISSIONS', 'This Discord account has no incoming webhook: connect it again with the webhook.incoming scope and pick a channel.', {
        details: { provider: 'discord', scope: 'webhook.incoming' },
      });
    }
    const token = ctx.extraToken('webhook');
    const body = compact({ content, username, allowed_mentions: allowMentions ? undefined : { parse: [] } });
    let response: Response;
    try {
      // wait=true: Discord answers with the message it created instead of 204.
      response = await ctx.fetch(`${path`/webhooks/${webhookId}/${token}`}?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      // A network error names the request path, which holds the webhook token.
      if (isOnBehalfError(error)) throw new OnBehalfError(error.code, ctx.redact(error.message), { retryable: error.retryable, details: { ...error.details, path: shown(webhookId) } });
      throw error;
    }
    if (!response.ok) {
      throw await providerApiError({ provider: ctx.provider, response, method: 'POST', url: new URL(`/api/v10${shown(webhookId)}`, 'https://discord.com'), redact: ctx.redact });
    }
    const message = (await response.json()) as DiscordMessage;
    return compact({ id: message.id, channelId: message.channel_id, postedAt: message.timestamp });
  },
});
