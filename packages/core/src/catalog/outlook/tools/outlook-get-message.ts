import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { formatAddress } from '../../microsoft/index.ts';
import type { GraphMessage } from '../outlook-message.ts';

const FIELDS = ['id', 'subject', 'from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'body', 'conversationId', 'hasAttachments', 'webLink'];

export const outlookGetMessage = defineTool({
  name: 'outlook_get_message',
  provider: 'outlook',
  description: 'Read one Outlook message as plain text: sender, recipients, date, subject and body (long bodies are cut at maxChars).',
  scopes: ['Mail.Read'],
  input: z.object({
    id: z.string().trim().min(1).max(500).describe('Message id from outlook_list_messages.'),
    maxChars: z.number().int().min(200).max(100_000).default(20_000).describe('Longest body to return, in characters.'),
  }),
  async execute({ id, maxChars }, ctx) {
    // Graph converts an HTML body to text itself when asked with this Prefer header.
    const message = await ctx.request<GraphMessage>(path`/me/messages/${id}`, {
      query: { $select: FIELDS.join(',') },
      headers: { prefer: 'outlook.body-content-type="text"' },
    });
    const body = (message.body?.content ?? '').replace(/\r\n/g, '\n').trim();
    return compact({
      id: message.id,
      subject: message.subject ?? undefined,
      from: formatAddress(message.from),
      to: (message.toRecipients ?? []).map(formatAddress).filter(Boolean),
      cc: message.ccRecipients?.length ? message.ccRecipients.map(formatAddress).filter(Boolean) : undefined,
      receivedAt: message.receivedDateTime,
      conversationId: message.conversationId,
      hasAttachments: message.hasAttachments || undefined,
      body: truncate(body, maxChars),
      truncated: body.length > maxChars || undefined,
      webLink: message.webLink,
    });
  },
});
