import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { commentInput, ticketId, type ZendeskTicket } from '../zendesk-tickets.ts';

export const zendeskAddComment = defineTool({
  name: 'zendesk_add_comment',
  provider: 'zendesk',
  writes: true,
  description: 'Add a comment to a Zendesk ticket: a public reply the requester is emailed, or an internal note (public: false) only agents see.',
  scopes: ['write'],
  input: z.object({ ticket_id: ticketId, ...commentInput }),
  async execute({ ticket_id, body, public: isPublic }, ctx) {
    const answer = await ctx.request<{ ticket: ZendeskTicket; audit?: { id?: number } }>(path`/tickets/${ticket_id}.json`, {
      method: 'PUT',
      body: { ticket: { comment: { body, public: isPublic } } },
    });
    return { ticketId: answer.ticket.id, status: answer.ticket.status, public: isPublic, updatedAt: answer.ticket.updated_at };
  },
});
