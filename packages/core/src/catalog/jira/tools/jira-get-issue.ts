import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { adfToText } from '../jira-document.ts';
import { ISSUE_FIELDS, issueKey, issueSummary, type JiraIssue } from '../jira-fields.ts';

const MAX_DESCRIPTION = 4000;
const MAX_COMMENTS = 10;

export const jiraGetIssue = defineTool({
  name: 'jira_get_issue',
  provider: 'jira',
  description: 'Get one Jira issue: summary, status, assignee, reporter, labels, its description as plain text and its latest comments.',
  scopes: ['read:jira-work'],
  input: z.object({ issue: issueKey }),
  async execute({ issue }, ctx) {
    const found = await ctx.request<JiraIssue>(path`/rest/api/3/issue/${issue}`, { query: { fields: [...ISSUE_FIELDS, 'description', 'comment'].join(',') } });
    const f = found.fields ?? {};
    const comments = f.comment?.comments ?? [];
    return compact({
      ...issueSummary(found),
      reporter: f.reporter?.displayName,
      labels: f.labels && f.labels.length > 0 ? f.labels : undefined,
      created: f.created,
      description: truncate(adfToText(f.description), MAX_DESCRIPTION) || undefined,
      comments: comments.slice(-MAX_COMMENTS).map((c) => compact({ id: c.id, author: c.author?.displayName, created: c.created, text: truncate(adfToText(c.body), 1000) })),
      totalComments: f.comment?.total,
    });
  },
});
