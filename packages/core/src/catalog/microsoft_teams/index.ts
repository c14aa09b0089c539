import { defineToolkit } from '../../tools/index.ts';
import { graphApiErrorInfo } from '../microsoft/index.ts';
import { microsoftTeams } from './provider.ts';
import { microsoftTeamsListChannels } from './tools/microsoft-teams-list-channels.ts';
import { microsoftTeamsListChatMessages } from './tools/microsoft-teams-list-chat-messages.ts';
import { microsoftTeamsListChats } from './tools/microsoft-teams-list-chats.ts';
import { microsoftTeamsListTeams } from './tools/microsoft-teams-list-teams.ts';
import { microsoftTeamsSendChannelMessage } from './tools/microsoft-teams-send-channel-message.ts';
import { microsoftTeamsSendChatMessage } from './tools/microsoft-teams-send-chat-message.ts';

export const microsoftTeamsToolkit = defineToolkit({
  provider: microsoftTeams,
  tools: [microsoftTeamsListTeams, microsoftTeamsListChannels, microsoftTeamsSendChannelMessage, microsoftTeamsListChats, microsoftTeamsListChatMessages, microsoftTeamsSendChatMessage],
  parseError: graphApiErrorInfo,
});
