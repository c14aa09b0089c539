import { defineToolkit, graphqlErrorInfo } from '../../tools/index.ts';
import { MONDAY_API_VERSION } from './monday-graphql.ts';
import { monday } from './provider.ts';
import { mondayChangeColumnValues } from './tools/monday-change-column-values.ts';
import { mondayCreateItem } from './tools/monday-create-item.ts';
import { mondayListBoards } from './tools/monday-list-boards.ts';
import { mondayListItems } from './tools/monday-list-items.ts';
import { mondayPostUpdate } from './tools/monday-post-update.ts';

export { MONDAY_API_VERSION } from './monday-graphql.ts';
export { revokeMondayToken } from './monday-revoke.ts';

export const mondayToolkit = defineToolkit({
  provider: monday,
  tools: [mondayListBoards, mondayListItems, mondayCreateItem, mondayChangeColumnValues, mondayPostUpdate],
  apiVersion: { header: 'API-Version', value: MONDAY_API_VERSION },
  parseError: graphqlErrorInfo,
});
