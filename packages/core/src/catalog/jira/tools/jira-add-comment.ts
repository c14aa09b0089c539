import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { textToAdf } from '../jira-document.ts';
import { issueKey, type JiraComment } from '../jira-fields.ts';

export const jiraAddComment = defineTool({
  name: 'jira_add_comment',
  provider: 'jira',
  writes: true,
  description: 'Add a comment to a Jira issue, as the connected user.',
  scopes: ['write:jira-work'],
  input: z.object({
    issue: issueKey,
    text: z.string().trim().min(1).max(30_000).describe('Comment text; blank lines separate paragraphs.'),
  }),
  async execute({ issue, text }, ctx) {
    const comment = await ctx.request<JiraComment>(path`/rest/api/3/issue/${issue}/comment`, { method: 'POST', body: { body: textToAdf(text) } });
    return compact({ id: comment.id, issue, author: comment.author?.displayName, created: comment.created });
  },
});
