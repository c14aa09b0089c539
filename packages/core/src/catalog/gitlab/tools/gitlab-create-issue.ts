import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { project, type GitlabIssue } from '../gitlab-fields.ts';

export const gitlabCreateIssue = defineTool({
  name: 'gitlab_create_issue',
  provider: 'gitlab',
  writes: true,
  description: 'Create an issue in a GitLab project. Returns its number and URL.',
  scopes: ['api'],
  input: z.object({
    project,
    title: z.string().trim().min(1).max(255).describe('Issue title.'),
    description: z.string().max(1_000_000).optional().describe('Issue description (GitLab Markdown).'),
    labels: z.array(z.string().trim().min(1).max(100)).max(20).optional().describe('Labels to set (created if missing).'),
    confidential: z.boolean().optional().describe('Visible only to project members with at least the Planner role.'),
  }),
  async execute({ project: id, title, description, labels, confidential }, ctx) {
    const issue = await ctx.request<GitlabIssue>(path`/projects/${id}/issues`, {
      method: 'POST',
      body: { title, ...(description ? { description } : {}), ...(labels?.length ? { labels: labels.join(',') } : {}), ...(confidential !== undefined ? { confidential } : {}) },
    });
    return compact({ iid: issue.iid, title: issue.title, state: issue.state, url: issue.web_url });
  },
});
