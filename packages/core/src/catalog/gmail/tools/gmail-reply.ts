import { z } from 'zod';
import { defineTool, emailList, path } from '../../../tools/index.ts';
import { addressesIn, replySubject } from '../gmail-addresses.ts';
import { gmailHeader, type GmailMessage } from '../gmail-message.ts';
import { MESSAGES, messageId } from '../gmail-summary.ts';
import { buildRfc2822Message } from '../rfc2822-message.ts';

export const gmailReply = defineTool({
  name: 'gmail_reply',
  provider: 'gmail',
  writes: true,
  description: 'Reply to a Gmail message in its thread, as plain text: to its sender (or its Reply-To), or to everyone on it with replyAll. The subject and threading headers are set from the original.',
  scopes: ['https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.send'],
  input: z.object({
    messageId: messageId.describe('The message to reply to (from gmail_fetch_mails or gmail_get_message).'),
    body: z.string().min(1).max(100_000).describe('Plain-text reply.'),
    replyAll: z.boolean().default(false).describe('Also reply to the original To and Cc recipients.'),
    cc: emailList('Extra Cc addresses.').optional(),
  }),
  async execute(input, ctx) {
    const original = await ctx.request<GmailMessage>(MESSAGES + path`/${input.messageId}`, {
      query: { format: 'metadata', metadataHeaders: ['From', 'Reply-To', 'To', 'Cc', 'Subject', 'Message-ID', 'References'] },
    });
    const me = input.replyAll ? (await ctx.request<{ emailAddress: string }>('/gmail/v1/users/me/profile')).emailAddress.toLowerCase() : undefined;
    const replyTo = addressesIn(gmailHeader(original, 'Reply-To') ?? gmailHeader(original, 'From'));
    const others = input.replyAll ? [...addressesIn(gmailHeader(original, 'To')), ...addressesIn(gmailHeader(original, 'Cc'))] : [];
    const seen = new Set<string>();
    const keep = (address: string) => {
      const key = address.toLowerCase();
      if (key === me || seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    // A reply to one's own sent message goes to its recipients, as Gmail's own Reply does.
    const ownMessage = original.labelIds?.includes('SENT') === true;
    let to = (ownMessage ? addressesIn(gmailHeader(original, 'To')) : replyTo).filter(keep);
    const cc = [...others, ...(input.cc ?? [])].filter(keep);
    if (to.length === 0 && cc.length > 0) to = cc.splice(0, cc.length);
    if (to.length === 0) to = addressesIn(gmailHeader(original, 'To'));
    const messageIdHeader = gmailHeader(original, 'Message-ID');
    const references = [gmailHeader(original, 'References'), messageIdHeader].filter(Boolean).join(' ');
    const raw = buildRfc2822Message({
      to,
      ...(cc.length > 0 ? { cc } : {}),
      subject: replySubject(gmailHeader(original, 'Subject')),
      body: input.body,
      ...(messageIdHeader ? { inReplyTo: messageIdHeader } : {}),
      ...(references ? { references } : {}),
    });
    const sent = await ctx.request<{ id: string; threadId: string; labelIds?: string[] }>(`${MESSAGES}/send`, {
      method: 'POST',
      body: { raw: Buffer.from(raw, 'utf8').toString('base64url'), threadId: original.threadId },
    });
    return { id: sent.id, threadId: sent.threadId, to, ...(cc.length > 0 ? { cc } : {}) };
  },
});
