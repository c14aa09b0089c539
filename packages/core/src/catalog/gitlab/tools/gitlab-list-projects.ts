import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';

interface GitlabProject {
  id: number;
  path_with_namespace: string;
  description?: string | null;
  default_branch?: string;
  web_url: string;
  last_activity_at?: string;
  visibility?: string;
}

export const gitlabListProjects = defineTool({
  name: 'gitlab_list_projects',
  provider: 'gitlab',
  description: 'List GitLab projects the user is a member of, most recently active first, optionally searching by name.',
  scopes: ['read_api'],
  input: z.object({
    search: z.string().trim().max(100).optional().describe('Only projects whose name or path contains this.'),
    limit: z.number().int().min(1).max(100).default(20).describe('How many projects (1-100).'),
  }),
  async execute({ search, limit }, ctx) {
    const projects = await ctx.request<GitlabProject[]>('/projects', { query: { membership: true, simple: true, order_by: 'last_activity_at', per_page: limit, search } });
    return {
      projects: projects.map((p) => compact({
        id: p.id,
        path: p.path_with_namespace,
        description: p.description ? truncate(p.description, 200) : undefined,
        defaultBranch: p.default_branch,
        visibility: p.visibility,
        lastActivity: p.last_activity_at,
        url: p.web_url,
      })),
    };
  },
});
