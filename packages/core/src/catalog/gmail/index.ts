import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { gmail } from './provider.ts';
import { gmailFetchMails } from './tools/gmail-fetch-mails.ts';
import { gmailGetMessage } from './tools/gmail-get-message.ts';
import { gmailSendEmail } from './tools/gmail-send-email.ts';

export const gmailToolkit = defineToolkit({
  provider: gmail,
  tools: [gmailFetchMails, gmailGetMessage, gmailSendEmail],
  parseError: googleApiErrorInfo,
});
