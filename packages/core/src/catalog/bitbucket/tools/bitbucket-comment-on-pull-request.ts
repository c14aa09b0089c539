import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { repoSlug, workspace, workspaceOf } from '../bitbucket-fields.ts';

interface BitbucketComment {
  id: number;
  content?: { raw?: string };
  user?: { display_name?: string };
  created_on?: string;
  links?: { html?: { href?: string } };
}

export const bitbucketCommentOnPullRequest = defineTool({
  name: 'bitbucket_comment_on_pull_request',
  provider: 'bitbucket',
  writes: true,
  description: 'Add a comment to a Bitbucket pull request (its conversation), as the connected user.',
  scopes: ['pullrequest'],
  input: z.object({
    workspace,
    repo: repoSlug,
    pullRequest: z.number().int().positive().describe('Pull request id (#12).'),
    text: z.string().trim().min(1).max(32_000).describe('Comment text (Markdown).'),
  }),
  async execute({ workspace: given, repo, pullRequest, text }, ctx) {
    const comment = await ctx.request<BitbucketComment>(path`/repositories/${workspaceOf(given, ctx)}/${repo}/pullrequests/${pullRequest}/comments`, { method: 'POST', body: { type: 'pullrequest_comment', content: { raw: text } } });
    return compact({ id: comment.id, author: comment.user?.display_name, created: comment.created_on, text: comment.content?.raw ? truncate(comment.content.raw, 300) : undefined, url: comment.links?.html?.href });
  },
});
