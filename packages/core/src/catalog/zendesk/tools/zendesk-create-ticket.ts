import { z } from 'zod';
import { compact, defineTool, emailAddress } from '../../../tools/index.ts';
import { compactTicket, type ZendeskTicket } from '../zendesk-tickets.ts';

export const zendeskCreateTicket = defineTool({
  name: 'zendesk_create_ticket',
  provider: 'zendesk',
  writes: true,
  description: 'Create a Zendesk ticket. The first comment is its description; without a requester the ticket is requested by the connected user.',
  scopes: ['write'],
  input: z.object({
    subject: z.string().trim().min(1).max(250),
    body: z.string().trim().min(1).max(65_536).describe('The ticket\'s description (its first comment).'),
    requester_email: emailAddress().optional().describe('The customer the ticket is for; Zendesk creates the user if new.'),
    requester_name: z.string().trim().max(200).optional().describe('Name for a new requester.'),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    type: z.enum(['problem', 'incident', 'question', 'task']).optional(),
    tags: z.array(z.string().trim().min(1).max(80).regex(/^\S+$/, 'Tags have no spaces')).max(20).optional(),
  }),
  async execute({ subject, body, requester_email, requester_name, priority, type, tags }, ctx) {
    const requester = requester_email ? compact({ email: requester_email, name: requester_name }) : undefined;
    const { ticket } = await ctx.request<{ ticket: ZendeskTicket }>('/tickets.json', {
      method: 'POST',
      body: { ticket: compact({ subject, comment: { body }, requester, priority, type, tags: tags?.length ? tags : undefined }) },
    });
    return compactTicket(ticket);
  },
});
