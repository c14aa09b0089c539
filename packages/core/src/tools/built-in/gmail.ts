import { z } from 'zod';
import { isOnBehalfError } from '../../errors.ts';
import { defineTool } from '../define-tool.ts';
import { emailList, segment } from './fields.ts';
import { gmailHeader, gmailMessageContent, type GmailMessage } from './gmail-message.ts';
import { mapLimit } from './map-limit.ts';
import { buildRfc2822Message } from './rfc2822-message.ts';
import { compact, decodeHtmlEntities, truncate } from './text.ts';

const MESSAGES = '/gmail/v1/users/me/messages';
const MAX_BODY_CHARS = 20_000;
const READ_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';

const messageId = z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'Not a Gmail message id').describe('Gmail message id, as returned by gmail_fetch_mails');

/** One line per mail: what a model needs to pick mails, not the mails themselves. */
function summary(message: GmailMessage) {
  const labels = message.labelIds ?? [];
  return compact({
    id: message.id,
    threadId: message.threadId,
    from: gmailHeader(message, 'From'),
    to: truncate(gmailHeader(message, 'To') ?? '', 500),
    subject: gmailHeader(message, 'Subject'),
    date: gmailHeader(message, 'Date'),
    snippet: decodeHtmlEntities(message.snippet ?? ''),
    unread: labels.includes('UNREAD'),
    labels,
  });
}

export const gmailFetchMails = defineTool({
  name: 'gmail_fetch_mails',
  provider: 'gmail',
  description: 'Search the user\'s Gmail mailbox and list matching mails (sender, recipients, subject, date, snippet, unread flag), newest first. Use gmail_get_message to read one in full.',
  scopes: [READ_SCOPE],
  input: z.object({
    query: z.string().max(1000).default('').describe('Gmail search query as typed in the Gmail search box, e.g. "is:unread", "from:ann@example.com newer_than:7d". Empty for the latest mails.'),
    maxResults: z.number().int().min(1).max(50).default(10).describe('How many mails to return (1-50).'),
  }),
  async execute({ query, maxResults }, ctx) {
    const list = await ctx.request<{ messages?: Array<{ id: string; threadId: string }> }>(MESSAGES, {
      query: { q: query.trim() || undefined, maxResults },
    });
    const found = await mapLimit((list?.messages ?? []).slice(0, maxResults), 10, async ({ id }) => {
      try {
        return await ctx.request<GmailMessage>(`${MESSAGES}/${segment(id)}`, {
          query: { format: 'metadata', metadataHeaders: ['From', 'To', 'Subject', 'Date'] },
        });
      } catch (error) {
        // Deleted between the list and the read: leave it out rather than fail the whole listing.
        if (isOnBehalfError(error, 'PROVIDER_API_ERROR') && error.details.status === 404) return undefined;
        throw error;
      }
    });
    return found.filter((m): m is GmailMessage => m !== undefined).map(summary);
  },
});

export const gmailGetMessage = defineTool({
  name: 'gmail_get_message',
  provider: 'gmail',
  description: `Read one Gmail message: headers and its plain-text body (HTML converted to text, at most ${MAX_BODY_CHARS} characters), plus the names of its attachments.`,
  scopes: [READ_SCOPE],
  input: z.object({ id: messageId }),
  async execute({ id }, ctx) {
    const message = await ctx.request<GmailMessage>(`${MESSAGES}/${segment(id)}`, { query: { format: 'full' } });
    const { text, attachments } = gmailMessageContent(message);
    return compact({
      ...summary(message),
      snippet: undefined,
      cc: gmailHeader(message, 'Cc'),
      body: truncate(text, MAX_BODY_CHARS),
      bodyTruncated: text.length > MAX_BODY_CHARS ? true : undefined,
      attachments: attachments.length > 0 ? attachments.slice(0, 20) : undefined,
    });
  },
});

export const gmailSendEmail = defineTool({
  name: 'gmail_send_email',
  provider: 'gmail',
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

export const gmailTools = [gmailFetchMails, gmailGetMessage, gmailSendEmail];
