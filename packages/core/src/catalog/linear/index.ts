import { defineToolkit, graphqlErrorInfo } from '../../tools/index.ts';
import { linear } from './provider.ts';
import { linearCommentOnIssue } from './tools/linear-comment-on-issue.ts';
import { linearCreateIssue } from './tools/linear-create-issue.ts';
import { linearListMyIssues } from './tools/linear-list-my-issues.ts';
import { linearListTeams } from './tools/linear-list-teams.ts';
import { linearSearchIssues } from './tools/linear-search-issues.ts';
import { linearUpdateIssueState } from './tools/linear-update-issue-state.ts';

export { revokeLinearToken } from './linear-revoke.ts';

export const linearToolkit = defineToolkit({
  provider: linear,
  tools: [linearListMyIssues, linearSearchIssues, linearCreateIssue, linearUpdateIssueState, linearCommentOnIssue, linearListTeams],
  parseError: graphqlErrorInfo,
});
