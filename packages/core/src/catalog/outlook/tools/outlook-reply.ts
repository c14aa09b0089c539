import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';

export const outlookReply = defineTool({
  name: 'outlook_reply',
  provider: 'outlook',
  writes: true,
  description: 'Reply to an Outlook message in its conversation, to the sender only or to everyone on it; the original is quoted below the text.',
  scopes: ['Mail.Send'],
  input: z.object({
    id: z.string().trim().min(1).max(500).describe('Id of the message to answer (from outlook_list_messages).'),
    text: z.string().min(1).max(100_000).describe('The reply, plain text.'),
    replyAll: z.boolean().default(false).describe('Also reply to every To and Cc recipient.'),
  }),
  async execute({ id, text, replyAll }, ctx) {
    // 202 Accepted with no body; the reply is sent and saved in Sent Items.
    await ctx.request(replyAll ? path`/me/messages/${id}/replyAll` : path`/me/messages/${id}/reply`, { method: 'POST', body: { comment: text } });
    return { replied: true, messageId: id, replyAll };
  },
});
