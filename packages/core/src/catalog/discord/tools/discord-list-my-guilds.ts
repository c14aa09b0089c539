import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';

interface DiscordGuild {
  id: string;
  name: string;
  owner?: boolean;
  permissions?: string;
  features?: string[];
  approximate_member_count?: number | null;
  approximate_presence_count?: number | null;
}

/** Administrator (0x8) and Manage Server (0x20) in the permissions bitfield Discord sends as a decimal string. */
function roleOf(guild: DiscordGuild): string | undefined {
  if (guild.owner) return 'owner';
  if (!guild.permissions || !/^\d+$/.test(guild.permissions)) return undefined;
  const bits = BigInt(guild.permissions);
  if (bits & 0x8n) return 'admin';
  if (bits & 0x20n) return 'manager';
  return undefined;
}

const SNOWFLAKE = /^\d{15,21}$/;

export const discordListMyGuilds = defineTool({
  name: 'discord_list_my_guilds',
  provider: 'discord',
  description: 'List the Discord servers (guilds) the user is in: id, name, whether they own or administer it, member counts. Ordered by id; pass the last id as after for the next page.',
  scopes: ['guilds'],
  input: z.object({
    limit: z.number().int().min(1).max(200).default(100).describe('How many servers (1-200).'),
    after: z.string().regex(SNOWFLAKE, 'Not a Discord id').optional().describe('Only servers with an id after this one (the last id of the previous page).'),
    withCounts: z.boolean().default(false).describe('Include approximate member and online counts.'),
  }),
  async execute({ limit, after, withCounts }, ctx) {
    const guilds = await ctx.request<DiscordGuild[]>('/users/@me/guilds', { query: { limit, after, with_counts: withCounts || undefined } });
    const page = guilds.slice(0, limit);
    return {
      guilds: page.map((g) => compact({
        id: g.id,
        name: g.name,
        role: roleOf(g),
        members: g.approximate_member_count ?? undefined,
        online: g.approximate_presence_count ?? undefined,
      })),
      nextAfter: guilds.length >= limit ? page.at(-1)?.id : undefined,
    };
  },
});
