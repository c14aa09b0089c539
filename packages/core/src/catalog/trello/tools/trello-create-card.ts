import { z } from 'zod';
import { dateTimeWithOffset, defineTool } from '../../../tools/index.ts';
import { cardSummary, trelloId, type TrelloCard } from '../trello-types.ts';

export const trelloCreateCard = defineTool({
  name: 'trello_create_card',
  provider: 'trello',
  writes: true,
  description: 'Create a card in a Trello list (list ids come from trello_list_boards).',
  scopes: ['write'],
  input: z.object({
    listId: trelloId('The list to add the card to.'),
    name: z.string().trim().min(1).max(16_384).describe('Card title.'),
    desc: z.string().max(16_384).optional().describe('Card description (Markdown).'),
    due: dateTimeWithOffset('Due date and time, e.g. 2026-12-24T17:00:00+01:00.').optional(),
    pos: z.enum(['top', 'bottom']).optional().describe('Where in the list: top or bottom (default bottom).'),
    labelIds: z.array(trelloId('A label id of the board.')).max(20).optional().describe('Labels to put on the card.'),
  }),
  async execute({ listId, name, desc, due, pos, labelIds }, ctx) {
    // Trello takes the card's fields as query parameters, as its description documents them.
    const card = await ctx.request<TrelloCard>('/cards', {
      method: 'POST',
      query: { idList: listId, name, desc, due, pos, idLabels: labelIds?.length ? labelIds.join(',') : undefined },
    });
    return cardSummary(card);
  },
});
