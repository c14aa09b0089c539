import { defineToolkit } from '../../tools/index.ts';
import { discordApiErrorInfo } from './discord-api-error.ts';
import { discord } from './provider.ts';
import { discordGetMyGuildMember } from './tools/discord-get-my-guild-member.ts';
import { discordGetMyUser } from './tools/discord-get-my-user.ts';
import { discordListMyGuilds } from './tools/discord-list-my-guilds.ts';
import { discordPostWebhookMessage } from './tools/discord-post-webhook-message.ts';

export const discordToolkit = defineToolkit({
  provider: discord,
  tools: [discordGetMyUser, discordListMyGuilds, discordPostWebhookMessage, discordGetMyGuildMember],
  parseError: discordApiErrorInfo,
});
