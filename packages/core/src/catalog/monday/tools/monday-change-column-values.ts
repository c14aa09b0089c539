import { z } from 'zod';
import { compact, defineTool, graphqlFailure } from '../../../tools/index.ts';
import { columnTexts, columnValues, MONDAY_GRAPHQL, mondayId, mondayRequest, type MondayColumnValue } from '../monday-graphql.ts';

const MUTATION = `mutation ChangeColumnValues($boardId: ID!, $itemId: ID!, $columnValues: JSON!) {
  change_multiple_column_values(board_id: $boardId, item_id: $itemId, column_values: $columnValues, create_labels_if_missing: false) {
    id
    name
    url
    column_values { id text type column { title } }
  }
}`;

interface Answer {
  change_multiple_column_values: { id: string; name: string; url?: string; column_values?: MondayColumnValue[] } | null;
}

export const mondayChangeColumnValues = defineTool({
  name: 'monday_change_column_values',
  provider: 'monday',
  writes: true,
  description: 'Change one or more column values of a monday.com item, keyed by column id, e.g. {"status": {"label": "Done"}, "person": {"personsAndTeams": [{"id": 4012689, "kind": "person"}]}}. Use an item name column id "name" to rename.',
  scopes: ['boards:write'],
  input: z.object({
    boardId: mondayId('Board id of the item.'),
    itemId: mondayId('Item id.'),
    columnValues: columnValues('Column id → new value.').refine((v) => Object.keys(v).length > 0, 'Give at least one column value'),
  }),
  async execute({ boardId, itemId, columnValues: values }, ctx) {
    const data = await mondayRequest<Answer>(ctx, MUTATION, { boardId, itemId, columnValues: JSON.stringify(values) });
    const item = data.change_multiple_column_values;
    if (!item) throw graphqlFailure(ctx, MONDAY_GRAPHQL, 'change_multiple_column_values returned no item');
    return compact({ id: item.id, name: item.name, columns: columnTexts(item.column_values), url: item.url });
  },
});
