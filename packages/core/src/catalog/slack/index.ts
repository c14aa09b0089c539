import { defineToolkit } from '../../tools/index.ts';
import { slack } from './provider.ts';
import { slackApiErrorInfo } from './slack-api-error.ts';
import { slackListChannels } from './tools/slack-list-channels.ts';
import { slackSendMessage } from './tools/slack-send-message.ts';

export const slackToolkit = defineToolkit({
  provider: slack,
  tools: [slackSendMessage, slackListChannels],
  parseError: slackApiErrorInfo,
});
