import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { commentSummary, fileKey, type FigmaComment } from '../figma-types.ts';

export const figmaListComments = defineTool({
  name: 'figma_list_comments',
  provider: 'figma',
  description: 'List the comments on a Figma file, newest first: text (as Markdown), author, replies (parentId), resolved state and the node a comment is pinned to.',
  scopes: ['file_comments:read'],
  input: z.object({
    file_key: fileKey,
    unresolvedOnly: z.boolean().default(false).describe('Leave out resolved comment threads.'),
    limit: z.number().int().min(1).max(200).default(50).describe('Most comments returned.'),
  }),
  async execute({ file_key, unresolvedOnly, limit }, ctx) {
    const { comments } = await ctx.request<{ comments: FigmaComment[] }>(path`/v1/files/${file_key}/comments`, { query: { as_md: true } });
    const all = comments ?? [];
    // A reply belongs to its thread: resolving a thread resolves its root comment.
    const resolvedRoots = new Set(all.filter((c) => !c.parent_id && c.resolved_at).map((c) => c.id));
    const kept = unresolvedOnly ? all.filter((c) => !resolvedRoots.has(c.parent_id || c.id)) : all;
    const newestFirst = [...kept].sort((a, b) => b.created_at.localeCompare(a.created_at));
    return {
      comments: newestFirst.slice(0, limit).map((c) => compact(commentSummary(c))),
      ...(newestFirst.length > limit ? { truncated: true } : {}),
    };
  },
});
