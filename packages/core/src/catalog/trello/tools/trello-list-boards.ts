import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';

interface TrelloBoard {
  id: string;
  name: string;
  desc?: string;
  closed?: boolean;
  starred?: boolean;
  url?: string;
  shortUrl?: string;
  lists?: Array<{ id: string; name: string; closed?: boolean }>;
}

export const trelloListBoards = defineTool({
  name: 'trello_list_boards',
  provider: 'trello',
  description: 'List the Trello boards of the connected person, each with its open lists (list ids are what creating or moving a card needs).',
  scopes: ['read'],
  input: z.object({
    filter: z.enum(['open', 'starred', 'closed', 'all']).default('open').describe('Which boards: open (default), starred, closed (archived) or all.'),
    limit: z.number().int().min(1).max(100).default(50).describe('At most this many boards (1-100).'),
  }),
  async execute({ filter, limit }, ctx) {
    // Trello's description types this route's member id as a 24-hex TrelloID, not `me`: the id
    // captured at consent, or (key + token accounts) asked for first.
    const memberId = ctx.account.values?.memberId ?? (await ctx.request<{ id: string }>('/members/me', { query: { fields: 'id' } })).id;
    const boards = await ctx.request<TrelloBoard[]>(path`/members/${memberId}/boards`, { query: { filter, lists: 'open' } });
    const list = boards ?? [];
    return compact({
      boards: list.slice(0, limit).map((board) => compact({
        id: board.id,
        name: board.name,
        desc: board.desc ? truncate(board.desc, 200) : undefined,
        closed: board.closed || undefined,
        starred: board.starred || undefined,
        url: board.shortUrl ?? board.url,
        lists: (board.lists ?? []).slice(0, 50).map((l) => ({ id: l.id, name: l.name })),
      })),
      truncated: list.length > limit ? true : undefined,
    });
  },
});
