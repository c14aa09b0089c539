import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { ISSUE_FIELDS, issueSummary, linearId, linearRequest, nextCursor, type LinearIssue } from '../linear-issue.ts';

const QUERY = `query SearchIssues($term: String!, $first: Int!, $after: String, $teamId: String, $includeArchived: Boolean) {
  searchIssues(term: $term, first: $first, after: $after, teamId: $teamId, includeArchived: $includeArchived) {
    nodes { ${ISSUE_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Answer {
  searchIssues: { nodes: LinearIssue[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}

export const linearSearchIssues = defineTool({
  name: 'linear_search_issues',
  provider: 'linear',
  description: "Search Linear issues by text (title, description and identifier, like 'ENG-123'), optionally within one team. Returns ids, identifiers, titles, states and links.",
  scopes: ['read'],
  input: z.object({
    query: z.string().trim().min(1).max(256).describe('Words to search for.'),
    teamId: linearId('Only issues of this team (id from linear_list_teams).').optional(),
    includeArchived: z.boolean().optional().describe('Include archived issues.'),
    first: z.number().int().min(1).max(50).optional().describe('How many issues (default 10).'),
    after: z.string().trim().min(1).max(512).optional().describe('nextCursor from a previous call.'),
  }),
  async execute({ query, teamId, includeArchived, first, after }, ctx) {
    const variables = { term: query, first: first ?? 10, ...(after ? { after } : {}), ...(teamId ? { teamId } : {}), ...(includeArchived !== undefined ? { includeArchived } : {}) };
    const data = await linearRequest<Answer>(ctx, QUERY, variables);
    const { nodes, pageInfo } = data.searchIssues;
    return compact({ issues: nodes.map(issueSummary), nextCursor: nextCursor(pageInfo) });
  },
});
