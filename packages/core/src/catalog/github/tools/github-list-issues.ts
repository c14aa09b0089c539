import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { labelNames, owner, repo, type GithubIssue } from '../github-types.ts';

export const githubListIssues = defineTool({
  name: 'github_list_issues',
  provider: 'github',
  description: 'List issues of a GitHub repository, most recently created first (pull requests are marked).',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.array(z.string().min(1).max(50)).max(20).optional().describe('Only issues with all of these labels.'),
    per_page: z.number().int().min(1).max(100).default(30).describe('Issues per page (1-100).'),
    page: z.number().int().min(1).max(1000).optional(),
  }),
  async execute({ owner: o, repo: r, state, labels, per_page, page }, ctx) {
    const issues = await ctx.request<GithubIssue[]>(path`/repos/${o}/${r}/issues`, {
      query: { state, labels: labels?.length ? labels.join(',') : undefined, per_page, page },
    });
    return (issues ?? []).slice(0, per_page).map((i) => compact({
      number: i.number,
      title: i.title,
      state: i.state,
      pullRequest: i.pull_request ? true : undefined,
      author: i.user?.login,
      labels: labelNames(i),
      assignees: (i.assignees ?? []).map((a) => a.login).filter(Boolean),
      comments: i.comments,
      createdAt: i.created_at,
      updatedAt: i.updated_at,
      body: i.body ? truncate(i.body, 500) : undefined,
      url: i.html_url,
    }));
  },
});
