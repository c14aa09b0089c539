import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { deploymentSummary, type VercelDeployment } from '../vercel-deployment.ts';
import { teamQuery } from '../vercel-scope-query.ts';

export const vercelListDeployments = defineTool({
  name: 'vercel_list_deployments',
  provider: 'vercel',
  description: 'List recent Vercel deployments, newest first, optionally for one project, target or state (e.g. the failed production deployments of a project).',
  input: z.object({
    projectId: z.string().trim().min(1).max(100).optional().describe('Project id (prj_…) or name, from vercel_list_projects.'),
    target: z.enum(['production', 'preview']).optional().describe('Only production or only preview deployments.'),
    state: z.enum(['BUILDING', 'ERROR', 'INITIALIZING', 'QUEUED', 'READY', 'CANCELED']).optional().describe('Only deployments in this state.'),
    limit: z.number().int().min(1).max(50).default(10).describe('How many deployments (1-50).'),
  }),
  async execute({ projectId, target, state, limit }, ctx) {
    const page = await ctx.request<{ deployments?: VercelDeployment[] }>('/v6/deployments', { query: { limit, projectId, target, state, ...teamQuery(ctx) } });
    return compact({ deployments: (page.deployments ?? []).map(deploymentSummary) });
  },
});
