import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { ISSUE_FIELDS, issueSummary, type JiraIssue } from '../jira-fields.ts';

export const jiraSearchIssues = defineTool({
  name: 'jira_search_issues',
  provider: 'jira',
  description: 'Search Jira issues with JQL, e.g. `assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC` or `project = PROJ AND text ~ "login"`. Returns issue keys, summaries, status and assignee; use jira_get_issue for the description and comments.',
  scopes: ['read:jira-work'],
  input: z.object({
    jql: z.string().trim().min(1).max(4000).describe('JQL query. It must be bounded (name a project, assignee, status, text… not only an ORDER BY).'),
    limit: z.number().int().min(1).max(50).default(20).describe('How many issues to return (1-50).'),
    pageToken: z.string().max(2000).optional().describe('nextPageToken from a previous call, for the next page.'),
  }),
  async execute({ jql, limit, pageToken }, ctx) {
    const page = await ctx.request<{ issues?: JiraIssue[]; nextPageToken?: string }>('/rest/api/3/search/jql', {
      method: 'POST',
      body: { jql, maxResults: limit, fields: ISSUE_FIELDS, ...(pageToken ? { nextPageToken: pageToken } : {}) },
    });
    return compact({ issues: (page.issues ?? []).map(issueSummary), nextPageToken: page.nextPageToken });
  },
});
