import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { owner, pullRequestSummary, repo, type GithubPullRequest } from '../github-types.ts';

export const githubCreatePullRequest = defineTool({
  name: 'github_create_pull_request',
  provider: 'github',
  writes: true,
  description: 'Open a pull request in a GitHub repository from an existing branch (head) into another (base). The branch must already be pushed.',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    title: z.string().trim().min(1).max(256),
    head: z.string().trim().min(1).max(255).describe('The branch with the changes; "user:branch" when it is in a fork.'),
    base: z.string().trim().min(1).max(255).describe('The branch to merge into, e.g. "main".'),
    body: z.string().max(65_536).optional().describe('Description (GitHub Markdown).'),
    draft: z.boolean().optional().describe('Open as a draft pull request.'),
    maintainer_can_modify: z.boolean().optional().describe('Let maintainers push to the head branch (forks).'),
  }),
  async execute({ owner: o, repo: r, title, head, base, body, draft, maintainer_can_modify }, ctx) {
    const pr = await ctx.request<GithubPullRequest>(path`/repos/${o}/${r}/pulls`, {
      method: 'POST',
      body: compact({ title, head, base, body, draft, maintainer_can_modify }),
    });
    return compact(pullRequestSummary(pr));
  },
});
