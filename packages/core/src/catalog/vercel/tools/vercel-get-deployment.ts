import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { deploymentSummary, type VercelDeployment } from '../vercel-deployment.ts';
import { teamQuery } from '../vercel-scope-query.ts';

export const vercelGetDeployment = defineTool({
  name: 'vercel_get_deployment',
  provider: 'vercel',
  description: 'Get one Vercel deployment by id (dpl_…) or URL: its state (READY, ERROR, BUILDING…), target, URL and aliases, the commit it built, and the error message when it failed.',
  input: z.object({
    deployment: z.string().trim().min(1).max(300).describe('Deployment id ("dpl_…") or its hostname ("my-app-abc123.vercel.app").'),
  }),
  async execute({ deployment }, ctx) {
    const id = deployment.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    const found = await ctx.request<VercelDeployment>(path`/v13/deployments/${id}`, { query: teamQuery(ctx) });
    return compact({ ...deploymentSummary(found), aliases: found.alias && found.alias.length > 0 ? found.alias.slice(0, 10).map((a) => `https://${a}`) : undefined });
  },
});
