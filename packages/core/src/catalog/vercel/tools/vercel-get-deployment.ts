import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { deploymentSummary, type VercelDeployment } from '../vercel-deployment.ts';
import { teamQuery } from '../vercel-scope-query.ts';

/** A deployment id or a deployment's host name: nothing that could add a path segment. */
const DEPLOYMENT = /^(dpl_[A-Za-z0-9]{1,64}|[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))+)$/i;
/** `https://my-app.vercel.app/` → `my-app.vercel.app`: a pasted URL names the same deployment. */
const withoutScheme = (value: string) => value.replace(/^https?:\/\//i, '').replace(/\/$/, '');

export const vercelGetDeployment = defineTool({
  name: 'vercel_get_deployment',
  provider: 'vercel',
  description: 'Get one Vercel deployment by id (dpl_…) or URL: its state (READY, ERROR, BUILDING…), target, URL and aliases, the commit it built, and the error message when it failed.',
  input: z.object({
    deployment: z.string().trim().max(300)
      .refine((d) => DEPLOYMENT.test(withoutScheme(d)), 'a deployment id ("dpl_…") or hostname ("my-app-abc123.vercel.app")')
      .describe('Deployment id ("dpl_…") or its hostname ("my-app-abc123.vercel.app").'),
  }),
  async execute({ deployment }, ctx) {
    const id = withoutScheme(deployment);
    const found = await ctx.request<VercelDeployment>(path`/v13/deployments/${id}`, { query: teamQuery(ctx) });
    return compact({ ...deploymentSummary(found), aliases: found.alias && found.alias.length > 0 ? found.alias.slice(0, 10).map((a) => `https://${a}`) : undefined });
  },
});
