import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { teamQuery } from '../vercel-scope-query.ts';

interface VercelProject {
  id: string;
  name: string;
  framework?: string | null;
  updatedAt?: number;
  link?: { type?: string; repo?: string; org?: string };
}

export const vercelListProjects = defineTool({
  name: 'vercel_list_projects',
  provider: 'vercel',
  description: 'List Vercel projects (id, name, framework, linked Git repository, last update), optionally searching by name.',
  input: z.object({
    search: z.string().trim().max(100).optional().describe('Only projects whose name contains this.'),
    limit: z.number().int().min(1).max(100).default(20).describe('How many projects (1-100).'),
  }),
  async execute({ search, limit }, ctx) {
    const page = await ctx.request<{ projects?: VercelProject[]; pagination?: { next?: number | null } }>('/v10/projects', { query: { limit, search, ...teamQuery(ctx) } });
    return compact({
      projects: (page.projects ?? []).map((p) => compact({
        id: p.id,
        name: p.name,
        framework: p.framework ?? undefined,
        repo: p.link?.repo ? `${p.link.org ? `${p.link.org}/` : ''}${p.link.repo}` : undefined,
        updatedAt: typeof p.updatedAt === 'number' ? new Date(p.updatedAt).toISOString() : undefined,
      })),
      more: page.pagination?.next ? true : undefined,
    });
  },
});
