import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { labelNames, type GithubIssue } from '../github-types.ts';

interface SearchIssueItem extends GithubIssue {
  repository_url?: string;
}

/** `https://api.github.com/repos/acme/platform` → `acme/platform` (GHES: `…/api/v3/repos/…`). */
const repositoryOf = (url: string | undefined) => (url ? /\/repos\/([^/]+\/[^/]+)$/.exec(url)?.[1] : undefined);

export const githubSearchIssues = defineTool({
  name: 'github_search_issues',
  provider: 'github',
  description: 'Search issues and pull requests across GitHub with GitHub search syntax, e.g. "repo:acme/platform is:open label:bug crash", "is:pr author:@me is:open", "involves:alice org:acme". Add is:issue or is:pr to pick one kind.',
  scopes: ['repo'],
  input: z.object({
    q: z.string().trim().min(1).max(256).describe('GitHub search query: keywords plus qualifiers (repo:, org:, is:open, is:pr, label:, author:, assignee:, …).'),
    sort: z.enum(['comments', 'reactions', 'interactions', 'created', 'updated']).optional().describe('Default: best match.'),
    order: z.enum(['desc', 'asc']).optional(),
    per_page: z.number().int().min(1).max(100).default(20).describe('Results per page (1-100).'),
    page: z.number().int().min(1).max(10).optional().describe('GitHub returns at most the first 1000 results.'),
  }),
  async execute({ q, sort, order, per_page, page }, ctx) {
    const result = await ctx.request<{ total_count: number; incomplete_results: boolean; items: SearchIssueItem[] }>('/search/issues', { query: { q, sort, order, per_page, page } });
    return compact({
      totalCount: result.total_count,
      incompleteResults: result.incomplete_results || undefined,
      items: (result.items ?? []).slice(0, per_page).map((i) => compact({
        repository: repositoryOf(i.repository_url),
        number: i.number,
        title: i.title,
        state: i.state,
        pullRequest: i.pull_request ? true : undefined,
        author: i.user?.login,
        labels: labelNames(i),
        comments: i.comments,
        updatedAt: i.updated_at,
        body: i.body ? truncate(i.body, 300) : undefined,
        url: i.html_url,
      })),
    });
  },
});
