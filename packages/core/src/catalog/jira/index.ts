import { defineToolkit } from '../../tools/index.ts';
import { jiraApiErrorInfo } from './jira-api-error.ts';
import { jira } from './provider.ts';
import { jiraAddComment } from './tools/jira-add-comment.ts';
import { jiraCreateIssue } from './tools/jira-create-issue.ts';
import { jiraGetIssue } from './tools/jira-get-issue.ts';
import { jiraListProjects } from './tools/jira-list-projects.ts';
import { jiraSearchIssues } from './tools/jira-search-issues.ts';
import { jiraTransitionIssue } from './tools/jira-transition-issue.ts';

export const jiraToolkit = defineToolkit({
  provider: jira,
  tools: [jiraSearchIssues, jiraGetIssue, jiraCreateIssue, jiraAddComment, jiraTransitionIssue, jiraListProjects],
  parseError: jiraApiErrorInfo,
});
