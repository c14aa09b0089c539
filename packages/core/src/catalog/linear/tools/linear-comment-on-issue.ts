import { z } from 'zod';
import { defineTool, graphqlFailure, truncate } from '../../../tools/index.ts';
import { issueRef, LINEAR_GRAPHQL, linearRequest } from '../linear-issue.ts';

const MUTATION = `mutation CommentOnIssue($input: CommentCreateInput!) {
  commentCreate(input: $input) {
    success
    comment { id url body createdAt }
  }
}`;

interface Answer {
  commentCreate: { success: boolean; comment: { id: string; url: string; body: string; createdAt: string } };
}

export const linearCommentOnIssue = defineTool({
  name: 'linear_comment_on_issue',
  provider: 'linear',
  writes: true,
  description: 'Add a comment (Markdown) to a Linear issue, given its id or identifier (like ENG-123).',
  scopes: ['comments:create'],
  input: z.object({
    issue: issueRef('Issue id or identifier, like ENG-123.'),
    body: z.string().trim().min(1).max(50_000).describe('Comment text, Markdown.'),
  }),
  async execute({ issue, body }, ctx) {
    const data = await linearRequest<Answer>(ctx, MUTATION, { input: { issueId: issue, body } });
    if (!data.commentCreate.success) throw graphqlFailure(ctx, LINEAR_GRAPHQL, 'commentCreate did not succeed');
    const { comment } = data.commentCreate;
    return { id: comment.id, createdAt: comment.createdAt, body: truncate(comment.body, 300), url: comment.url };
  },
});
