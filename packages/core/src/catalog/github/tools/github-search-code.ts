import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';

interface CodeSearchItem {
  name: string;
  path: string;
  sha: string;
  html_url: string;
  repository?: { full_name?: string } | null;
  text_matches?: Array<{ fragment?: string }>;
}

export const githubSearchCode = defineTool({
  name: 'github_search_code',
  provider: 'github',
  description: 'Search code in GitHub repositories the user can see, with GitHub code search syntax, e.g. "createClient repo:acme/platform", "TODO language:go org:acme", "filename:docker-compose.yml". Returns matching files (with a fragment of the match); read one with github_get_file_contents.',
  scopes: ['repo'],
  input: z.object({
    q: z.string().trim().min(1).max(256).describe('Search terms plus qualifiers (repo:, org:, user:, language:, path:, filename:, extension:).'),
    per_page: z.number().int().min(1).max(100).default(20).describe('Results per page (1-100).'),
    page: z.number().int().min(1).max(10).optional().describe('GitHub returns at most the first 1000 results.'),
  }),
  async execute({ q, per_page, page }, ctx) {
    // The text-match media type adds the matching fragments, which spares the model a file read per hit.
    const result = await ctx.request<{ total_count: number; incomplete_results: boolean; items: CodeSearchItem[] }>('/search/code', {
      query: { q, per_page, page },
      headers: { accept: 'application/vnd.github.text-match+json' },
    });
    return compact({
      totalCount: result.total_count,
      incompleteResults: result.incomplete_results || undefined,
      items: (result.items ?? []).slice(0, per_page).map((item) => compact({
        repository: item.repository?.full_name,
        path: item.path,
        sha: item.sha,
        fragment: item.text_matches?.[0]?.fragment ? truncate(item.text_matches[0].fragment, 300) : undefined,
        url: item.html_url,
      })),
    });
  },
});
