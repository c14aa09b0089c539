import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { messageBody, summarizeChatMessage, type GraphChatMessage } from '../chat-message.ts';
import { graphId } from '../../microsoft/index.ts';

export const microsoftTeamsSendChannelMessage = defineTool({
  name: 'microsoft_teams_send_channel_message',
  provider: 'microsoft_teams',
  writes: true,
  description: 'Post a message as the user in a Microsoft Teams channel, or reply in a thread of that channel.',
  scopes: ['ChannelMessage.Send'],
  input: z.object({
    teamId: graphId('Team id from microsoft_teams_list_teams.'),
    channelId: graphId('Channel id from microsoft_teams_list_channels, like 19:…@thread.tacv2.'),
    text: z.string().min(1).max(28_000).describe('The message.'),
    format: z.enum(['text', 'html']).default('text').describe('text, or html for simple formatting (<b>, <a>, <ul>).'),
    replyToId: graphId('Id of the channel message to answer in its thread.').optional(),
  }),
  async execute({ teamId, channelId, text, format, replyToId }, ctx) {
    const url = replyToId
      ? path`/teams/${teamId}/channels/${channelId}/messages/${replyToId}/replies`
      : path`/teams/${teamId}/channels/${channelId}/messages`;
    const sent = await ctx.request<GraphChatMessage>(url, { method: 'POST', body: messageBody(text, format) });
    return summarizeChatMessage(sent, 500);
  },
});
