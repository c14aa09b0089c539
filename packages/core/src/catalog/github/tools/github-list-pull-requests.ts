import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { owner, pullRequestSummary, repo, type GithubPullRequest } from '../github-types.ts';

export const githubListPullRequests = defineTool({
  name: 'github_list_pull_requests',
  provider: 'github',
  description: 'List pull requests of a GitHub repository (open ones by default), newest first, with their branches.',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    base: z.string().trim().min(1).max(255).optional().describe('Only pull requests into this branch.'),
    head: z.string().trim().min(1).max(255).optional().describe('Only pull requests from this branch, as "user:branch" or "org:branch".'),
    sort: z.enum(['created', 'updated', 'popularity', 'long-running']).default('created'),
    direction: z.enum(['asc', 'desc']).optional().describe('Default: desc.'),
    per_page: z.number().int().min(1).max(100).default(30).describe('Pull requests per page (1-100).'),
    page: z.number().int().min(1).max(1000).optional(),
  }),
  async execute({ owner: o, repo: r, state, base, head, sort, direction, per_page, page }, ctx) {
    const pulls = await ctx.request<GithubPullRequest[]>(path`/repos/${o}/${r}/pulls`, { query: { state, base, head, sort, direction, per_page, page } });
    return (pulls ?? []).slice(0, per_page).map((pr) => compact(pullRequestSummary(pr)));
  },
});
