import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { notionId, textItems } from '../notion-blocks.ts';
import { notionHeaders as headers } from '../notion-objects.ts';

export interface NotionCommentInput {
  page_id?: string | undefined;
  discussion_id?: string | undefined;
  text: string;
}

/** The `POST /v1/comments` body: a new discussion on a page, or a reply in an existing one. */
export function notionCommentBody(input: NotionCommentInput) {
  const rich_text = textItems(input.text);
  return input.discussion_id ? { discussion_id: input.discussion_id, rich_text } : { parent: { page_id: input.page_id ?? '' }, rich_text };
}

export const notionAddComment = defineTool({
  name: 'notion_add_comment',
  provider: 'notion',
  writes: true,
  description: 'Comment on a Notion page (a new discussion at the top of the page), or reply in an existing discussion with discussion_id. Needs the integration\'s comment capability.',
  input: z.object({
    page_id: notionId('The page to comment on.').optional(),
    discussion_id: notionId('A discussion to reply in, instead of page_id.').optional(),
    text: z.string().trim().min(1).max(10_000).describe('Plain-text comment.'),
  }).refine((input) => (input.page_id === undefined) !== (input.discussion_id === undefined), { message: 'Give exactly one of page_id and discussion_id', path: ['page_id'] }),
  async execute(input, ctx) {
    const comment = await ctx.request<{ id: string; discussion_id?: string; created_time?: string }>('/v1/comments', { method: 'POST', headers, body: notionCommentBody(input) });
    return compact({ id: comment.id, discussionId: comment.discussion_id, createdTime: comment.created_time });
  },
});
