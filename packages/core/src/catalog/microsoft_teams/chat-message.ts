import { compact, htmlToText, truncate } from '../../tools/index.ts';

export interface GraphChatMessage {
  id: string;
  messageType?: string;
  createdDateTime?: string;
  deletedDateTime?: string | null;
  subject?: string | null;
  from?: { user?: { displayName?: string | null; id?: string } | null; application?: { displayName?: string | null } | null } | null;
  body?: { contentType?: string; content?: string };
  webUrl?: string | null;
  replyToId?: string | null;
}

/** A Teams message as text for a model (bodies are HTML), bounded. */
export function summarizeChatMessage(message: GraphChatMessage, maxChars = 2000) {
  const raw = message.body?.content ?? '';
  const text = message.body?.contentType === 'html' ? htmlToText(raw) : raw.trim();
  return compact({
    id: message.id,
    from: message.from?.user?.displayName ?? message.from?.application?.displayName ?? undefined,
    sentAt: message.createdDateTime,
    subject: message.subject ?? undefined,
    text: truncate(text, maxChars),
    replyToId: message.replyToId ?? undefined,
    webUrl: message.webUrl ?? undefined,
  });
}

/** Plain text or HTML, as Graph's `itemBody` of a new message. */
export function messageBody(text: string, format: 'text' | 'html') {
  return { body: { contentType: format, content: text } };
}
