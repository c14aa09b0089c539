import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { issueNumber, owner, repo } from '../github-types.ts';

interface GithubComment {
  id: number;
  body?: string;
  user?: { login?: string } | null;
  created_at?: string;
  html_url: string;
}

export const githubCommentOnIssue = defineTool({
  name: 'github_comment_on_issue',
  provider: 'github',
  writes: true,
  description: 'Add a comment to a GitHub issue or pull request (its conversation, not a review comment on a line).',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    issue_number: issueNumber,
    body: z.string().trim().min(1).max(65_536).describe('Comment text (GitHub Markdown).'),
  }),
  async execute({ owner: o, repo: r, issue_number, body }, ctx) {
    const comment = await ctx.request<GithubComment>(path`/repos/${o}/${r}/issues/${issue_number}/comments`, { method: 'POST', body: { body } });
    return compact({
      id: comment.id,
      author: comment.user?.login,
      createdAt: comment.created_at,
      body: comment.body ? truncate(comment.body, 300) : undefined,
      url: comment.html_url,
    });
  },
});
