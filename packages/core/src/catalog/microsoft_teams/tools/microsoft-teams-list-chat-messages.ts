import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { graphId, type GraphPage } from '../../microsoft/index.ts';
import { summarizeChatMessage, type GraphChatMessage } from '../chat-message.ts';

export const microsoftTeamsListChatMessages = defineTool({
  name: 'microsoft_teams_list_chat_messages',
  provider: 'microsoft_teams',
  description: 'Read the latest messages of a Microsoft Teams chat, newest first, as text (system events and deleted messages left out).',
  scopes: ['Chat.Read'],
  input: z.object({
    chatId: graphId('Chat id from microsoft_teams_list_chats, like 19:…@thread.v2.'),
    limit: z.number().int().min(1).max(50).default(20).describe('How many messages (1-50).'),
  }),
  async execute({ chatId, limit }, ctx) {
    const page = await ctx.request<GraphPage<GraphChatMessage>>(path`/chats/${chatId}/messages`, { query: { $top: limit, $orderby: 'createdDateTime desc' } });
    const messages = (page?.value ?? []).filter((m) => m.messageType === 'message' && !m.deletedDateTime).slice(0, limit);
    return compact({ messages: messages.map((m) => summarizeChatMessage(m)), more: page?.['@odata.nextLink'] ? true : undefined });
  },
});
