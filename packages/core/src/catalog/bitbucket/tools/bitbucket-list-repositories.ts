import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { workspace, workspaceOf } from '../bitbucket-fields.ts';

interface BitbucketRepository {
  slug: string;
  full_name: string;
  description?: string;
  is_private?: boolean;
  mainbranch?: { name?: string } | null;
  updated_on?: string;
  links?: { html?: { href?: string } };
}

export const bitbucketListRepositories = defineTool({
  name: 'bitbucket_list_repositories',
  provider: 'bitbucket',
  description: 'List the repositories of a Bitbucket workspace the user is a member of, most recently updated first, optionally filtered by name.',
  scopes: ['repository'],
  input: z.object({
    workspace,
    name: z.string().trim().max(100).regex(/^[^"\\]*$/, 'no quotes or backslashes').optional().describe('Only repositories whose name contains this.'),
  }),
  async execute({ workspace: given, name }, ctx) {
    const page = await ctx.request<{ values?: BitbucketRepository[]; next?: string }>(path`/repositories/${workspaceOf(given, ctx)}`, {
      query: { role: 'member', sort: '-updated_on', q: name ? `name ~ "${name}"` : undefined },
    });
    return compact({
      repositories: (page.values ?? []).map((r) => compact({
        slug: r.slug,
        fullName: r.full_name,
        description: r.description ? truncate(r.description, 200) : undefined,
        private: r.is_private,
        mainBranch: r.mainbranch?.name,
        updated: r.updated_on,
        url: r.links?.html?.href,
      })),
      more: page.next ? true : undefined,
    });
  },
});
