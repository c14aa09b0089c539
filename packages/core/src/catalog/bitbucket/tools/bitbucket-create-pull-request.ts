import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { repoSlug, workspace, workspaceOf, type BitbucketPullRequest } from '../bitbucket-fields.ts';
import { pullRequestSummary } from './bitbucket-list-pull-requests.ts';

const branch = (what: string) => z.string().trim().min(1).max(255).regex(/^[^\s~^:?*[\\]+$/, 'a branch name').describe(what);

export const bitbucketCreatePullRequest = defineTool({
  name: 'bitbucket_create_pull_request',
  provider: 'bitbucket',
  writes: true,
  description: 'Open a pull request in a Bitbucket repository from one branch into another (default: the main branch).',
  scopes: ['pullrequest:write'],
  input: z.object({
    workspace,
    repo: repoSlug,
    title: z.string().trim().min(1).max(255).describe('Pull request title.'),
    source: branch('Branch with the changes.'),
    destination: branch('Branch to merge into; default: the repository\'s main branch.').optional(),
    description: z.string().max(50_000).optional().describe('Description (Markdown).'),
    closeSourceBranch: z.boolean().optional().describe('Delete the source branch after the merge.'),
  }),
  async execute({ workspace: given, repo, title, source, destination, description, closeSourceBranch }, ctx) {
    const created = await ctx.request<BitbucketPullRequest>(path`/repositories/${workspaceOf(given, ctx)}/${repo}/pullrequests`, {
      method: 'POST',
      body: {
        type: 'pullrequest',
        title,
        source: { branch: { name: source } },
        ...(destination ? { destination: { branch: { name: destination } } } : {}),
        ...(description ? { description } : {}),
        ...(closeSourceBranch !== undefined ? { close_source_branch: closeSourceBranch } : {}),
      },
    });
    return pullRequestSummary(created);
  },
});
