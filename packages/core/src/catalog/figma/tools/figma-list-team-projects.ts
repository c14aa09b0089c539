import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { figmaId } from '../figma-types.ts';

export const figmaListTeamProjects = defineTool({
  name: 'figma_list_team_projects',
  provider: 'figma',
  description: 'List the projects of a Figma team that the user can see. The team id is in the team page URL (figma.com/files/team/<team_id>/…); Figma has no call that lists a user\'s teams. Needs projects:read, which Figma grants to personal access tokens and private OAuth apps, not to public ones.',
  scopes: ['projects:read'],
  input: z.object({ team_id: figmaId('Team') }),
  async execute({ team_id }, ctx) {
    const team = await ctx.request<{ name: string; projects: Array<{ id: string | number; name: string }> }>(path`/v1/teams/${team_id}/projects`);
    return { team: team.name, projects: (team.projects ?? []).slice(0, 500).map((p) => ({ id: String(p.id), name: p.name })) };
  },
});
