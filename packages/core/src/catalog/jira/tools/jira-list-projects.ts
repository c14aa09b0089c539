import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';

interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  lead?: { displayName?: string };
}

export const jiraListProjects = defineTool({
  name: 'jira_list_projects',
  provider: 'jira',
  description: 'List the Jira projects the user can see (key, name, type), optionally filtered by a word in the key or name.',
  scopes: ['read:jira-work'],
  input: z.object({
    query: z.string().trim().max(100).optional().describe('Only projects whose key or name contains this.'),
    limit: z.number().int().min(1).max(50).default(25).describe('How many projects (1-50).'),
  }),
  async execute({ query, limit }, ctx) {
    const page = await ctx.request<{ values?: JiraProject[]; total?: number; isLast?: boolean }>('/rest/api/3/project/search', {
      query: { maxResults: limit, orderBy: 'name', ...(query ? { query } : {}) },
    });
    return compact({
      projects: (page.values ?? []).map((p) => compact({ key: p.key, name: p.name, type: p.projectTypeKey, lead: p.lead?.displayName })),
      total: page.total,
      more: page.isLast === false ? true : undefined,
    });
  },
});
