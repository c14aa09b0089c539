import { z } from 'zod';
import { compact, truncate } from '../../tools/index.ts';

/** A ticket as Zendesk's Tickets and Search APIs return it (the fields the tools read). */
export interface ZendeskTicket {
  id: number;
  subject?: string | null;
  description?: string | null;
  status?: string;
  priority?: string | null;
  type?: string | null;
  requester_id?: number | null;
  assignee_id?: number | null;
  group_id?: number | null;
  organization_id?: number | null;
  tags?: string[];
  created_at?: string;
  updated_at?: string;
}

export interface ZendeskComment {
  id: number;
  type?: string;
  author_id?: number;
  body?: string;
  plain_body?: string;
  public?: boolean;
  created_at?: string;
  attachments?: Array<{ file_name?: string; content_type?: string; size?: number }>;
}

export const ticketId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('The ticket number.');

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;

/** The comment a tool adds: `public: false` is an internal note only agents see. */
export const commentInput = {
  body: z.string().trim().min(1).max(65_536).describe('The comment text (plain text; Zendesk renders line breaks).'),
  public: z.boolean().default(true).describe('true: a reply the requester sees; false: an internal note for agents only.'),
};

/** Id, subject, state and people of a ticket, its description shortened. */
export function compactTicket(ticket: ZendeskTicket, descriptionMax = 500): Record<string, unknown> {
  return compact({
    id: ticket.id,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    requesterId: ticket.requester_id,
    assigneeId: ticket.assignee_id,
    groupId: ticket.group_id,
    tags: ticket.tags?.length ? ticket.tags.slice(0, 20) : undefined,
    createdAt: ticket.created_at,
    updatedAt: ticket.updated_at,
    description: ticket.description ? truncate(ticket.description, descriptionMax) : undefined,
  });
}

export function compactComment(comment: ZendeskComment, bodyMax: number): Record<string, unknown> {
  const text = comment.plain_body ?? comment.body ?? '';
  return compact({
    id: comment.id,
    authorId: comment.author_id,
    public: comment.public,
    createdAt: comment.created_at,
    body: truncate(text, bodyMax),
    attachments: comment.attachments?.length ? comment.attachments.slice(0, 10).map((a) => a.file_name).filter(Boolean) : undefined,
  });
}
