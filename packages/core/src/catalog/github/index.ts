import { defineToolkit } from '../../tools/index.ts';
import { githubApiErrorInfo } from './github-api-error.ts';
import { github } from './provider.ts';
import { githubCommentOnIssue } from './tools/github-comment-on-issue.ts';
import { githubCreateIssue } from './tools/github-create-issue.ts';
import { githubCreatePullRequest } from './tools/github-create-pull-request.ts';
import { githubGetFileContents } from './tools/github-get-file-contents.ts';
import { githubListIssues } from './tools/github-list-issues.ts';
import { githubListPullRequests } from './tools/github-list-pull-requests.ts';
import { githubListRepos } from './tools/github-list-repos.ts';
import { githubSearchCode } from './tools/github-search-code.ts';
import { githubSearchIssues } from './tools/github-search-issues.ts';

export const githubToolkit = defineToolkit({
  provider: github,
  tools: [
    githubListRepos,
    githubCreateIssue,
    githubListIssues,
    githubGetFileContents,
    githubListPullRequests,
    githubCreatePullRequest,
    githubCommentOnIssue,
    githubSearchIssues,
    githubSearchCode,
  ],
  apiVersion: { header: 'X-GitHub-Api-Version', value: '2022-11-28' },
  parseError: githubApiErrorInfo,
});
