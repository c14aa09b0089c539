import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import type { GraphPage } from '../../microsoft/index.ts';

interface Chat {
  id: string;
  topic?: string | null;
  chatType?: string;
  lastUpdatedDateTime?: string;
  webUrl?: string | null;
  members?: Array<{ displayName?: string | null; email?: string | null }>;
}

export const microsoftTeamsListChats = defineTool({
  name: 'microsoft_teams_list_chats',
  provider: 'microsoft_teams',
  description: 'List the user\'s Microsoft Teams chats (one-on-one, group and meeting chats) with their members, so a chat can be picked for microsoft_teams_list_chat_messages or microsoft_teams_send_chat_message.',
  scopes: ['Chat.ReadBasic'],
  input: z.object({
    limit: z.number().int().min(1).max(50).default(20).describe('How many chats (1-50).'),
  }),
  async execute({ limit }, ctx) {
    const page = await ctx.request<GraphPage<Chat>>('/me/chats', { query: { $top: limit, $expand: 'members' } });
    return compact({
      chats: (page?.value ?? []).slice(0, limit).map((c) => compact({
        id: c.id,
        topic: c.topic ?? undefined,
        type: c.chatType,
        members: (c.members ?? []).slice(0, 10).map((m) => m.displayName ?? m.email).filter(Boolean),
        updatedAt: c.lastUpdatedDateTime,
      })),
      more: page?.['@odata.nextLink'] ? true : undefined,
    });
  },
});
