import { defineProviderModule } from '../../mock-api/index.ts';
import { notionDialect } from './notion-dialect.ts';
import { createNotionMock } from './notion-mock.ts';

/** Notion API: the catalog's API base is `https://api.notion.com` (tools call `/v1/…`), here `/notion`. */
export const notionProvider = defineProviderModule({
  id: 'notion',
  prefix: '/notion',
  realBase: 'https://api.notion.com',
  apiBasePath: '/notion',
  jsonType: 'application/json; charset=utf-8',
  createMock: createNotionMock,
  dialect: notionDialect,
});
