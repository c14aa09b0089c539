import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { teamQuery } from '../vercel-scope-query.ts';

interface VercelEnv {
  id?: string;
  key: string;
  type?: string;
  target?: string | string[];
  gitBranch?: string;
  updatedAt?: number;
}

export const vercelListEnvNames = defineTool({
  name: 'vercel_list_env_names',
  provider: 'vercel',
  description: "List the names of a Vercel project's environment variables with their targets (production, preview, development) and type. Values are never read or returned.",
  input: z.object({
    project: z.string().trim().min(1).max(100).describe('Project id (prj_…) or name.'),
  }),
  async execute({ project }, ctx) {
    // Without `decrypt`, Vercel sends no plain values; the tool copies names only, so none could leak anyway.
    const page = await ctx.request<{ envs?: VercelEnv[] } | VercelEnv>(path`/v10/projects/${project}/env`, { query: teamQuery(ctx) });
    const envs = 'envs' in page && Array.isArray(page.envs) ? page.envs : 'key' in page ? [page as VercelEnv] : [];
    return {
      variables: envs.slice(0, 200).map((e) => compact({
        name: e.key,
        targets: Array.isArray(e.target) ? e.target : e.target ? [e.target] : undefined,
        type: e.type,
        branch: e.gitBranch,
      })),
    };
  },
});
