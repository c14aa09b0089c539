import { z } from 'zod';
import { compact, truncate } from '../../tools/index.ts';

/** Trello object ids are 24 hexadecimal characters (the `TrelloID` of Trello's API description). */
export const trelloId = (description: string) => z.string().trim().regex(/^[0-9a-fA-F]{24}$/, 'A Trello id: 24 hexadecimal characters').describe(description);

export interface TrelloLabel {
  name?: string;
  color?: string | null;
}

export interface TrelloCard {
  id: string;
  name: string;
  desc?: string;
  closed?: boolean;
  idList?: string;
  idBoard?: string;
  due?: string | null;
  dueComplete?: boolean;
  labels?: TrelloLabel[];
  url?: string;
  shortUrl?: string;
  dateLastActivity?: string;
}

/** A card in the few fields a model acts on, its description cut to `descMax` characters. */
export function cardSummary(card: TrelloCard, descMax = 300) {
  const labels = (card.labels ?? []).map((label) => label.name || label.color || '').filter(Boolean);
  return compact({
    id: card.id,
    name: card.name,
    desc: card.desc ? truncate(card.desc, descMax) : undefined,
    listId: card.idList,
    boardId: card.idBoard,
    due: card.due ?? undefined,
    dueComplete: card.due ? card.dueComplete : undefined,
    labels: labels.length > 0 ? labels : undefined,
    closed: card.closed || undefined,
    url: card.shortUrl ?? card.url,
  });
}
