import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { nextOffset } from '../asana-task.ts';

interface Answer {
  data: Array<{ gid: string; name: string; is_organization?: boolean }>;
  next_page?: { offset?: string } | null;
}

export const asanaListWorkspaces = defineTool({
  name: 'asana_list_workspaces',
  provider: 'asana',
  description: 'List the Asana workspaces and organizations the connected user belongs to (their gids are needed to list projects and tasks or create tasks).',
  scopes: ['workspaces:read'],
  input: z.object({
    limit: z.number().int().min(1).max(100).optional().describe('How many (default 50).'),
    offset: z.string().trim().min(1).max(512).optional().describe('nextOffset from a previous call.'),
  }),
  async execute({ limit, offset }, ctx) {
    const answer = await ctx.request<Answer>('/workspaces', { query: { limit: limit ?? 50, offset, opt_fields: 'name,is_organization' } });
    return compact({
      workspaces: answer.data.map((w) => compact({ gid: w.gid, name: w.name, isOrganization: w.is_organization })),
      nextOffset: nextOffset(answer),
    });
  },
});
