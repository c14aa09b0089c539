import { defineToolkit } from '../../tools/index.ts';
import { trello } from './provider.ts';
import { trelloApiErrorInfo } from './trello-api-error.ts';
import { trelloCommentOnCard } from './tools/trello-comment-on-card.ts';
import { trelloCreateCard } from './tools/trello-create-card.ts';
import { trelloListBoards } from './tools/trello-list-boards.ts';
import { trelloListCards } from './tools/trello-list-cards.ts';
import { trelloMoveCard } from './tools/trello-move-card.ts';

export const trelloToolkit = defineToolkit({
  provider: trello,
  tools: [trelloListBoards, trelloListCards, trelloCreateCard, trelloMoveCard, trelloCommentOnCard],
  parseError: trelloApiErrorInfo,
});
