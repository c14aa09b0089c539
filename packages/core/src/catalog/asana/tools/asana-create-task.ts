import { z } from 'zod';
import { defineTool } from '../../../tools/index.ts';
import { gid, TASK_FIELDS, taskSummary, type AsanaTask } from '../asana-task.ts';

export const asanaCreateTask = defineTool({
  name: 'asana_create_task',
  provider: 'asana',
  writes: true,
  description: 'Create an Asana task in a workspace or in one or more projects, optionally assigned (assignee "me" for the connected user) and with notes and a due date.',
  scopes: ['tasks:write'],
  input: z.object({
    name: z.string().trim().min(1).max(1024).describe('Task name.'),
    workspace: gid('Workspace gid; needed unless projects are given.').optional(),
    projects: z.array(gid('Project gid.')).min(1).max(20).optional().describe('Projects to add the task to (from asana_list_projects).'),
    notes: z.string().max(65_000).optional().describe('Description, plain text.'),
    assignee: z.union([z.literal('me'), gid('User gid.')]).optional().describe('"me" or a user gid.'),
    due_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2025-03-31').optional().describe('Due date, YYYY-MM-DD.'),
  }).refine((input) => input.workspace !== undefined || input.projects !== undefined, { message: 'Give a workspace or projects', path: ['workspace'] }),
  async execute(input, ctx) {
    const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const answer = await ctx.request<{ data: AsanaTask }>('/tasks', { method: 'POST', query: { opt_fields: TASK_FIELDS }, body: { data } });
    return taskSummary(answer.data);
  },
});
