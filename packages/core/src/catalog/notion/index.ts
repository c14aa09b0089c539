import { defineToolkit } from '../../tools/index.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';
import { notionApiErrorInfo } from './notion-api-error.ts';
import { notion } from './provider.ts';
import { notionCreatePage } from './tools/notion-create-page.ts';
import { notionSearch } from './tools/notion-search.ts';

export { NOTION_API_VERSION } from './notion-api-version.ts';
export { notionCreatePageBody } from './tools/notion-create-page.ts';
export { notionSearchBody } from './tools/notion-search.ts';

export const notionToolkit = defineToolkit({
  provider: notion,
  tools: [notionSearch, notionCreatePage],
  apiVersion: { header: 'Notion-Version', value: NOTION_API_VERSION },
  parseError: notionApiErrorInfo,
});
