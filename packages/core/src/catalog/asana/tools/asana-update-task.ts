import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { gid, TASK_FIELDS, taskSummary, type AsanaTask } from '../asana-task.ts';

export const asanaUpdateTask = defineTool({
  name: 'asana_update_task',
  provider: 'asana',
  writes: true,
  description: 'Update an Asana task: mark it complete (completed: true) or incomplete, rename it, change its notes, due date or assignee. Only the fields given change.',
  scopes: ['tasks:write'],
  input: z.object({
    task: gid('Task gid.'),
    completed: z.boolean().optional().describe('true to complete the task, false to reopen it.'),
    name: z.string().trim().min(1).max(1024).optional().describe('New name.'),
    notes: z.string().max(65_000).optional().describe('New description (replaces the old one).'),
    due_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2025-03-31').nullable().optional().describe('New due date YYYY-MM-DD, or null to clear it.'),
    assignee: z.union([z.literal('me'), gid('User gid.')]).nullable().optional().describe('"me", a user gid, or null to unassign.'),
  }).refine(({ task: _task, ...changes }) => Object.values(changes).some((v) => v !== undefined), { message: 'Give at least one field to change', path: ['completed'] }),
  async execute({ task, ...changes }, ctx) {
    const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const answer = await ctx.request<{ data: AsanaTask }>(path`/tasks/${task}`, { method: 'PUT', query: { opt_fields: TASK_FIELDS }, body: { data } });
    return taskSummary(answer.data);
  },
});
