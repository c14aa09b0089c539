import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { project, type GitlabIssue } from '../gitlab-fields.ts';

export const gitlabListIssues = defineTool({
  name: 'gitlab_list_issues',
  provider: 'gitlab',
  description: "List GitLab issues: of one project, or (without a project) the ones assigned to the user across projects. Filter by state, labels or a search word.",
  scopes: ['read_api'],
  input: z.object({
    project: project.optional(),
    state: z.enum(['opened', 'closed', 'all']).default('opened').describe('Issue state.'),
    labels: z.array(z.string().trim().min(1).max(100)).max(10).optional().describe('Only issues with all these labels.'),
    search: z.string().trim().max(200).optional().describe('Only issues whose title or description contains this.'),
    limit: z.number().int().min(1).max(100).default(20).describe('How many issues (1-100).'),
  }),
  async execute({ project: id, state, labels, search, limit }, ctx) {
    const query = { state, labels: labels?.join(','), search, per_page: limit, order_by: 'updated_at', ...(id ? {} : { scope: 'assigned_to_me' }) };
    const issues = await ctx.request<GitlabIssue[]>(id ? path`/projects/${id}/issues` : '/issues', { query });
    return {
      issues: issues.map((i) => compact({
        iid: i.iid,
        title: i.title,
        state: i.state,
        labels: i.labels && i.labels.length > 0 ? i.labels : undefined,
        author: i.author?.username,
        assignees: i.assignees && i.assignees.length > 0 ? i.assignees.map((a) => a.username) : undefined,
        comments: i.user_notes_count,
        updated: i.updated_at,
        url: i.web_url,
      })),
    };
  },
});
