import { defineToolkit } from '../../tools/index.ts';
import { zendesk } from './provider.ts';
import { zendeskAddComment } from './tools/zendesk-add-comment.ts';
import { zendeskCreateTicket } from './tools/zendesk-create-ticket.ts';
import { zendeskGetTicket } from './tools/zendesk-get-ticket.ts';
import { zendeskSearchTickets } from './tools/zendesk-search-tickets.ts';
import { zendeskUpdateStatus } from './tools/zendesk-update-status.ts';
import { zendeskApiErrorInfo } from './zendesk-api-error.ts';

export { zendesk } from './provider.ts';

export const zendeskToolkit = defineToolkit({
  provider: zendesk,
  tools: [zendeskSearchTickets, zendeskGetTicket, zendeskCreateTicket, zendeskAddComment, zendeskUpdateStatus],
  parseError: zendeskApiErrorInfo,
});
