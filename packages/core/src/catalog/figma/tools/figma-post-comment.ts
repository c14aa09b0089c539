import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { commentSummary, fileKey, nodeId, type FigmaComment } from '../figma-types.ts';

export const figmaPostComment = defineTool({
  name: 'figma_post_comment',
  provider: 'figma',
  writes: true,
  description: 'Post a comment on a Figma file, optionally pinned to a frame or layer (node_id from figma_get_file), or reply to an existing top-level comment (reply_to).',
  scopes: ['file_comments:write'],
  input: z.object({
    file_key: fileKey,
    message: z.string().trim().min(1).max(5000).describe('The comment text.'),
    node_id: nodeId.optional().describe('Pin the comment to this frame or layer, e.g. "1:23" (top-left corner).'),
    reply_to: z.string().trim().regex(/^\d{1,20}$/).optional().describe('Id of a top-level comment to reply to (replies cannot be replied to).'),
  }),
  async execute({ file_key, message, node_id, reply_to }, ctx) {
    const comment = await ctx.request<FigmaComment>(path`/v1/files/${file_key}/comments`, {
      method: 'POST',
      body: compact({
        message,
        comment_id: reply_to,
        // A reply takes its thread's position; a pin is an offset inside the node.
        client_meta: node_id && !reply_to ? { node_id, node_offset: { x: 0, y: 0 } } : undefined,
      }),
    });
    return compact(commentSummary(comment));
  },
});
