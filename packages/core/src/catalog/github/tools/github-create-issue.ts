import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { labelNames, owner, repo, type GithubIssue } from '../github-types.ts';

export const githubCreateIssue = defineTool({
  name: 'github_create_issue',
  provider: 'github',
  writes: true,
  description: 'Open an issue in a GitHub repository.',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    title: z.string().trim().min(1).max(256),
    body: z.string().max(65_536).optional().describe('Issue text (GitHub Markdown).'),
    labels: z.array(z.string().min(1).max(50)).max(20).optional(),
    assignees: z.array(z.string().min(1).max(39)).max(10).optional().describe('GitHub logins to assign.'),
  }),
  async execute({ owner: o, repo: r, title, body, labels, assignees }, ctx) {
    const issue = await ctx.request<GithubIssue>(path`/repos/${o}/${r}/issues`, {
      method: 'POST',
      body: compact({ title, body, labels, assignees }),
    });
    return compact({
      number: issue.number,
      title: issue.title,
      state: issue.state,
      url: issue.html_url,
      labels: labelNames(issue),
      assignees: (issue.assignees ?? []).map((a) => a.login).filter(Boolean),
    });
  },
});
