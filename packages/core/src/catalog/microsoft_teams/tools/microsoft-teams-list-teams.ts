import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import type { GraphPage } from '../../microsoft/index.ts';

interface Team {
  id: string;
  displayName?: string;
  description?: string | null;
  isArchived?: boolean | null;
}

export const microsoftTeamsListTeams = defineTool({
  name: 'microsoft_teams_list_teams',
  provider: 'microsoft_teams',
  description: 'List the Microsoft Teams teams the user is a member of (id, name, description). Use the id with microsoft_teams_list_channels.',
  scopes: ['Team.ReadBasic.All'],
  input: z.object({}),
  async execute(_input, ctx) {
    // joinedTeams takes no OData options and answers every team at once.
    const page = await ctx.request<GraphPage<Team>>('/me/joinedTeams');
    return {
      teams: (page?.value ?? []).slice(0, 200).map((t) => compact({ id: t.id, name: t.displayName, description: t.description ? truncate(t.description, 200) : undefined, archived: t.isArchived || undefined })),
    };
  },
});
