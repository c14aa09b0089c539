import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactTicket, TICKET_STATUSES, type ZendeskTicket } from '../zendesk-tickets.ts';

export const zendeskSearchTickets = defineTool({
  name: 'zendesk_search_tickets',
  provider: 'zendesk',
  description: 'Search Zendesk tickets with Zendesk\'s search syntax (words, requester:, assignee:me, tags:, created>2026-01-01) and an optional status. Newest activity first; pass nextPage back as page for more.',
  scopes: ['read'],
  input: z.object({
    query: z.string().trim().max(1000).default('').describe('Search terms, e.g. "refund requester:maria@acme.example". Empty: all tickets.'),
    status: z.enum(TICKET_STATUSES).optional().describe('Only tickets in this status.'),
    per_page: z.number().int().min(1).max(100).default(20).describe('Tickets per page (1-100).'),
    page: z.number().int().min(1).max(10).optional().describe('Page number (Zendesk search returns at most 1000 results).'),
  }),
  async execute({ query, status, per_page, page }, ctx) {
    const terms = ['type:ticket', status ? `status:${status}` : undefined, query || undefined].filter(Boolean).join(' ');
    const answer = await ctx.request<{ results?: ZendeskTicket[]; count?: number; next_page?: string | null }>('/search.json', {
      query: { query: terms, sort_by: 'updated_at', sort_order: 'desc', per_page, page },
    });
    return compact({
      count: answer?.count,
      tickets: (answer?.results ?? []).slice(0, per_page).map((ticket) => compactTicket(ticket, 300)),
      nextPage: answer?.next_page ? (page ?? 1) + 1 : undefined,
    });
  },
});
