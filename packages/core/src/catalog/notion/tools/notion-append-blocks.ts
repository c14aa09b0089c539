import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { lineBlocks, MAX_BLOCKS, notionId } from '../notion-blocks.ts';
import { notionHeaders as headers } from '../notion-objects.ts';

export interface NotionAppendInput {
  content: string;
  after_block_id?: string | undefined;
}

/** The `PATCH /v1/blocks/{id}/children` body; `position` is how 2026-03-11 places blocks (no flat `after`). */
export function notionAppendBody(input: NotionAppendInput) {
  return {
    children: lineBlocks(input.content),
    ...(input.after_block_id ? { position: { type: 'after_block' as const, after_block: { id: input.after_block_id } } } : {}),
  };
}

export const notionAppendBlocks = defineTool({
  name: 'notion_append_blocks',
  provider: 'notion',
  writes: true,
  description: `Add content to the end of a Notion page (or after one of its blocks). Each line becomes a block: "# ", "## ", "### " headings, "- " bullets, "1. " numbered items, "[ ] "/"[x] " to-dos, other lines paragraphs. At most ${MAX_BLOCKS} lines per call.`,
  input: z.object({
    page_id: notionId('The page (or block) to add content to.'),
    content: z.string().trim().min(1).max(100_000).describe('The text to add, one block per line.'),
    after_block_id: notionId('Insert after this block of the page instead of at the end.').optional(),
  }).refine((input) => input.content.split(/\r?\n/).filter((l) => l.trim() !== '').length <= MAX_BLOCKS, { message: `At most ${MAX_BLOCKS} non-empty lines per call`, path: ['content'] }),
  async execute(input, ctx) {
    const answer = await ctx.request<{ results?: Array<{ id: string; type?: string }> }>(path`/v1/blocks/${input.page_id}/children`, { method: 'PATCH', headers, body: notionAppendBody(input) });
    const added = answer?.results ?? [];
    return { pageId: input.page_id, added: added.length, blockIds: added.slice(0, MAX_BLOCKS).map((b) => b.id) };
  },
});
