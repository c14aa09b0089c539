import { z } from 'zod';
import { defineTool, emailList } from '../../../tools/index.ts';
import { MESSAGES } from '../gmail-summary.ts';
import { buildRfc2822Message } from '../rfc2822-message.ts';

export const gmailSendEmail = defineTool({
  name: 'gmail_send_email',
  provider: 'gmail',
  writes: true,
  description: 'Send a plain-text email from the user\'s Gmail account.',
  scopes: ['https://www.googleapis.com/auth/gmail.send'],
  input: z.object({
    to: emailList('Recipient email addresses.'),
    subject: z.string().max(998).describe('Subject line.'),
    body: z.string().max(100_000).describe('Plain-text body.'),
    cc: emailList('Cc addresses.').optional(),
    bcc: emailList('Bcc addresses.').optional(),
  }),
  async execute(input, ctx) {
    const raw = Buffer.from(buildRfc2822Message(input), 'utf8').toString('base64url');
    const sent = await ctx.request<{ id: string; threadId: string }>(`${MESSAGES}/send`, { method: 'POST', body: { raw } });
    return { id: sent.id, threadId: sent.threadId };
  },
});
