import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { trelloId } from '../trello-types.ts';

interface TrelloCommentAction {
  id: string;
  date?: string;
  data?: { text?: string; card?: { id?: string; name?: string } };
}

export const trelloCommentOnCard = defineTool({
  name: 'trello_comment_on_card',
  provider: 'trello',
  writes: true,
  description: 'Add a comment to a Trello card.',
  scopes: ['write'],
  input: z.object({
    cardId: trelloId('The card to comment on.'),
    text: z.string().trim().min(1).max(16_384).describe('The comment (Markdown).'),
  }),
  async execute({ cardId, text }, ctx) {
    const action = await ctx.request<TrelloCommentAction>(path`/cards/${cardId}/actions/comments`, { method: 'POST', query: { text } });
    return compact({
      id: action.id,
      cardId: action.data?.card?.id ?? cardId,
      card: action.data?.card?.name,
      text: truncate(action.data?.text ?? text, 500),
      date: action.date,
    });
  },
});
