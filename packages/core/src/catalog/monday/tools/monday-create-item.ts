import { z } from 'zod';
import { compact, defineTool, graphqlFailure } from '../../../tools/index.ts';
import { columnTexts, columnValues, MONDAY_GRAPHQL, mondayId, mondayRequest, type MondayColumnValue } from '../monday-graphql.ts';

const MUTATION = `mutation CreateItem($boardId: ID!, $itemName: String!, $groupId: String, $columnValues: JSON) {
  create_item(board_id: $boardId, item_name: $itemName, group_id: $groupId, column_values: $columnValues, create_labels_if_missing: false) {
    id
    name
    url
    group { id title }
    column_values { id text type column { title } }
  }
}`;

interface Answer {
  create_item: { id: string; name: string; url?: string; group?: { id: string; title: string } | null; column_values?: MondayColumnValue[] } | null;
}

export const mondayCreateItem = defineTool({
  name: 'monday_create_item',
  provider: 'monday',
  writes: true,
  description: 'Create an item (row) on a monday.com board, optionally in a group and with column values keyed by column id (ids from monday_list_boards), e.g. {"status": {"label": "Working on it"}, "date4": {"date": "2025-03-31"}, "text": "Notes"}.',
  scopes: ['boards:write'],
  input: z.object({
    boardId: mondayId('Board id.'),
    name: z.string().trim().min(1).max(255).describe('Item name.'),
    groupId: z.string().trim().min(1).max(100).optional().describe('Group id (from monday_list_boards); the top group otherwise.'),
    columnValues: columnValues('Column id → value.').optional(),
  }),
  async execute({ boardId, name, groupId, columnValues: values }, ctx) {
    const variables = { boardId, itemName: name, ...(groupId ? { groupId } : {}), ...(values ? { columnValues: JSON.stringify(values) } : {}) };
    const data = await mondayRequest<Answer>(ctx, MUTATION, variables);
    const item = data.create_item;
    if (!item) throw graphqlFailure(ctx, MONDAY_GRAPHQL, 'create_item returned no item');
    return compact({ id: item.id, name: item.name, group: item.group?.title, columns: columnTexts(item.column_values), url: item.url });
  },
});
