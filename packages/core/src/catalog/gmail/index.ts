import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { gmail } from './provider.ts';
import { gmailFetchMails } from './tools/gmail-fetch-mails.ts';
import { gmailGetMessage } from './tools/gmail-get-message.ts';
import { gmailListLabels } from './tools/gmail-list-labels.ts';
import { gmailModifyLabels } from './tools/gmail-modify-labels.ts';
import { gmailReply } from './tools/gmail-reply.ts';
import { gmailSendEmail } from './tools/gmail-send-email.ts';

export const gmailToolkit = defineToolkit({
  provider: gmail,
  tools: [gmailFetchMails, gmailGetMessage, gmailSendEmail, gmailReply, gmailListLabels, gmailModifyLabels],
  parseError: googleApiErrorInfo,
});
