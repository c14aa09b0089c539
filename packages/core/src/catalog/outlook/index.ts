import { defineToolkit } from '../../tools/index.ts';
import { graphApiErrorInfo } from '../microsoft/index.ts';
import { outlook } from './provider.ts';
import { outlookGetMessage } from './tools/outlook-get-message.ts';
import { outlookListMessages } from './tools/outlook-list-messages.ts';
import { outlookReply } from './tools/outlook-reply.ts';
import { outlookSendMail } from './tools/outlook-send-mail.ts';

export const outlookToolkit = defineToolkit({
  provider: outlook,
  tools: [outlookListMessages, outlookGetMessage, outlookSendMail, outlookReply],
  parseError: graphApiErrorInfo,
});
