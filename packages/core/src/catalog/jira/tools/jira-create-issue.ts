import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { textToAdf } from '../jira-document.ts';

export const jiraCreateIssue = defineTool({
  name: 'jira_create_issue',
  provider: 'jira',
  writes: true,
  description: 'Create a Jira issue in a project (use jira_list_projects for project keys). Returns the new issue key.',
  scopes: ['write:jira-work'],
  input: z.object({
    project: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,254}$/i, 'a project key like PROJ').describe('Project key, e.g. "PROJ".'),
    summary: z.string().trim().min(1).max(255).describe('One-line title of the issue.'),
    description: z.string().max(30_000).optional().describe('Plain-text description; blank lines separate paragraphs.'),
    issueType: z.string().trim().min(1).max(60).default('Task').describe('Issue type name as the project defines it: "Task", "Bug", "Story"…'),
    labels: z.array(z.string().trim().regex(/^\S+$/, 'labels have no spaces')).max(10).optional().describe('Labels (no spaces).'),
  }),
  async execute({ project, summary, description, issueType, labels }, ctx) {
    const created = await ctx.request<{ id: string; key: string; self?: string }>('/rest/api/3/issue', {
      method: 'POST',
      body: {
        fields: {
          project: { key: project.toUpperCase() },
          summary,
          issuetype: { name: issueType },
          ...(description ? { description: textToAdf(description) } : {}),
          ...(labels && labels.length > 0 ? { labels } : {}),
        },
      },
    });
    const site = ctx.account.values.siteUrl;
    return compact({ id: created.id, key: created.key, url: site ? `${site}/browse/${created.key}` : undefined });
  },
});
