import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';

interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  discriminator?: string;
  email?: string | null;
  verified?: boolean;
  locale?: string;
  mfa_enabled?: boolean;
  bot?: boolean;
}

export const discordGetMyUser = defineTool({
  name: 'discord_get_my_user',
  provider: 'discord',
  description: 'Who the user is on Discord: user id, username, display name, locale, and email when the email scope was granted.',
  scopes: ['identify'],
  input: z.object({}),
  async execute(_input, ctx) {
    const me = await ctx.request<DiscordUser>('/users/@me');
    return compact({
      id: me.id,
      username: me.username,
      // Discriminators are '0' for accounts that moved to unique usernames.
      tag: me.discriminator && me.discriminator !== '0' ? `${me.username}#${me.discriminator}` : undefined,
      displayName: me.global_name,
      email: me.email,
      emailVerified: me.email ? me.verified : undefined,
      locale: me.locale,
      mfaEnabled: me.mfa_enabled,
    });
  },
});
