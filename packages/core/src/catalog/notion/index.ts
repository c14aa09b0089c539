import { defineToolkit } from '../../tools/index.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';
import { notionApiErrorInfo } from './notion-api-error.ts';
import { notion } from './provider.ts';
import { notionAddComment } from './tools/notion-add-comment.ts';
import { notionAppendBlocks } from './tools/notion-append-blocks.ts';
import { notionCreatePage } from './tools/notion-create-page.ts';
import { notionGetPageText } from './tools/notion-get-page-text.ts';
import { notionQueryDatabase } from './tools/notion-query-database.ts';
import { notionSearch } from './tools/notion-search.ts';

export { NOTION_API_VERSION } from './notion-api-version.ts';
export { notionCommentBody } from './tools/notion-add-comment.ts';
export { notionAppendBody } from './tools/notion-append-blocks.ts';
export { notionCreatePageBody } from './tools/notion-create-page.ts';
export { notionQueryBody } from './tools/notion-query-database.ts';
export { notionSearchBody } from './tools/notion-search.ts';

export const notionToolkit = defineToolkit({
  provider: notion,
  tools: [notionSearch, notionCreatePage, notionGetPageText, notionQueryDatabase, notionAppendBlocks, notionAddComment],
  apiVersion: { header: 'Notion-Version', value: NOTION_API_VERSION },
  parseError: notionApiErrorInfo,
});
