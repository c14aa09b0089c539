import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';

interface DiscordMember {
  nick?: string | null;
  roles?: string[];
  joined_at?: string;
  premium_since?: string | null;
  pending?: boolean;
  communication_disabled_until?: string | null;
}

export const discordGetMyGuildMember = defineTool({
  name: 'discord_get_my_guild_member',
  provider: 'discord',
  description: "The user's membership in one Discord server: nickname, role ids, when they joined, whether they are timed out. Get server ids from discord_list_my_guilds.",
  scopes: ['guilds.members.read'],
  input: z.object({
    guildId: z.string().regex(/^\d{15,21}$/, 'Not a Discord id').describe('The server (guild) id.'),
  }),
  async execute({ guildId }, ctx) {
    const member = await ctx.request<DiscordMember>(path`/users/@me/guilds/${guildId}/member`);
    const timedOutUntil = member.communication_disabled_until && Date.parse(member.communication_disabled_until) > Date.now() ? member.communication_disabled_until : undefined;
    return compact({
      guildId,
      nickname: member.nick,
      roles: (member.roles ?? []).slice(0, 100),
      joinedAt: member.joined_at,
      boostingSince: member.premium_since,
      pendingScreening: member.pending || undefined,
      timedOutUntil,
    });
  },
});
