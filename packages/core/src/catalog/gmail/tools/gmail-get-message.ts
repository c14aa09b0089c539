import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { gmailHeader, gmailMessageContent, type GmailMessage } from '../gmail-message.ts';
import { MESSAGES, READ_SCOPE, messageId, summary } from '../gmail-summary.ts';

const MAX_BODY_CHARS = 20_000;

export const gmailGetMessage = defineTool({
  name: 'gmail_get_message',
  provider: 'gmail',
  description: `Read one Gmail message: headers and its plain-text body (HTML converted to text, at most ${MAX_BODY_CHARS} characters), plus the names of its attachments.`,
  scopes: [READ_SCOPE],
  input: z.object({ id: messageId }),
  async execute({ id }, ctx) {
    const message = await ctx.request<GmailMessage>(MESSAGES + path`/${id}`, { query: { format: 'full' } });
    const { text, attachments } = gmailMessageContent(message);
    return compact({
      ...summary(message),
      snippet: undefined,
      cc: gmailHeader(message, 'Cc'),
      body: truncate(text, MAX_BODY_CHARS),
      bodyTruncated: text.length > MAX_BODY_CHARS ? true : undefined,
      attachments: attachments.length > 0 ? attachments.slice(0, 20) : undefined,
    });
  },
});
