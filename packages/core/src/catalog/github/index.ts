import { defineToolkit } from '../../tools/index.ts';
import { githubApiErrorInfo } from './github-api-error.ts';
import { github } from './provider.ts';
import { githubCreateIssue } from './tools/github-create-issue.ts';
import { githubListIssues } from './tools/github-list-issues.ts';
import { githubListRepos } from './tools/github-list-repos.ts';

export const githubToolkit = defineToolkit({
  provider: github,
  tools: [githubListRepos, githubCreateIssue, githubListIssues],
  apiVersion: { header: 'X-GitHub-Api-Version', value: '2022-11-28' },
  parseError: githubApiErrorInfo,
});
