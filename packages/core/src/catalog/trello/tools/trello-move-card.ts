import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { cardSummary, trelloId, type TrelloCard } from '../trello-types.ts';

export const trelloMoveCard = defineTool({
  name: 'trello_move_card',
  provider: 'trello',
  writes: true,
  description: 'Move a Trello card to another list (for example from "Doing" to "Done"), on the same board or, with boardId, on another one.',
  scopes: ['write'],
  input: z.object({
    cardId: trelloId('The card to move.'),
    listId: trelloId('The list to move it to.'),
    boardId: trelloId('The board of that list, when it is not the card\'s current board.').optional(),
    pos: z.enum(['top', 'bottom']).optional().describe('Where in the list: top or bottom.'),
  }),
  async execute({ cardId, listId, boardId, pos }, ctx) {
    const card = await ctx.request<TrelloCard>(path`/cards/${cardId}`, { method: 'PUT', query: { idList: listId, idBoard: boardId, pos } });
    return cardSummary(card);
  },
});
