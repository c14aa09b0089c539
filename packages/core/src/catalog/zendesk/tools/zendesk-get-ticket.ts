import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { compactComment, compactTicket, ticketId, type ZendeskComment, type ZendeskTicket } from '../zendesk-tickets.ts';

export const zendeskGetTicket = defineTool({
  name: 'zendesk_get_ticket',
  provider: 'zendesk',
  description: 'Get one Zendesk ticket with its latest comments (public replies and internal notes, newest first).',
  scopes: ['read'],
  input: z.object({
    ticket_id: ticketId,
    comments: z.number().int().min(0).max(50).default(10).describe('How many of the latest comments to include (0-50).'),
  }),
  async execute({ ticket_id, comments }, ctx) {
    const { ticket } = await ctx.request<{ ticket: ZendeskTicket }>(path`/tickets/${ticket_id}.json`);
    if (comments === 0) return compactTicket(ticket, 2000);
    const list = await ctx.request<{ comments?: ZendeskComment[]; meta?: { has_more?: boolean } }>(path`/tickets/${ticket_id}/comments.json`, {
      query: { sort_order: 'desc', 'page[size]': comments },
    });
    return compact({
      ...compactTicket(ticket, 2000),
      comments: (list?.comments ?? []).slice(0, comments).map((comment) => compactComment(comment, 1500)),
      moreComments: list?.meta?.has_more || undefined,
    });
  },
});
