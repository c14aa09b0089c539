import { z } from 'zod';
import { compact, defineTool, emailList } from '../../../tools/index.ts';
import { toRecipient } from '../../microsoft/index.ts';

export const outlookSendMail = defineTool({
  name: 'outlook_send_mail',
  provider: 'outlook',
  writes: true,
  description: 'Send a plain-text email from the user\'s Outlook mailbox; a copy is kept in Sent Items.',
  scopes: ['Mail.Send'],
  input: z.object({
    to: emailList('Recipient email addresses.'),
    subject: z.string().max(998).describe('Subject line.'),
    body: z.string().max(100_000).describe('Plain-text body.'),
    cc: emailList('Cc addresses.').optional(),
    bcc: emailList('Bcc addresses.').optional(),
  }),
  async execute({ to, subject, body, cc, bcc }, ctx) {
    // 202 Accepted with no body: Graph queues the message and returns no id for it.
    await ctx.request('/me/sendMail', {
      method: 'POST',
      body: {
        message: compact({
          subject,
          body: { contentType: 'Text', content: body },
          toRecipients: to.map(toRecipient),
          ccRecipients: cc?.map(toRecipient),
          bccRecipients: bcc?.map(toRecipient),
        }),
        saveToSentItems: true,
      },
    });
    return { sent: true, to, subject };
  },
});
