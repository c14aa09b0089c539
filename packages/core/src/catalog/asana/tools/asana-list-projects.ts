import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { gid, nextOffset } from '../asana-task.ts';

interface Answer {
  data: Array<{ gid: string; name: string; archived?: boolean; team?: { name?: string } | null; permalink_url?: string }>;
  next_page?: { offset?: string } | null;
}

export const asanaListProjects = defineTool({
  name: 'asana_list_projects',
  provider: 'asana',
  description: 'List the projects of an Asana workspace (active ones unless archived is true), with their gids, teams and links.',
  scopes: ['projects:read'],
  input: z.object({
    workspace: gid('Workspace gid (from asana_list_workspaces).'),
    archived: z.boolean().optional().describe('true: archived projects only (default: active ones).'),
    limit: z.number().int().min(1).max(100).optional().describe('How many (default 50).'),
    offset: z.string().trim().min(1).max(512).optional().describe('nextOffset from a previous call.'),
  }),
  async execute({ workspace, archived, limit, offset }, ctx) {
    const query = { workspace, archived: archived ?? false, limit: limit ?? 50, offset, opt_fields: 'name,archived,team.name,permalink_url' };
    const answer = await ctx.request<Answer>('/projects', { query });
    return compact({
      projects: answer.data.map((p) => compact({ gid: p.gid, name: p.name, team: p.team?.name, archived: p.archived, url: p.permalink_url })),
      nextOffset: nextOffset(answer),
    });
  },
});
