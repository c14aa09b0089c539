import { defineToolkit } from '../../tools/index.ts';
import { slack } from './provider.ts';
import { slackApiErrorInfo } from './slack-api-error.ts';
import { slackAddReaction } from './tools/slack-add-reaction.ts';
import { slackGetChannelHistory } from './tools/slack-get-channel-history.ts';
import { slackGetUser } from './tools/slack-get-user.ts';
import { slackListChannels } from './tools/slack-list-channels.ts';
import { slackSearchMessages } from './tools/slack-search-messages.ts';
import { slackSendMessage } from './tools/slack-send-message.ts';

export const slackToolkit = defineToolkit({
  provider: slack,
  tools: [slackSendMessage, slackListChannels, slackGetChannelHistory, slackSearchMessages, slackAddReaction, slackGetUser],
  parseError: slackApiErrorInfo,
});
