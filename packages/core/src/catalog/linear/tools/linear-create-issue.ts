import { z } from 'zod';
import { defineTool, graphqlFailure } from '../../../tools/index.ts';
import { ISSUE_FIELDS, issueSummary, LINEAR_GRAPHQL, linearId, linearRequest, type LinearIssue } from '../linear-issue.ts';

const MUTATION = `mutation CreateIssue($input: IssueCreateInput!) {
  issueCreate(input: $input) {
    success
    issue { ${ISSUE_FIELDS} }
  }
}`;

interface Answer {
  issueCreate: { success: boolean; issue?: LinearIssue | null };
}

export const linearCreateIssue = defineTool({
  name: 'linear_create_issue',
  provider: 'linear',
  writes: true,
  description: 'Create a Linear issue in a team (teamId from linear_list_teams), with a title and an optional Markdown description, priority, assignee and due date.',
  scopes: ['issues:create'],
  input: z.object({
    teamId: linearId('Team id (from linear_list_teams).'),
    title: z.string().trim().min(1).max(255).describe('Issue title.'),
    description: z.string().max(50_000).optional().describe('Markdown description.'),
    priority: z.number().int().min(0).max(4).optional().describe('0 none, 1 urgent, 2 high, 3 medium, 4 low.'),
    assigneeId: linearId('User id to assign.').optional(),
    stateId: linearId('Workflow state id to start in (the team default otherwise).').optional(),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2025-03-31').optional().describe('Due date, YYYY-MM-DD.'),
  }),
  async execute(input, ctx) {
    const data = await linearRequest<Answer>(ctx, MUTATION, { input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) });
    if (!data.issueCreate.success || !data.issueCreate.issue) throw graphqlFailure(ctx, LINEAR_GRAPHQL, 'issueCreate did not succeed');
    return issueSummary(data.issueCreate.issue);
  },
});
