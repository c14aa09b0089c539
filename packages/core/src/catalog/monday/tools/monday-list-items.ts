import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { columnTexts, mondayId, mondayRequest, type MondayColumnValue } from '../monday-graphql.ts';

const QUERY = `query ListItems($boardId: ID!, $limit: Int!, $cursor: String) {
  boards(ids: [$boardId]) {
    id
    name
    items_page(limit: $limit, cursor: $cursor) {
      cursor
      items {
        id
        name
        state
        url
        updated_at
        group { id title }
        column_values { id text type column { title } }
      }
    }
  }
}`;

interface Answer {
  boards: Array<{
    id: string;
    name: string;
    items_page: {
      cursor?: string | null;
      items: Array<{ id: string; name: string; state?: string | null; url?: string; updated_at?: string | null; group?: { id: string; title: string } | null; column_values?: MondayColumnValue[] }>;
    };
  } | null>;
}

export const mondayListItems = defineTool({
  name: 'monday_list_items',
  provider: 'monday',
  description: 'List the items (rows) of a monday.com board with their group and column values as text. Pass nextCursor back for the next page.',
  scopes: ['boards:read'],
  input: z.object({
    boardId: mondayId('Board id (from monday_list_boards).'),
    limit: z.number().int().min(1).max(100).optional().describe('How many items (default 25).'),
    cursor: z.string().trim().min(1).max(2048).optional().describe('nextCursor from a previous call.'),
  }),
  async execute({ boardId, limit, cursor }, ctx) {
    const data = await mondayRequest<Answer>(ctx, QUERY, { boardId, limit: limit ?? 25, ...(cursor ? { cursor } : {}) });
    const board = data.boards.find((b) => b !== null);
    if (!board) throw new OnBehalfError('PROVIDER_API_ERROR', `monday.com has no board ${boardId} this account can see.`, { details: { provider: 'monday', boardId } });
    return compact({
      board: { id: board.id, name: board.name },
      items: board.items_page.items.map((item) => compact({
        id: item.id,
        name: truncate(item.name, 300),
        group: item.group?.title,
        groupId: item.group?.id,
        state: item.state,
        updatedAt: item.updated_at,
        columns: columnTexts(item.column_values),
        url: item.url,
      })),
      nextCursor: board.items_page.cursor ?? undefined,
    });
  },
});
