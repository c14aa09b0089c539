import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { project, type GitlabUser } from '../gitlab-fields.ts';

interface GitlabMergeRequest {
  iid: number;
  title: string;
  state: string;
  draft?: boolean;
  source_branch: string;
  target_branch: string;
  author?: GitlabUser;
  detailed_merge_status?: string;
  web_url: string;
  updated_at?: string;
}

export const gitlabListMergeRequests = defineTool({
  name: 'gitlab_list_merge_requests',
  provider: 'gitlab',
  description: 'List GitLab merge requests: of one project, or (without a project) the ones the user created or is assigned across projects.',
  scopes: ['read_api'],
  input: z.object({
    project: project.optional(),
    state: z.enum(['opened', 'closed', 'merged', 'all']).default('opened').describe('Merge request state.'),
    scope: z.enum(['created_by_me', 'assigned_to_me']).optional().describe('Without a project: whose merge requests (default created_by_me).'),
    limit: z.number().int().min(1).max(100).default(20).describe('How many (1-100).'),
  }),
  async execute({ project: id, state, scope, limit }, ctx) {
    const query = { state, per_page: limit, order_by: 'updated_at', ...(id ? (scope ? { scope } : {}) : { scope: scope ?? 'created_by_me' }) };
    const list = await ctx.request<GitlabMergeRequest[]>(id ? path`/projects/${id}/merge_requests` : '/merge_requests', { query });
    return {
      mergeRequests: list.map((m) => compact({
        iid: m.iid,
        title: m.title,
        state: m.state,
        draft: m.draft || undefined,
        from: m.source_branch,
        into: m.target_branch,
        author: m.author?.username,
        mergeStatus: m.detailed_merge_status,
        updated: m.updated_at,
        url: m.web_url,
      })),
    };
  },
});
