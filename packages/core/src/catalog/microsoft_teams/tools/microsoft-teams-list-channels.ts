import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { graphId, type GraphPage } from '../../microsoft/index.ts';

interface Channel {
  id: string;
  displayName?: string;
  description?: string | null;
  membershipType?: string;
  webUrl?: string;
}

export const microsoftTeamsListChannels = defineTool({
  name: 'microsoft_teams_list_channels',
  provider: 'microsoft_teams',
  description: 'List the channels of a Microsoft Teams team (id, name, description, standard/private/shared).',
  scopes: ['Channel.ReadBasic.All'],
  input: z.object({
    teamId: graphId('Team id from microsoft_teams_list_teams.'),
  }),
  async execute({ teamId }, ctx) {
    const page = await ctx.request<GraphPage<Channel>>(path`/teams/${teamId}/channels`, { query: { $select: 'id,displayName,description,membershipType,webUrl' } });
    return {
      channels: (page?.value ?? []).slice(0, 200).map((c) => compact({
        id: c.id,
        name: c.displayName,
        description: c.description ? truncate(c.description, 200) : undefined,
        membership: c.membershipType,
        webUrl: c.webUrl,
      })),
    };
  },
});
