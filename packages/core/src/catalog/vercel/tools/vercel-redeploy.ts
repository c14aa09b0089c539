import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { deploymentSummary, type VercelDeployment } from '../vercel-deployment.ts';
import { teamQuery } from '../vercel-scope-query.ts';

export const vercelRedeploy = defineTool({
  name: 'vercel_redeploy',
  provider: 'vercel',
  writes: true,
  description: 'Redeploy an existing Vercel deployment (same source), to production or as a preview. Returns the new deployment, which starts building.',
  input: z.object({
    deployment: z.string().trim().regex(/^dpl_[A-Za-z0-9]+$/, 'a deployment id like dpl_…').describe('Id of the deployment to build again ("dpl_…").'),
    target: z.enum(['production', 'preview']).optional().describe('Where the new deployment goes; default: the same target as the original.'),
  }),
  async execute({ deployment, target }, ctx) {
    const original = await ctx.request<VercelDeployment>(path`/v13/deployments/${deployment}`, { query: teamQuery(ctx) });
    const to = target ?? (original.target === 'production' ? 'production' : undefined);
    const created = await ctx.request<VercelDeployment>('/v13/deployments', {
      method: 'POST',
      query: teamQuery(ctx),
      body: { name: original.name, deploymentId: deployment, ...(to ? { target: to } : {}) },
    });
    return deploymentSummary(created);
  },
});
