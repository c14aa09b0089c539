import { defineToolkit } from '../../tools/index.ts';
import { gitlabApiErrorInfo } from './gitlab-api-error.ts';
import { gitlab } from './provider.ts';
import { gitlabAddComment } from './tools/gitlab-add-comment.ts';
import { gitlabCreateIssue } from './tools/gitlab-create-issue.ts';
import { gitlabGetFile } from './tools/gitlab-get-file.ts';
import { gitlabListIssues } from './tools/gitlab-list-issues.ts';
import { gitlabListMergeRequests } from './tools/gitlab-list-merge-requests.ts';
import { gitlabListProjects } from './tools/gitlab-list-projects.ts';

export const gitlabToolkit = defineToolkit({
  provider: gitlab,
  tools: [gitlabListProjects, gitlabListIssues, gitlabCreateIssue, gitlabListMergeRequests, gitlabAddComment, gitlabGetFile],
  parseError: gitlabApiErrorInfo,
});
