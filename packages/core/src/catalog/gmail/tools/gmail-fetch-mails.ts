import { z } from 'zod';
import { isOnBehalfError } from '../../../errors.ts';
import { defineTool, mapLimit, path } from '../../../tools/index.ts';
import type { GmailMessage } from '../gmail-message.ts';
import { MESSAGES, READ_SCOPE, summary } from '../gmail-summary.ts';

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
        return await ctx.request<GmailMessage>(MESSAGES + path`/${id}`, {
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
