import { z } from 'zod';
import { compact, decodeHtmlEntities, truncate } from '../../tools/index.ts';
import { gmailHeader, type GmailMessage } from './gmail-message.ts';

export const MESSAGES = '/gmail/v1/users/me/messages';
export const READ_SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';

export const messageId = z.string().trim().regex(/^[A-Za-z0-9]{1,64}$/, 'Not a Gmail message id').describe('Gmail message id, as returned by gmail_fetch_mails');

/** One line per mail: what a model needs to pick mails, not the mails themselves. */
export function summary(message: GmailMessage) {
  const labels = message.labelIds ?? [];
  return compact({
    id: message.id,
    threadId: message.threadId,
    from: gmailHeader(message, 'From'),
    to: truncate(gmailHeader(message, 'To') ?? '', 500),
    subject: gmailHeader(message, 'Subject'),
    date: gmailHeader(message, 'Date'),
    snippet: decodeHtmlEntities(message.snippet ?? ''),
    unread: labels.includes('UNREAD'),
    labels,
  });
}
