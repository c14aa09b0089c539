import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { cardSummary, trelloId, type TrelloCard } from '../trello-types.ts';

export const trelloListCards = defineTool({
  name: 'trello_list_cards',
  provider: 'trello',
  description: 'List the open cards of one Trello list, or of a whole board. Give exactly one of listId or boardId (from trello_list_boards).',
  scopes: ['read'],
  input: z.object({
    listId: trelloId('The list whose cards to list.').optional(),
    boardId: trelloId('The board whose open cards to list (all its lists).').optional(),
    limit: z.number().int().min(1).max(200).default(50).describe('At most this many cards (1-200).'),
  }).refine((input) => (input.listId === undefined) !== (input.boardId === undefined), 'Give exactly one of listId or boardId.'),
  async execute({ listId, boardId, limit }, ctx) {
    const cards = await ctx.request<TrelloCard[]>(listId ? path`/lists/${listId}/cards` : path`/boards/${boardId!}/cards`);
    const list = cards ?? [];
    return compact({
      cards: list.slice(0, limit).map((card) => cardSummary(card)),
      truncated: list.length > limit ? true : undefined,
    });
  },
});
