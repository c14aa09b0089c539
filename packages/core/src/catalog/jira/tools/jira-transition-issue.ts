import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { defineTool, path } from '../../../tools/index.ts';
import { issueKey } from '../jira-fields.ts';

interface Transition {
  id: string;
  name: string;
  to?: { name?: string };
}

export const jiraTransitionIssue = defineTool({
  name: 'jira_transition_issue',
  provider: 'jira',
  writes: true,
  description: 'Move a Jira issue to another status through its workflow ("In Progress", "Done"…). Give the target status or transition name; without one, lists the transitions available now.',
  scopes: ['read:jira-work', 'write:jira-work'],
  input: z.object({
    issue: issueKey,
    to: z.string().trim().min(1).max(100).optional().describe('Target status or transition name, e.g. "Done". Omit to list the available transitions.'),
  }),
  async execute({ issue, to }, ctx) {
    const { transitions = [] } = await ctx.request<{ transitions?: Transition[] }>(path`/rest/api/3/issue/${issue}/transitions`);
    const available = transitions.map((t) => ({ id: t.id, name: t.name, to: t.to?.name ?? t.name }));
    if (!to) return { issue, transitions: available };
    const wanted = to.toLowerCase();
    const chosen = transitions.find((t) => t.name.toLowerCase() === wanted) ?? transitions.find((t) => t.to?.name?.toLowerCase() === wanted);
    if (!chosen) {
      throw new OnBehalfError('INVALID_INPUT', `Issue ${issue} cannot move to '${to}' now. Available: ${available.map((t) => t.to).join(', ') || 'none'}.`, { details: { provider: 'jira', issue } });
    }
    await ctx.request(path`/rest/api/3/issue/${issue}/transitions`, { method: 'POST', body: { transition: { id: chosen.id } } });
    return { issue, transition: chosen.name, status: chosen.to?.name ?? chosen.name };
  },
});
