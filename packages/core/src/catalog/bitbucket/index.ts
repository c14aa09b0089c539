import { defineToolkit } from '../../tools/index.ts';
import { bitbucketApiErrorInfo } from './bitbucket-api-error.ts';
import { bitbucket } from './provider.ts';
import { bitbucketCommentOnPullRequest } from './tools/bitbucket-comment-on-pull-request.ts';
import { bitbucketCreatePullRequest } from './tools/bitbucket-create-pull-request.ts';
import { bitbucketGetFile } from './tools/bitbucket-get-file.ts';
import { bitbucketListPullRequests } from './tools/bitbucket-list-pull-requests.ts';
import { bitbucketListRepositories } from './tools/bitbucket-list-repositories.ts';

export const bitbucketToolkit = defineToolkit({
  provider: bitbucket,
  tools: [bitbucketListRepositories, bitbucketListPullRequests, bitbucketCreatePullRequest, bitbucketCommentOnPullRequest, bitbucketGetFile],
  parseError: bitbucketApiErrorInfo,
});
