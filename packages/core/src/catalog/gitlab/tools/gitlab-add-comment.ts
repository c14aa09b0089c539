import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { iid, project, type GitlabUser } from '../gitlab-fields.ts';

interface GitlabNote {
  id: number;
  body: string;
  author?: GitlabUser;
  created_at?: string;
}

export const gitlabAddComment = defineTool({
  name: 'gitlab_add_comment',
  provider: 'gitlab',
  writes: true,
  description: 'Comment on a GitLab issue or merge request, as the connected user.',
  scopes: ['api'],
  input: z.object({
    project,
    on: z.enum(['issue', 'merge_request']).describe('Whether the number is an issue (#) or a merge request (!).'),
    iid,
    body: z.string().trim().min(1).max(1_000_000).describe('Comment text (GitLab Markdown).'),
  }),
  async execute({ project: id, on, iid: number, body }, ctx) {
    const note = await ctx.request<GitlabNote>(on === 'issue' ? path`/projects/${id}/issues/${number}/notes` : path`/projects/${id}/merge_requests/${number}/notes`, { method: 'POST', body: { body } });
    return compact({ id: note.id, author: note.author?.username, created: note.created_at, body: truncate(note.body, 300) });
  },
});
