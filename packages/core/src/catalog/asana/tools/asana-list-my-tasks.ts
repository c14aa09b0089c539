import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { gid, nextOffset, TASK_FIELDS, taskSummary, type AsanaTask } from '../asana-task.ts';

interface Answer {
  data: AsanaTask[];
  next_page?: { offset?: string } | null;
}

export const asanaListMyTasks = defineTool({
  name: 'asana_list_my_tasks',
  provider: 'asana',
  description: 'List the Asana tasks assigned to the connected user in a workspace: incomplete ones, plus those completed in the last N days when completedWithinDays is given.',
  scopes: ['tasks:read'],
  input: z.object({
    workspace: gid('Workspace gid (from asana_list_workspaces).'),
    completedWithinDays: z.number().int().min(1).max(365).optional().describe('Also include tasks completed in this many past days.'),
    limit: z.number().int().min(1).max(100).optional().describe('How many (default 25).'),
    offset: z.string().trim().min(1).max(512).optional().describe('nextOffset from a previous call.'),
  }),
  async execute({ workspace, completedWithinDays, limit, offset }, ctx) {
    // `completed_since` keeps incomplete tasks and those completed after it: now means "open only".
    const since = new Date(Date.now() - (completedWithinDays ?? 0) * 86_400_000).toISOString();
    const query = { assignee: 'me', workspace, completed_since: since, limit: limit ?? 25, offset, opt_fields: TASK_FIELDS };
    const answer = await ctx.request<Answer>('/tasks', { query });
    return compact({ tasks: answer.data.map(taskSummary), nextOffset: nextOffset(answer) });
  },
});
