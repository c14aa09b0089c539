import { z } from 'zod';
import { compact, graphqlRequest, truncate, type ToolContext } from '../../tools/index.ts';

/** Linear's GraphQL endpoint under the API base URL. */
export const LINEAR_GRAPHQL = '/graphql';

/** The issue fields every issue-returning tool selects, as a model needs them (no descriptions: they can be long). */
export const ISSUE_FIELDS = 'id identifier title url priorityLabel dueDate updatedAt state { name type } team { key } assignee { name }';

export interface LinearIssue {
  id: string;
  identifier: string;
  title: string;
  url: string;
  priorityLabel?: string | null;
  dueDate?: string | null;
  updatedAt?: string | null;
  state?: { name: string; type: string } | null;
  team?: { key: string } | null;
  assignee?: { name: string } | null;
}

/** An issue as a model reads it: ids, the title (bounded), state, team and the link. */
export function issueSummary(issue: LinearIssue) {
  return compact({
    id: issue.id,
    identifier: issue.identifier,
    title: truncate(issue.title, 300),
    state: issue.state?.name,
    stateType: issue.state?.type,
    priority: issue.priorityLabel,
    team: issue.team?.key,
    assignee: issue.assignee?.name,
    dueDate: issue.dueDate,
    updatedAt: issue.updatedAt,
    url: issue.url,
  });
}

/** An issue id (UUID) or its identifier (`ENG-123`): Linear's `issue(id:)` and mutations take both. */
export const issueRef = (description: string) => z.string().trim().min(1).max(64).regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z][A-Za-z0-9_]*-\d+)$/i, 'Not a Linear issue id or identifier (like ENG-123)').describe(description);

/** A Linear entity id (UUID): teams, users, workflow states. */
export const linearId = (description: string) => z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Not a Linear id (a UUID)').describe(description);

export const linearRequest = <T>(ctx: ToolContext, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(ctx, { endpoint: LINEAR_GRAPHQL, query, ...(variables ? { variables } : {}) });

/** The next page's cursor, only when there is one. */
export const nextCursor = (pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined) => (pageInfo?.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined);
