import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { ISSUE_FIELDS, issueSummary, linearRequest, nextCursor, type LinearIssue } from '../linear-issue.ts';

const QUERY = `query MyAssignedIssues($first: Int!, $after: String, $filter: IssueFilter) {
  viewer {
    assignedIssues(first: $first, after: $after, filter: $filter, orderBy: updatedAt) {
      nodes { ${ISSUE_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface Answer {
  viewer: { assignedIssues: { nodes: LinearIssue[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } };
}

export const linearListMyIssues = defineTool({
  name: 'linear_list_my_issues',
  provider: 'linear',
  description: 'List the Linear issues assigned to the connected user, most recently updated first. Open issues only unless includeClosed is true.',
  scopes: ['read'],
  input: z.object({
    includeClosed: z.boolean().optional().describe('Also list completed and canceled issues.'),
    first: z.number().int().min(1).max(50).optional().describe('How many issues (default 20).'),
    after: z.string().trim().min(1).max(512).optional().describe('nextCursor from a previous call, for the next page.'),
  }),
  async execute({ includeClosed, first, after }, ctx) {
    const variables = {
      first: first ?? 20,
      ...(after ? { after } : {}),
      ...(includeClosed ? {} : { filter: { state: { type: { nin: ['completed', 'canceled'] } } } }),
    };
    const data = await linearRequest<Answer>(ctx, QUERY, variables);
    const { nodes, pageInfo } = data.viewer.assignedIssues;
    return compact({ issues: nodes.map(issueSummary), nextCursor: nextCursor(pageInfo) });
  },
});
