import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { repoSlug, workspace, workspaceOf, type BitbucketPullRequest } from '../bitbucket-fields.ts';

export function pullRequestSummary(pr: BitbucketPullRequest) {
  return compact({
    id: pr.id,
    title: pr.title,
    state: pr.state,
    draft: pr.draft || undefined,
    author: pr.author?.display_name,
    from: pr.source?.branch?.name,
    into: pr.destination?.branch?.name,
    comments: pr.comment_count,
    updated: pr.updated_on,
    url: pr.links?.html?.href,
  });
}

export const bitbucketListPullRequests = defineTool({
  name: 'bitbucket_list_pull_requests',
  provider: 'bitbucket',
  description: 'List pull requests of a Bitbucket repository (open ones by default).',
  scopes: ['pullrequest'],
  input: z.object({
    workspace,
    repo: repoSlug,
    state: z.enum(['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED']).default('OPEN').describe('Pull request state.'),
  }),
  async execute({ workspace: given, repo, state }, ctx) {
    const page = await ctx.request<{ values?: BitbucketPullRequest[]; next?: string }>(path`/repositories/${workspaceOf(given, ctx)}/${repo}/pullrequests`, { query: { state } });
    return compact({ pullRequests: (page.values ?? []).map(pullRequestSummary), more: page.next ? true : undefined });
  },
});
