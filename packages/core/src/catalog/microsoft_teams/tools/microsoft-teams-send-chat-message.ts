import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { messageBody, summarizeChatMessage, type GraphChatMessage } from '../chat-message.ts';
import { graphId } from '../../microsoft/index.ts';

export const microsoftTeamsSendChatMessage = defineTool({
  name: 'microsoft_teams_send_chat_message',
  provider: 'microsoft_teams',
  writes: true,
  description: 'Send a message as the user in an existing Microsoft Teams chat (one-on-one, group or meeting chat).',
  scopes: ['ChatMessage.Send'],
  input: z.object({
    chatId: graphId('Chat id from microsoft_teams_list_chats.'),
    text: z.string().min(1).max(28_000).describe('The message.'),
    format: z.enum(['text', 'html']).default('text').describe('text, or html for simple formatting.'),
  }),
  async execute({ chatId, text, format }, ctx) {
    const sent = await ctx.request<GraphChatMessage>(path`/chats/${chatId}/messages`, { method: 'POST', body: messageBody(text, format) });
    return summarizeChatMessage(sent, 500);
  },
});
