import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import type { GithubRepo } from '../github-types.ts';

export const githubListRepos = defineTool({
  name: 'github_list_repos',
  provider: 'github',
  description: 'List GitHub repositories the user owns, collaborates on or can access through an organization.',
  scopes: ['repo'],
  input: z.object({
    visibility: z.enum(['all', 'public', 'private']).optional(),
    affiliation: z.array(z.enum(['owner', 'collaborator', 'organization_member'])).min(1).optional().describe('Which relations to include (default: all three).'),
    sort: z.enum(['created', 'updated', 'pushed', 'full_name']).default('updated'),
    direction: z.enum(['asc', 'desc']).optional(),
    per_page: z.number().int().min(1).max(100).default(30).describe('Repositories per page (1-100).'),
    page: z.number().int().min(1).max(1000).optional(),
  }),
  async execute({ visibility, affiliation, sort, direction, per_page, page }, ctx) {
    const repos = await ctx.request<GithubRepo[]>('/user/repos', {
      query: { visibility, affiliation: affiliation ? [...new Set(affiliation)].join(',') : undefined, sort, direction, per_page, page },
    });
    return (repos ?? []).slice(0, per_page).map((r) => compact({
      fullName: r.full_name,
      description: r.description ? truncate(r.description, 300) : undefined,
      private: r.private,
      fork: r.fork || undefined,
      archived: r.archived || undefined,
      language: r.language,
      stars: r.stargazers_count,
      openIssues: r.open_issues_count,
      defaultBranch: r.default_branch,
      updatedAt: r.updated_at,
      url: r.html_url,
    }));
  },
});
