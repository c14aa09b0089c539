import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { ticketId, type ZendeskTicket } from '../zendesk-tickets.ts';

export const zendeskUpdateStatus = defineTool({
  name: 'zendesk_update_status',
  provider: 'zendesk',
  writes: true,
  description: 'Change a Zendesk ticket\'s status (open, pending, hold, solved…), optionally with an internal note saying why. A closed ticket cannot be changed.',
  scopes: ['write'],
  input: z.object({
    ticket_id: ticketId,
    status: z.enum(['open', 'pending', 'hold', 'solved']).describe('pending: waiting on the requester; hold: waiting on a third party; solved: done (Zendesk closes it later).'),
    note: z.string().trim().min(1).max(65_536).optional().describe('An internal note added with the change.'),
  }),
  async execute({ ticket_id, status, note }, ctx) {
    const { ticket } = await ctx.request<{ ticket: ZendeskTicket }>(path`/tickets/${ticket_id}.json`, {
      method: 'PUT',
      body: { ticket: compact({ status, comment: note ? { body: note, public: false } : undefined }) },
    });
    return { ticketId: ticket.id, status: ticket.status, updatedAt: ticket.updated_at };
  },
});
