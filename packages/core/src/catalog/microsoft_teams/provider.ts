import { defineMicrosoftProvider } from '../microsoft/index.ts';

/**
 * Microsoft Teams through Microsoft Graph v1.0, delegated: work or school accounts only (personal
 * accounts have no Teams data), so the `consumers` tenant is refused. Several Teams permissions
 * need a tenant admin's consent in many organizations.
 */
export const microsoftTeams = defineMicrosoftProvider({
  id: 'microsoft_teams',
  name: 'Microsoft Teams',
  description: 'Microsoft Teams through Microsoft Graph: teams, channels, channel messages and chats (work or school accounts).',
  scopes: ['Team.ReadBasic.All', 'Channel.ReadBasic.All', 'ChannelMessage.Send', 'Chat.ReadWrite'],
  workOrSchoolOnly: true,
  verifyPath: '/me/joinedTeams',
});
