import { compact, truncate } from '../../tools/index.ts';
import { formatAddress, type GraphRecipient } from '../microsoft/index.ts';

/** The message fields the list tool reads (its `$select`). */
export const SUMMARY_FIELDS = ['id', 'subject', 'from', 'receivedDateTime', 'bodyPreview', 'isRead', 'hasAttachments', 'conversationId'] as const;

export interface GraphMessage {
  id: string;
  subject?: string | null;
  from?: GraphRecipient;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  receivedDateTime?: string;
  bodyPreview?: string;
  isRead?: boolean;
  hasAttachments?: boolean;
  conversationId?: string;
  webLink?: string;
  body?: { contentType?: string; content?: string };
}

/** One line per message for a model: who, when, what, a short preview. */
export function summarizeMessage(message: GraphMessage) {
  return compact({
    id: message.id,
    subject: message.subject ?? undefined,
    from: formatAddress(message.from),
    receivedAt: message.receivedDateTime,
    preview: message.bodyPreview ? truncate(message.bodyPreview.replace(/\s+/g, ' ').trim(), 200) : undefined,
    unread: message.isRead === false ? true : undefined,
    hasAttachments: message.hasAttachments || undefined,
    conversationId: message.conversationId,
  });
}
