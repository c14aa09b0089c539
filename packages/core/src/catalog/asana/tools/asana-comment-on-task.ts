import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { gid } from '../asana-task.ts';

interface Story {
  gid: string;
  text?: string;
  created_at?: string;
  created_by?: { name?: string } | null;
}

export const asanaCommentOnTask = defineTool({
  name: 'asana_comment_on_task',
  provider: 'asana',
  writes: true,
  description: 'Add a comment to an Asana task (a story of type comment, visible to its followers).',
  scopes: ['stories:write'],
  input: z.object({
    task: gid('Task gid.'),
    text: z.string().trim().min(1).max(65_000).describe('Comment text, plain.'),
  }),
  async execute({ task, text }, ctx) {
    const answer = await ctx.request<{ data: Story }>(path`/tasks/${task}/stories`, { method: 'POST', query: { opt_fields: 'text,created_at,created_by.name' }, body: { data: { text } } });
    const story = answer.data;
    return compact({ gid: story.gid, author: story.created_by?.name, createdAt: story.created_at, text: story.text === undefined ? undefined : truncate(story.text, 300) });
  },
});
